import type { LoaderFunctionArgs, MetaFunction } from 'react-router'
import { Link, useActionData, useLoaderData } from 'react-router'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ConfirmFile, PeopleFileUpload, PreviewCounts, PreviewTable, RowOutcome, usePeopleFilePage } from '~/components/people-file'
import { FormErrors } from '~/components/ui/field'
import { formatDay } from '~/domain/calendar/dates'
import type { ImportRow } from '~/domain/people/import'
import { MAX_PEOPLE_FILE_BYTES, MAX_PEOPLE_ROWS } from '~/domain/people/people-file'
import { ROLE_LABELS } from '~/domain/permissions/permissions'
import { applyPeopleImport, ImportFileError, previewPeopleImport, readPeopleUpload } from '~/models/people-import.server'
import { listTeamNames } from '~/models/team.server'
import { requireAdmin } from '~/utils/auth.server'
import { peopleFileAction } from '~/utils/people-file-action.server'

export const meta: MetaFunction = () => [{ title: 'Invite people from a file · People · Mission Ready' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request)
  return { teams: (await listTeamNames()).map((t) => t.name) }
}

export const action = peopleFileAction({
  purpose: 'people-import',
  readUpload: readPeopleUpload,
  preview: (_viewer, text) => previewPeopleImport(text),
  show: (row: ImportRow) => ({ ...row, teams: row.teams.map((t) => t.name) }),
  apply: async (viewer, text) => {
    const { invited } = await applyPeopleImport(viewer, text)
    return {
      redirectTo: '/admin/people?status=invited',
      description: `Invited ${invited.toLocaleString('en-GB')} ${invited === 1 ? 'person' : 'people'}. Their invite mails are on their way (in the outbox if no mail server is set up).`,
    }
  },
  isFileError: (error) => error instanceof ImportFileError,
})

export default function ImportPeople() {
  const { teams } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { form, file, applyErrors, preview, sending, uploadHeading } = usePeopleFilePage('people-import-upload', actionData)
  return (
    <div className="stack">
      <p>
        <Link to="/admin/people">← People</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>Invite people from a file</h1>
          <p>Check a CSV file of people, see every row’s problem before anything changes, then invite them all at once.</p>
        </div>
        <Link to="/admin/people/leavers">Deactivate leavers from a file</Link>
      </div>

      <FormErrors errors={applyErrors} />

      {preview ? (
        <section className="stack" aria-labelledby="preview-heading">
          <h2 id="preview-heading">Preview</h2>
          <PreviewCounts fileName={preview.fileName ?? 'The file'} counts={preview.preview} readyWord="ready to invite" />
          {preview.confirm ? (
            <ConfirmFile
              confirm={preview.confirm}
              fileName={preview.fileName}
              note="Nothing has changed yet. Everyone below gets an invite mail with a link valid for 7 days."
              busy={sending === 'apply'}
              busyLabel="Inviting…"
            >
              Invite {preview.preview.ready.toLocaleString('en-GB')} {preview.preview.ready === 1 ? 'person' : 'people'}
            </ConfirmFile>
          ) : (
            <div className="alert error" role="alert">
              Nothing can be imported until every row is right: correct the rows below in the file and upload it again. Nobody has been
              invited.
            </div>
          )}
          <PreviewTable caption="Every row of the file">
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Teams</th>
                <th scope="col">Start date</th>
                <th scope="col">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {preview.preview.rows.map((r) => (
                <tr key={r.row}>
                  <td>{r.row}</td>
                  <td>{r.name || <span className="muted">(they set it)</span>}</td>
                  <td>{r.email}</td>
                  {r.problems.length > 0 ? (
                    // A row with a problem shows what its file says, not what it would have become.
                    <>
                      <td>{r.given.role || ROLE_LABELS.learner}</td>
                      <td>{r.given.teams || <span className="muted">none</span>}</td>
                      <td>{r.given.startDate || formatDay(r.startDate)}</td>
                    </>
                  ) : (
                    <>
                      <td>{ROLE_LABELS[r.role]}</td>
                      <td>{r.teams.join(', ') || <span className="muted">none</span>}</td>
                      <td>{formatDay(r.startDate)}</td>
                    </>
                  )}
                  <td>
                    <RowOutcome problems={r.problems} ok="Will be invited" okClass="active" />
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
            One person per row under a header row. Columns: <strong>Email</strong> (required), <strong>Name</strong>, <strong>Role</strong>{' '}
            ({Object.values(ROLE_LABELS).join(', ')}; Learner when empty), <strong>Team</strong> (a team’s name; several separated by “;”),{' '}
            <strong>Start date</strong> (yyyy-mm-dd; today when empty). Comma or semicolon separated, UTF-8, at most{' '}
            {MAX_PEOPLE_ROWS.toLocaleString('en-GB')} rows and {MAX_PEOPLE_FILE_BYTES / 1024} KB.
          </>
        }
      />
      <section className="card stack" aria-labelledby="template-heading">
        <h2 id="template-heading">Start from the template</h2>
        <p>
          <a href="/admin/people/import/template.csv" download>
            Download the template (CSV)
          </a>{' '}
          and fill one row per person in a spreadsheet, then save it as CSV (UTF-8).
        </p>
        <p className="muted">
          {teams.length > 0 ? `Teams here: ${teams.join(', ')}.` : 'There are no teams yet: leave Team empty, or create teams first.'}
        </p>
      </section>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
