// What a toast is, for the server that sets it (toast.server.ts) and the Toaster that shows it.
import { z } from 'zod'

export const ToastSchema = z.object({
  id: z.string().max(40),
  type: z.enum(['success', 'message', 'error']),
  title: z.string().max(200).optional(),
  description: z.string().max(1000),
})
export type Toast = z.infer<typeof ToastSchema>
export type ToastInput = Omit<Toast, 'id' | 'type'> & { type?: Toast['type'] }
