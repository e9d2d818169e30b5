import type { LoaderFunctionArgs, MetaFunction } from 'react-router'
import { Form, Link, useLoaderData } from 'react-router'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { AUDIT_ACTIONS, type AuditAction } from '~/domain/audit/actions'
import { listAudit } from '~/models/audit.server'
import { requireAdmin } from '~/utils/auth.server'
import { useDateFormat, useTimeZone } from '~/components/use-dates'

export const meta: MetaFunction = () => [{ title: 'Audit log · Mission Ready' }]

/** The log's query: anything not understood falls back to the whole log, first page (never an error, never echoed). */
export const AuditFilterSchema = z.object({
  action: z
    .enum(Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]])
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
})

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request)
  const filter = AuditFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  return { ...(await listAudit(filter)), filter }
}

export default function AuditLog() {
  const dateTime = useDateFormat('dateTimeSeconds')
  const zone = useTimeZone()
  const { events, total, pages, filter } = useLoaderData<typeof loader>()
  const page = (n: number) => `?${new URLSearchParams({ ...(filter.action ? { action: filter.action } : {}), page: String(n) })}`
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>Audit log</h1>
          <p>Who published, graded, changed roles and teams, deactivated people, and edited the framework or the readiness settings.</p>
        </div>
      </div>
      <Form method="get" className="card row inline-fields" aria-label="Filter the audit log">
        <div className="field">
          <label htmlFor="action">Action</label>
          <select id="action" name="action" defaultValue={filter.action ?? ''}>
            <option value="">Every action</option>
            {Object.entries(AUDIT_ACTIONS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Filter</button>
      </Form>
      <p className="muted" role="status">
        {total} event{total === 1 ? '' : 's'}.
      </p>
      {events.length === 0 ? (
        <div className="card empty">
          <p>Nothing recorded yet.</p>
        </div>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Audit events, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When ({zone.replaceAll('_', ' ')})</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">What</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <td>{dateTime.format(new Date(e.at))}</td>
                  <td>{e.actor}</td>
                  <td>{AUDIT_ACTIONS[e.action] ?? e.action}</td>
                  <td>{e.summary}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav className="pager" aria-label="Pages">
          {filter.page > 1 ? <Link to={page(filter.page - 1)}>← Newer</Link> : null}
          <span>
            Page {filter.page} of {pages}
          </span>
          {filter.page < pages ? <Link to={page(filter.page + 1)}>Older →</Link> : null}
        </nav>
      ) : null}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
