import type { LoaderFunctionArgs, MetaFunction } from 'react-router'
import { Form, Link, useActionData, useNavigation } from 'react-router'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PeopleFileUpload, PreviewCounts, PreviewTable } from '~/components/people-file'
import { FormErrors, SubmitButton } from '~/components/ui/field'
import { PeopleFileUploadSchema } from '~/domain/people/people-file-form'
import type { LeaverRow } from '~/domain/people/leavers'
import { MAX_PEOPLE_FILE_BYTES, MAX_PEOPLE_ROWS } from '~/domain/people/people-file'
import { applyLeavers, LeaversFileError, previewLeavers, readPeopleUpload } from '~/models/people-import.server'
import { requireAdmin } from '~/utils/auth.server'
import { useSchemaForm } from '~/utils/forms'
import { peopleFileAction } from '~/utils/people-file-action.server'

export const meta: MetaFunction = () => [{ title: 'Deactivate leavers from a file · People · Mission Ready' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request)
  return null
}

export const action = peopleFileAction({
  purpose: 'people-leavers',
  readUpload: readPeopleUpload,
  preview: previewLeavers,
  show: ({ personId: _, ...row }: LeaverRow) => row,
  apply: async (viewer, text) => {
    const { deactivated } = await applyLeavers(viewer, text)
    return {
      redirectTo: '/admin/people?status=deactivated',
      description: `Deactivated ${deactivated.toLocaleString('en-GB')} ${deactivated === 1 ? 'person' : 'people'}. They are signed out and cannot sign in; their records stay.`,
    }
  },
  isFileError: (error) => error instanceof LeaversFileError,
})

export default function DeactivateLeavers() {
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const sending = navigation.state === 'submitting' ? navigation.formData?.get('intent') : null
  const [form, fields] = useSchemaForm(PeopleFileUploadSchema, {
    id: 'people-leavers-upload',
    lastResult: actionData?.result?.initialValue?.intent === 'apply' ? null : actionData?.result,
  })
  // The confirm form has no visible fields: every error it gets shows above the preview.
  const applyErrors =
    actionData?.result?.initialValue?.intent === 'apply'
      ? Object.values(actionData.result.error ?? {}).flatMap((messages) => messages ?? [])
      : undefined
  const preview = actionData && 'preview' in actionData ? actionData : null
  return (
    <div className="stack">
      <p>
        <Link to="/admin/people">← People</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>Deactivate leavers from a file</h1>
          <p>
            Check a CSV file naming the people who have left, see every row’s problem before anything changes, then deactivate them all at
            once. They are signed out and cannot sign in; their records stay.
          </p>
        </div>
        <Link to="/admin/people/import">Invite people from a file</Link>
      </div>

      <FormErrors errors={applyErrors} />

      {preview?.preview ? (
        <section className="stack" aria-labelledby="preview-heading">
          <h2 id="preview-heading">Preview</h2>
          <PreviewCounts
            fileName={preview.fileName ?? 'The file'}
            counts={{ rows: preview.preview.rows.length, ready: preview.preview.ready, withProblems: preview.preview.withProblems }}
            readyWord="ready to deactivate"
          />
          {preview.confirm ? (
            <Form
              method="post"
              encType="multipart/form-data"
              className="card row"
              style={{ alignItems: 'center' }}
              onSubmit={(e) => {
                if (!confirm(`Deactivate ${preview.preview.ready} people? They will be signed out at once.`)) e.preventDefault()
              }}
            >
              <input type="hidden" name="intent" value="apply" />
              <input type="hidden" name="text" value={preview.confirm.text} />
              <input type="hidden" name="signature" value={preview.confirm.signature} />
              <input type="hidden" name="fileName" value={preview.fileName ?? ''} />
              <p style={{ margin: 0 }}>Nothing has changed yet.</p>
              <SubmitButton busy={sending === 'apply'} busyLabel="Deactivating…" className="danger">
                Deactivate {preview.preview.ready.toLocaleString('en-GB')} {preview.preview.ready === 1 ? 'person' : 'people'}
              </SubmitButton>
            </Form>
          ) : (
            <div className="alert error" role="alert">
              Nobody can be deactivated until every row is right: correct the rows below in the file and upload it again. Nobody has been
              deactivated.
            </div>
          )}
          <PreviewTable caption="Every row of the file">
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Email</th>
                <th scope="col">Name</th>
                <th scope="col">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {preview.preview.rows.map((r) => (
                <tr key={r.row}>
                  <td>{r.row}</td>
                  <td>{r.email}</td>
                  <td>{r.name}</td>
                  <td>
                    {r.problems.length === 0 ? (
                      <span className="badge deactivated">Will be deactivated</span>
                    ) : (
                      <ul className="field-error" style={{ margin: 0, paddingLeft: '1rem' }}>
                        {r.problems.map((p) => (
                          <li key={p}>{p}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </PreviewTable>
        </section>
      ) : null}

      <PeopleFileUpload
        form={form}
        file={fields.file}
        busy={sending === 'preview'}
        heading={!preview?.preview ? 'Upload a file' : preview.confirm ? 'Upload another file' : 'Upload a corrected file'}
        hint={
          <>
            One person per row under a header row with an <strong>Email</strong> column; other columns are ignored, so the file people were
            invited from works too. Comma or semicolon separated, UTF-8, at most {MAX_PEOPLE_ROWS.toLocaleString('en-GB')} rows and{' '}
            {MAX_PEOPLE_FILE_BYTES / 1024} KB.
          </>
        }
      />
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
