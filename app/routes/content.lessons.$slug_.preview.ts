import type { ActionFunctionArgs } from 'react-router'
import { z } from 'zod'
import type { LessonPreview } from '~/domain/content/lesson-form'
import { requireContentManager } from '~/utils/auth.server'
import { compileMdx } from '~/utils/mdx.server'
import { inPreviewQueue, PREVIEW_QUEUE, PreviewBusy } from '~/utils/preview-queue.server'

const PreviewSchema = z.object({ body: z.string().max(100_000, 'The lesson is too long to preview (100,000 characters at most).') })

// A resource route: a Response, so its status reaches the client (data() here would answer 200).
const answer = (body: LessonPreview, status = 200, headers: Record<string, string> = {}) => Response.json(body, { status, headers })

/**
 * Compiles an editor's body with the lesson pipeline: 200 with the compiled code, 422 with
 * problems at editor lines, or 503 with Retry-After while this trainer's previews are queued full.
 */
export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireContentManager(request)
  const parsed = PreviewSchema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) return answer({ ok: false, problems: [{ line: 1, column: 1, message: parsed.error.issues[0]!.message }] }, 400)
  try {
    const result = await inPreviewQueue(user.id, () => compileMdx(parsed.data.body))
    return result.ok ? answer({ ok: true, code: result.code }) : answer({ ok: false, problems: result.problems }, 422)
  } catch (error) {
    if (!(error instanceof PreviewBusy)) throw error
    return answer({ ok: false, problems: [], busy: error.message }, 503, { 'Retry-After': String(PREVIEW_QUEUE.retryAfterSeconds) })
  }
}
