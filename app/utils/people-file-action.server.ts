// The action both people-file pages share (Admin → People → Invite from a file, Deactivate leavers):
// `preview` reads the upload and answers with every row's problems, signing the text when it has
// none; `apply` re-checks that signature and hands the text to the model, which checks the file
// again in its transaction. What differs is the model's preview and apply, and what a row shows.
import type { ActionFunctionArgs } from 'react-router'
import { data } from 'react-router'
import { PEOPLE_FILE_INTENTS, PeopleFileActionSchema, PREVIEW_EXPIRED } from '~/domain/people/people-file-form'
import { normalisedText } from '~/domain/people/people-file'
import type { Viewer } from '~/domain/permissions/permissions'
import { requireAdmin } from './auth.server'
import { intentOf, replyUnavailable } from './form-intent'
import { parseSubmission, replyInvalid } from './forms'
import { signText, verifyText } from './signed-text.server'
import { redirectWithToast } from './toast.server'

type Checked<Row> = { ok: true; rows: Row[]; ready: number; withProblems: number }
type Unreadable = { ok: false; problem: string }
/** A file the model refused at apply time, with the new preview if it could read the file. */
type FileError<Row> = Error & { status: number; preview: Checked<Row> | Unreadable | null }

export function peopleFileAction<Row, Shown>(page: {
  /** Binds a signature to this page: a preview signed for one page cannot confirm the other. */
  purpose: string
  readUpload: (file: File) => Promise<{ ok: true; text: string } | Unreadable>
  preview: (viewer: Viewer, text: string) => Promise<Checked<Row> | Unreadable>
  /** A row as the page shows it (without ids the browser need not see). */
  show: (row: Row) => Shown
  apply: (viewer: Viewer, text: string) => Promise<{ redirectTo: string; description: string }>
  isFileError: (error: unknown) => error is FileError<Row>
}) {
  /** The preview as the page shows it, with what the Confirm button sends back. */
  const previewReply = (userId: string, fileName: string, text: string, preview: Checked<Row>) => ({
    fileName,
    preview: { rows: preview.rows.map(page.show), ready: preview.ready, withProblems: preview.withProblems },
    // Only a file with no problems can be confirmed: only then does the page carry it back.
    confirm: preview.withProblems === 0 ? { text, signature: signText(page.purpose, userId, text) } : null,
  })

  return async function action({ request }: ActionFunctionArgs) {
    const { viewer, user } = await requireAdmin(request)
    const formData = await request.formData()
    if (!intentOf(formData, PEOPLE_FILE_INTENTS)) return replyUnavailable(formData)
    const submission = parseSubmission(formData, PeopleFileActionSchema)
    if (submission.status !== 'success') return replyInvalid(submission)
    const value = submission.value
    // The file's text is not sent back in the form's values (it can be half a megabyte).
    const reply = (formErrors: string[], status: number, extra: Partial<ReturnType<typeof previewReply>> = {}) =>
      data({ result: submission.reply({ formErrors, hideFields: ['text', 'signature', 'file'] }), ...extra }, { status })

    if (value.intent === 'preview') {
      const read = await page.readUpload(value.file)
      if (!read.ok) return replyInvalid(submission, { fieldErrors: { file: [read.problem] } })
      const preview = await page.preview(viewer, read.text)
      if (!preview.ok) return replyInvalid(submission, { fieldErrors: { file: [preview.problem] } })
      return data({ result: undefined, ...previewReply(user.id, value.file.name, read.text, preview) })
    }

    // A browser sends the text's line ends back as CRLF: the signed text has them as \n.
    const text = normalisedText(value.text)
    if (!verifyText(page.purpose, user.id, text, value.signature)) return reply([PREVIEW_EXPIRED], 400)
    try {
      const done = await page.apply(viewer, text)
      return redirectWithToast(done.redirectTo, { description: done.description })
    } catch (error) {
      if (!page.isFileError(error)) throw error
      const again = error.preview?.ok ? previewReply(user.id, value.fileName ?? 'The file', text, error.preview) : {}
      return reply([error.message], error.status, again)
    }
  }
}
