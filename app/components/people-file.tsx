import { getFormProps, type FormMetadata, type FieldMetadata, type SubmissionResult } from '@conform-to/react'
import type { ReactNode } from 'react'
import { Form, useNavigation } from 'react-router'
import { Field, FormErrors, SubmitButton } from '~/components/ui/field'
import { PeopleFileUploadSchema } from '~/domain/people/people-file-form'
import { useSchemaForm } from '~/utils/forms'

type Counts = { rows: readonly unknown[]; ready: number; withProblems: number }

/**
 * The upload step of a people file: a file field and a button that sends it for checking (nothing
 * is changed until the preview is confirmed). Multipart, as a file needs.
 */
export function PeopleFileUpload({
  form,
  file,
  busy,
  hint,
  heading,
}: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a form of any schema with a file field
  form: FormMetadata<any, string[]>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the file field
  file: FieldMetadata<any, any, string[]>
  busy: boolean
  hint: ReactNode
  /** "Upload a file" at first; after a preview, another or a corrected one. */
  heading: 'Upload a file' | 'Upload another file' | 'Upload a corrected file'
}) {
  return (
    <Form method="post" encType="multipart/form-data" className="card stack" {...getFormProps(form)}>
      <h2>{heading}</h2>
      <FormErrors errors={form.errors} id={form.errorId} />
      <input type="hidden" name="intent" value="preview" />
      <Field label="CSV file" meta={file} type="file" accept=".csv,.txt,text/csv,text/plain" hint={hint} />
      <div className="row">
        <SubmitButton busy={busy} busyLabel="Checking the file…" className={heading === 'Upload a file' ? undefined : 'secondary'}>
          Check the file
        </SubmitButton>
      </div>
    </Form>
  )
}

/** "12 rows: 10 ready, 2 with a problem", said once for screen readers when a preview appears. */
export function PreviewCounts({ fileName, counts, readyWord }: { fileName: string; counts: Counts; readyWord: string }) {
  const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`
  return (
    <p role="status">
      <strong>{fileName}</strong>: {plural(counts.rows.length, 'row', 'rows')}, {counts.ready.toLocaleString('en-GB')} {readyWord}
      {counts.withProblems > 0 ? `, ${plural(counts.withProblems, 'with a problem', 'with problems')}` : ''}.
    </p>
  )
}

/** The table of a preview, scrollable sideways and by keyboard. */
export function PreviewTable({ caption, children }: { caption: string; children: ReactNode }) {
  return (
    // A scrolling region must be reachable by keyboard (tabIndex) and named (its caption).

    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table>
        <caption>{caption}</caption>
        {children}
      </table>
    </div>
  )
}

/** What a people-file page's action answers (app/utils/people-file-action.server.ts). */
type PeopleFileReply<Row> = {
  result?: SubmissionResult<string[]>
  fileName?: string
  preview?: { rows: Row[]; ready: number; withProblems: number }
  confirm?: { text: string; signature: string } | null
}

/**
 * The state both people-file pages share: the upload form, the errors a refused confirm gets (shown
 * above the preview: the confirm form has no visible fields), the preview, and which step is sending.
 */
export function usePeopleFilePage<Row>(formId: string, reply: PeopleFileReply<Row> | undefined) {
  const navigation = useNavigation()
  const applying = reply?.result?.initialValue?.intent === 'apply'
  const [form, fields] = useSchemaForm(PeopleFileUploadSchema, { id: formId, lastResult: applying ? null : reply?.result })
  const preview = reply?.preview ? { ...reply, preview: reply.preview } : null
  return {
    form,
    file: fields.file,
    applyErrors: applying ? Object.values(reply.result?.error ?? {}).flatMap((messages) => messages ?? []) : undefined,
    preview,
    sending: navigation.state === 'submitting' ? navigation.formData?.get('intent') : null,
    /** "Upload a file" at first; after a preview, another or a corrected one. */
    uploadHeading: !preview ? 'Upload a file' : preview.confirm ? 'Upload another file' : 'Upload a corrected file',
  } as const
}

/** Confirms a previewed file: sends back its signed text, changing nothing until then. */
export function ConfirmFile({
  confirm,
  fileName,
  note,
  busy,
  busyLabel,
  children,
  danger,
  ask,
}: {
  confirm: { text: string; signature: string }
  fileName: string | undefined
  note: string
  busy: boolean
  busyLabel: string
  children: ReactNode
  danger?: boolean
  /** A question the browser asks before sending, for what cannot be undone from here. */
  ask?: string
}) {
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      className="card row"
      style={{ alignItems: 'center' }}
      onSubmit={ask ? (e) => !window.confirm(ask) && e.preventDefault() : undefined}
    >
      <input type="hidden" name="intent" value="apply" />
      <input type="hidden" name="text" value={confirm.text} />
      <input type="hidden" name="signature" value={confirm.signature} />
      <input type="hidden" name="fileName" value={fileName ?? ''} />
      <p style={{ margin: 0 }}>{note}</p>
      <SubmitButton busy={busy} busyLabel={busyLabel} className={danger ? 'danger' : undefined}>
        {children}
      </SubmitButton>
    </Form>
  )
}

/** A preview row's outcome: what will happen to it, or each of its problems. */
export function RowOutcome({ problems, ok, okClass }: { problems: string[]; ok: string; okClass: string }) {
  return problems.length === 0 ? (
    <span className={`badge ${okClass}`}>{ok}</span>
  ) : (
    <ul className="field-error" style={{ margin: 0, paddingLeft: '1rem' }}>
      {problems.map((p) => (
        <li key={p}>{p}</li>
      ))}
    </ul>
  )
}
