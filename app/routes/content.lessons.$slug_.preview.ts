import type { ActionFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { z } from 'zod'
import { compileMdx } from '~/utils/mdx.server'
import { requireContentManager } from '~/utils/auth.server'

const PreviewSchema = z.object({ body: z.string().max(100_000, 'The lesson is too long to preview (100,000 characters at most).') })

/** Compiles an editor's body with the lesson pipeline: the compiled code, or problems at editor lines. */
export async function action({ request }: ActionFunctionArgs) {
  await requireContentManager(request)
  const parsed = PreviewSchema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) return data({ ok: false as const, problems: [{ line: 1, column: 1, message: parsed.error.issues[0]!.message }] }, { status: 400 })
  const result = await compileMdx(parsed.data.body)
  return result.ok ? { ok: true as const, code: result.code } : { ok: false as const, problems: result.problems }
}
