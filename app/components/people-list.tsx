import { Form, Link, useNavigation } from 'react-router'
import { ROLE_LABELS, ROLES, type Role } from '~/domain/permissions/permissions'

type Team = { id: string; name: string }
type Person = { id: string; name: string; email: string; role: string; status: string; teams: Team[]; ledTeams: Team[] }

/** Search and filter form (a GET form, so the URL can be shared) plus the people table. */
export function PeopleList({
  people,
  total,
  page,
  pageCount,
  teams,
  filter,
  personHref,
  showStatusFilter,
}: {
  people: Person[]
  total: number
  page: number
  pageCount: number
  teams: { id: string; name: string }[]
  filter: { q?: string; teamId?: string; role?: string; status?: string }
  personHref: (id: string) => string
  showStatusFilter?: boolean
}) {
  const navigation = useNavigation()
  const searching = navigation.state === 'loading' && navigation.location?.search !== undefined
  const pageLink = (p: number) => `?${new URLSearchParams({ ...cleaned(filter), page: String(p) })}`
  return (
    <>
      <Form method="get" className="card row" role="search" aria-label="Filter people">
        <div className="field" style={{ flex: '2 1 14rem', marginBottom: 0 }}>
          <label htmlFor="q">Search</label>
          <input id="q" type="search" name="q" placeholder="Name or email" defaultValue={filter.q ?? ''} maxLength={100} />
        </div>
        <div className="field" style={{ flex: '1 1 10rem', marginBottom: 0 }}>
          <label htmlFor="teamId">Team</label>
          <select id="teamId" name="teamId" defaultValue={filter.teamId ?? ''}>
            <option value="">All teams</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field" style={{ flex: '1 1 8rem', marginBottom: 0 }}>
          <label htmlFor="role">Role</label>
          <select id="role" name="role" defaultValue={filter.role ?? ''}>
            <option value="">All roles</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        {showStatusFilter ? (
          <div className="field" style={{ flex: '1 1 8rem', marginBottom: 0 }}>
            <label htmlFor="status">Status</label>
            <select id="status" name="status" defaultValue={filter.status ?? ''}>
              <option value="">Any status</option>
              <option value="active">Active</option>
              <option value="invited">Invited</option>
              <option value="deactivated">Deactivated</option>
            </select>
          </div>
        ) : null}
        <button type="submit">{searching ? 'Filtering…' : 'Filter'}</button>
      </Form>

      <p className="muted" aria-live="polite">
        {total === 0 ? 'No one matches.' : `${total} ${total === 1 ? 'person' : 'people'}`}
        {pageCount > 1 ? ` · page ${page} of ${pageCount}` : ''}
      </p>

      {people.length === 0 ? (
        <div className="card empty">No people match these filters. Clear the search or choose another team.</div>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Teams</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {people.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={personHref(p.id)}>{p.name || '(name not set yet)'}</Link>
                  </td>
                  <td>{p.email}</td>
                  <td>{ROLE_LABELS[p.role as Role] ?? p.role}</td>
                  <td>
                    {p.teams.map((t) => t.name).join(', ')}
                    {p.ledTeams.length > 0 ? (
                      <span className="muted">
                        {p.teams.length > 0 ? ' · ' : ''}leads {p.ledTeams.map((t) => t.name).join(', ')}
                      </span>
                    ) : null}
                    {p.teams.length + p.ledTeams.length === 0 ? <span className="muted">None</span> : null}
                  </td>
                  <td>
                    <span className={`badge ${p.status}`}>{p.status}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pageCount > 1 ? (
        <nav className="pager" aria-label="Pages">
          {page > 1 ? <Link to={pageLink(page - 1)}>← Previous</Link> : null}
          {page < pageCount ? <Link to={pageLink(page + 1)}>Next →</Link> : null}
        </nav>
      ) : null}
    </>
  )
}

function cleaned(filter: Record<string, string | undefined>) {
  return Object.fromEntries(Object.entries(filter).filter((e): e is [string, string] => Boolean(e[1])))
}
