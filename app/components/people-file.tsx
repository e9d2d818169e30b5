import { getFormProps, type FormMetadata, type FieldMetadata } from '@conform-to/react'
import type { ReactNode } from 'react'
import { Form } from 'react-router'
import { Field, FormErrors, SubmitButton } from '~/components/ui/field'

type Counts = { rows: number; ready: number; withProblems: number }

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
      <strong>{fileName}</strong>: {plural(counts.rows, 'row', 'rows')}, {counts.ready.toLocaleString('en-GB')} {readyWord}
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
