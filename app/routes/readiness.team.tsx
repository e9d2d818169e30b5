import type { LoaderFunctionArgs, MetaFunction } from 'react-router'
import { Form, Link, useLoaderData, useSearchParams } from 'react-router'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { LevelShort, LineChart, SHORT_LABELS } from '~/components/readiness'
import { CALL_LABELS, callOf, LEAST_EVIDENCE_FOR_READY, toDecidePhrase } from '~/domain/readiness/model'
import { CALLS, parseTeamFilter } from '~/domain/readiness/team-filter'
import { getTeamReadiness, readinessTrend } from '~/models/readiness-views.server'
import { visibleTeams } from '~/models/team.server'
import { requireTeamViewer } from '~/utils/auth.server'
import { formatDate } from '~/domain/calendar/dates'
import type { CertificateFlag } from '~/models/certificates.server'
import { getTimeZone } from '~/models/organisation.server'

export const meta: MetaFunction = () => [{ title: 'Team readiness · Mission Ready' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer } = await requireTeamViewer(request)
  const filter = parseTeamFilter(new URL(request.url))
  const [dashboard, teams, trend] = await Promise.all([
    getTeamReadiness(viewer, filter),
    visibleTeams(viewer),
    readinessTrend(viewer, filter.teamId),
  ])
  return { ...dashboard, teams, trend, filter, isAdmin: viewer.role === 'admin', zone: await getTimeZone() }
}

const FLAG_TEXT = { expiring: 'expires', expired: 'expired', lapsed: 'readiness dropped' } as const

/** One certificate of a person that needs a leader's eye: expiring soon, or due for recertification. */
function CertificateFlagBadge({ flag, zone }: { flag: CertificateFlag; zone: string }) {
  const label = flag.kind === 'expiring' ? 'Certificate expiring' : 'Recertification due'
  const text = `${label}: ${flag.title}, ${FLAG_TEXT[flag.kind]} ${formatDate(flag.at, zone)}`
  return (
    <Link
      to={`/certificates/${flag.id}`}
      className={`badge ${flag.kind === 'expiring' ? 'due-soon' : 'overdue'}`}
      title={text}
      aria-label={text}
    >
      {label}
    </Link>
  )
}

export default function TeamReadiness() {
  const data = useLoaderData<typeof loader>()
  const [params] = useSearchParams()
  const { summary, filter } = data
  const page = (n: number) => {
    const next = new URLSearchParams(params)
    next.set('page', String(n))
    return `?${next}`
  }
  const csv = new URLSearchParams(params)
  csv.delete('page')
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>Team readiness</h1>
          <p>
            {data.isAdmin ? 'Everyone in the organisation' : `The people in ${data.teams.map((t) => t.name).join(', ')}`}, weakest first.
            Each cell is a competency’s level, with the pieces of evidence behind it.
          </p>
        </div>
        <a className="button secondary" href={`/readiness/team.csv?${csv}`} download>
          Export CSV
        </a>
      </div>

      <dl className="summary-counts" aria-label="Summary">
        <div>
          <dt>Client-ready</dt>
          <dd className="stat">
            {summary.clientReady} <span className="muted">of {summary.total}</span>
          </dd>
        </div>
        {summary.pillarReady.map((p) => (
          <div key={p.id}>
            <dt>{p.title}: ready</dt>
            <dd className="stat">{p.ready}</dd>
          </div>
        ))}
        <div>
          <dt>Onboarding overdue</dt>
          <dd className="stat">{summary.overdue}</dd>
        </div>
        <div>
          <dt>With a red flag</dt>
          <dd className="stat">{summary.redFlags}</dd>
        </div>
        <div>
          <dt>Certificate expiring (30 days)</dt>
          <dd className="stat">{summary.certificatesExpiring}</dd>
        </div>
        <div>
          <dt>Recertification due</dt>
          <dd className="stat">{summary.certificatesDue}</dd>
        </div>
      </dl>

      <Form method="get" className="card row inline-fields" aria-label="Filter people">
        <div className="field">
          <label htmlFor="teamId">Team</label>
          <select id="teamId" name="teamId" defaultValue={filter.teamId ?? ''}>
            <option value="">{data.isAdmin ? 'Everyone' : 'All my teams'}</option>
            {data.teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="competency">Competency</label>
          <select id="competency" name="competency" defaultValue={filter.competency ?? ''}>
            <option value="">Any competency</option>
            {data.competencies.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="level">Level</label>
          <select id="level" name="level" defaultValue={filter.level ?? ''}>
            <option value="">Any level</option>
            {CALLS.map((l) => (
              <option key={l} value={l}>
                {CALL_LABELS[l]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="sort">Sort</label>
          <select id="sort" name="sort" defaultValue={filter.sort}>
            <option value="weakest">Weakest first</option>
            <option value="name">By name</option>
          </select>
        </div>
        <label className="checkbox">
          <input type="checkbox" name="redFlag" value="1" defaultChecked={filter.redFlag} /> Red flag
        </label>
        <label className="checkbox">
          <input type="checkbox" name="overdue" value="1" defaultChecked={filter.overdue} /> Onboarding overdue
        </label>
        <div className="field" style={{ flex: '0 1 15rem' }}>
          <label htmlFor="certificate">Certificates</label>
          <select id="certificate" name="certificate" defaultValue={filter.certificate ?? ''}>
            <option value="">Any</option>
            <option value="expiring">Expiring within 30 days</option>
            <option value="due">Recertification due</option>
          </select>
        </div>
        <button type="submit">Apply</button>
        <Link to="/readiness/team">Clear</Link>
      </Form>

      <p className="muted" role="status">
        {data.matching} {data.matching === 1 ? 'person matches' : 'people match'}.
      </p>
      <p className="muted small heatmap-key">
        Key:{' '}
        {CALLS.map((call) => (
          <span key={call} className={`key-item level-${call}`}>
            <b>{SHORT_LABELS[call]}</b> {CALL_LABELS[call]}
          </span>
        ))}
        . “Unsure”: the interval still holds the ready threshold, or fewer than {LEAST_EVIDENCE_FOR_READY} answers back it (the person’s
        page says how many more could decide). The number in a cell is the pieces of scored evidence; ⚑ a red flag. Hover a cell or a
        heading for its full name.
      </p>
      {data.rows.length === 0 ? (
        <div className="card empty">
          <p>No one matches these filters.</p>
        </div>
      ) : (
        <div className="table-wrap heatmap-wrap">
          <table className="heatmap">
            <caption className="visually-hidden">Readiness per person and competency</caption>
            <colgroup>
              <col className="person-col" />
              {data.pillars.flatMap((p) => [
                ...data.competencies.filter((c) => c.pillarId === p.id).map((c) => <col key={c.id} />),
                <col key={`${p.id}-pillar`} className="pillar-col" />,
              ])}
              <col className="client-col" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col" rowSpan={2} className="person-head">
                  Person
                </th>
                {data.pillars.map((p) => (
                  <th
                    key={p.id}
                    scope="colgroup"
                    colSpan={data.competencies.filter((c) => c.pillarId === p.id).length + 1}
                    className="pillar-head"
                  >
                    {p.title}
                  </th>
                ))}
                <th scope="col" rowSpan={2} className="competency-head-cell client-head">
                  Client-ready
                </th>
              </tr>
              <tr>
                {data.pillars.flatMap((p) => [
                  ...data.competencies
                    .filter((c) => c.pillarId === p.id)
                    .map((c) => (
                      <th key={c.id} scope="col" className="competency-head-cell" title={c.title}>
                        {c.title}
                      </th>
                    )),
                  <th key={`${p.id}-pillar`} scope="col" className="competency-head-cell pillar-col">
                    Pillar
                  </th>,
                ])}
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link to={`/people/${r.id}/readiness`}>{r.name}</Link>
                    <span className="person-teams muted small">{r.teams.join(', ')}</span>
                    {r.overdue || r.refreshers > 0 || r.certificates.length > 0 ? (
                      <span className="person-badges">
                        {r.overdue ? <span className="badge overdue">Overdue</span> : null}
                        {r.refreshers > 0 ? <span className="badge due-soon">Refresher due</span> : null}
                        {r.certificates.map((c) => (
                          <CertificateFlagBadge key={c.id} flag={c} zone={data.zone} />
                        ))}
                      </span>
                    ) : null}
                  </th>
                  {data.pillars.flatMap((p, pi) => [
                    ...data.competencies
                      .map((c, ci) => ({ c, cell: r.cells[ci]! }))
                      .filter(({ c }) => c.pillarId === p.id)
                      .map(({ c, cell }) => {
                        const call = callOf(cell.level, cell.toDecide)
                        return (
                          <td key={c.id} className={`cell level-${call}`}>
                            <Link
                              to={`/people/${r.id}/readiness#competency-${c.id}`}
                              title={`${c.title}: ${CALL_LABELS[call]}`}
                              aria-label={`${r.name}, ${c.title}: ${CALL_LABELS[call]}${cell.toDecide === null ? '' : ` (${toDecidePhrase(cell.toDecide)})`}, ${cell.count} piece${cell.count === 1 ? '' : 's'} of evidence${cell.redFlag ? ', red flag' : ''}`}
                            >
                              <span className="cell-level">{SHORT_LABELS[call]}</span>
                              <span className="cell-count">
                                {cell.count}
                                {cell.redFlag ? <span className="cell-flag"> ⚑</span> : null}
                              </span>
                            </Link>
                          </td>
                        )
                      }),
                    <td key={`${p.id}-pillar`} className={`cell pillar-col level-${r.pillars[pi]}`}>
                      <LevelShort call={r.pillars[pi]!} />
                    </td>,
                  ])}
                  <td className={r.clientReady ? 'client yes' : 'client no'}>{r.clientReady ? 'Yes' : 'No'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data.pages > 1 ? (
        <nav className="pager" aria-label="Pages">
          {filter.page > 1 ? <Link to={page(filter.page - 1)}>← Previous</Link> : null}
          <span>
            Page {filter.page} of {data.pages}
          </span>
          {filter.page < data.pages ? <Link to={page(filter.page + 1)}>Next →</Link> : null}
        </nav>
      ) : null}
      <section className="card" aria-labelledby="trend">
        <h2 id="trend">Client-ready over time</h2>
        {data.trend.length === 0 ? (
          <p className="muted">Weekly snapshots appear here once the daily job (npm run daily) has run for a few weeks.</p>
        ) : (
          <LineChart
            points={data.trend.map((t) => ({ x: t.week, y: t.share }))}
            max={1}
            label="Share of people client-ready each week"
            format={(y) => `${Math.round(y * 100)}%`}
          />
        )}
      </section>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
