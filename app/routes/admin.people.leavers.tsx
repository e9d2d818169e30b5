import type { LoaderFunctionArgs, MetaFunction } from 'react-router'
import { Link, useActionData } from 'react-router'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ConfirmFile, PeopleFileUpload, PreviewCounts, PreviewTable, RowOutcome, usePeopleFilePage } from '~/components/people-file'
import { FormErrors } from '~/components/ui/field'
import type { LeaverRow } from '~/domain/people/leavers'
import { MAX_PEOPLE_FILE_BYTES, MAX_PEOPLE_ROWS } from '~/domain/people/people-file'
import { applyLeavers, LeaversFileError, previewLeavers, readPeopleUpload } from '~/models/people-import.server'
import { requireAdmin } from '~/utils/auth.server'
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
  const { form, file, applyErrors, preview, sending, uploadHeading } = usePeopleFilePage('people-leavers-upload', actionData)
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

      {preview ? (
        <section className="stack" aria-labelledby="preview-heading">
          <h2 id="preview-heading">Preview</h2>
          <PreviewCounts fileName={preview.fileName ?? 'The file'} counts={preview.preview} readyWord="ready to deactivate" />
          {preview.confirm ? (
            <ConfirmFile
              confirm={preview.confirm}
              fileName={preview.fileName}
              note="Nothing has changed yet."
              busy={sending === 'apply'}
              busyLabel="Deactivating…"
              danger
              ask={`Deactivate ${preview.preview.ready} people? They will be signed out at once.`}
            >
              Deactivate {preview.preview.ready.toLocaleString('en-GB')} {preview.preview.ready === 1 ? 'person' : 'people'}
            </ConfirmFile>
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
                    <RowOutcome problems={r.problems} ok="Will be deactivated" okClass="deactivated" />
                  </td>
                </tr>
              ))}
            </tbody>
          </PreviewTable>
        </section>
      ) : null}

      <PeopleFileUpload
        form={form}
        file={file}
        busy={sending === 'preview'}
        heading={uploadHeading}
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
