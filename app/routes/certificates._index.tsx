import type { LoaderFunctionArgs, MetaFunction } from 'react-router'
import { Link, useLoaderData } from 'react-router'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { formatDate } from '~/domain/calendar/dates'
import { CertificateStatusBadge } from '~/components/certificate-status'
import { LEVEL_LABELS } from '~/domain/readiness/model'
import { listCertificatesOf } from '~/models/certificates.server'
import { requireAuth } from '~/utils/auth.server'

export const meta: MetaFunction = () => [{ title: 'Certificates · Mission Ready' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireAuth(request)
  return listCertificatesOf(user.id)
}

export default function Certificates() {
  const { certificates, toEarn, zone } = useLoaderData<typeof loader>()
  const current = certificates.filter((c) => c.current)
  const past = certificates.filter((c) => !c.current)
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>Certificates</h1>
          <p>
            A path or module grants a certificate once every competency it covers is ready, valid for a set time. It ends when it expires or
            when one of those competencies drops below ready; then recertification is due.
          </p>
        </div>
      </div>

      <section className="card" aria-labelledby="current-heading">
        <h2 id="current-heading">Your certificates</h2>
        {current.length === 0 ? (
          <p className="empty">No certificates yet: {toEarn.length > 0 ? 'see below what is left to earn one.' : 'none is offered yet.'}</p>
        ) : (
          <CertificateTable rows={current} zone={zone} caption="Your valid certificates" />
        )}
      </section>

      <section className="card" aria-labelledby="earn-heading">
        <h2 id="earn-heading">To earn</h2>
        {toEarn.length === 0 ? (
          <p className="empty">
            {current.length > 0
              ? 'Nothing more to earn: you hold every certificate on offer.'
              : 'No certificates are offered yet: trainers turn them on for a path or module.'}
          </p>
        ) : (
          <ul className="certificate-goals">
            {toEarn.map((r) => (
              <li key={r.ruleId}>
                <h3>
                  {r.title} {r.recertification ? <span className="badge overdue">Recertification due</span> : null}
                </h3>
                <p className="muted">
                  For the {r.scope} {r.of}; valid {r.validity}. {r.total - r.missing.length} of {r.total} competencies ready.
                </p>
                {r.missing.length === 0 ? (
                  <p>Every competency is ready: the certificate is granted with your next answer, or overnight.</p>
                ) : (
                  <>
                    <p>Not yet ready:</p>
                    <ul>
                      {r.missing.map((m) => (
                        <li key={m.id}>
                          <strong>{m.title}</strong> <span className="muted">({LEVEL_LABELS[m.level]})</span>
                          {m.lesson ? (
                            <>
                              {' '}
                              · read <Link to={`/learn/${m.lesson.slug}`}>{m.lesson.title}</Link>
                            </>
                          ) : null}
                          {m.quiz ? (
                            <>
                              {' '}
                              · take <Link to={`/quizzes/${m.quiz.slug}`}>{m.quiz.title}</Link>
                            </>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                    <p className="muted small">
                      A competency is ready once enough answers show it; the <Link to="/quizzes/practice">practice quiz</Link> draws
                      scenarios for your weakest ones, and <Link to="/readiness">My readiness</Link> says how many more answers could decide
                      each.
                    </p>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      {past.length > 0 ? (
        <section className="card" aria-labelledby="past-heading">
          <h2 id="past-heading">Past certificates</h2>
          <CertificateTable rows={past} zone={zone} caption="Your past certificates" />
        </section>
      ) : null}
    </div>
  )
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>['certificates'][number]

function CertificateTable({ rows, zone, caption }: { rows: Row[]; zone: string; caption: string }) {
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Certificate</th>
            <th scope="col">Status</th>
            <th scope="col">Issued</th>
            <th scope="col">{rows.some((r) => r.endedAt) ? 'Expires or ended' : 'Expires'}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.id}>
              <td>
                <Link to={`/certificates/${c.id}`}>{c.title}</Link>
              </td>
              <td>
                <CertificateStatusBadge status={c.status} />
                {c.status === 'expiring' ? (
                  <span className="muted small">
                    {' '}
                    in {c.daysLeft} {c.daysLeft === 1 ? 'day' : 'days'}
                  </span>
                ) : null}
              </td>
              <td>{formatDate(c.issuedAt, zone)}</td>
              <td>{formatDate(c.endedAt && c.endedAt < c.expiresAt ? c.endedAt : c.expiresAt, zone)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
