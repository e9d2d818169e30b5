// The two steps of a people-file page (invite from a file, deactivate leavers from a file), shared by
// both routes: upload a file to preview it, then confirm the previewed text with its signature.
import { z } from 'zod'
import { fileTooLarge, MAX_PEOPLE_FILE_BYTES } from './people-file'

export const PEOPLE_FILE_INTENTS = ['preview', 'apply'] as const

/** The file to check: any size up to the limit (checked in the browser before it is sent, and on the server). */
export const PeopleFileUploadSchema = z.object({
  intent: z.literal('preview'),
  file: z.file({ error: 'Choose a CSV file to upload.' }).superRefine((file, ctx) => {
    if (file.size > MAX_PEOPLE_FILE_BYTES) ctx.addIssue({ code: 'custom', message: fileTooLarge(file.size) })
  }),
})

/** The previewed file comes back with its signature; it is checked again in full before anything is written. */
export const PeopleFileConfirmSchema = z.object({
  intent: z.literal('apply'),
  text: z
    .string({ error: 'The previewed file did not come back: upload it again.' })
    .max(MAX_PEOPLE_FILE_BYTES, 'The previewed file is larger than a people file can be: upload it again.'),
  signature: z.string({ error: 'The previewed file did not come back: upload it again.' }).max(200),
  fileName: z.string().max(255).optional(),
})

export const PeopleFileActionSchema = z.discriminatedUnion('intent', [PeopleFileUploadSchema, PeopleFileConfirmSchema])

export const PREVIEW_EXPIRED = 'This preview has expired or was changed on the way: upload the file again.'
