import type { LoaderFunctionArgs, MetaFunction } from 'react-router'
import { Link, useLoaderData } from 'react-router'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ROLE_LABELS } from '~/domain/permissions/permissions'
import { percent } from '~/components/quiz-item'
import { listSubmittedAttempts } from '~/models/quiz.server'
import { getPerson } from '~/models/user.server'
import { requireCanSeePerson } from '~/utils/auth.server'
import { useDateFormat } from '~/components/use-dates'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.person.name ?? 'Person'} · Mission Ready` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer } = await requireCanSeePerson(request, params.id ?? '')
  const person = await getPerson(params.id ?? '')
  if (!person) throw new Response('Not found', { status: 404 })
  return { person, attempts: await listSubmittedAttempts(person.id), canEdit: viewer.role === 'admin', isSelf: viewer.id === person.id }
}

export default function Person() {
  const dateFormat = useDateFormat('date')
  const { person, attempts, canEdit, isSelf } = useLoaderData<typeof loader>()
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>{person.name || person.email}</h1>
          <p>
            {ROLE_LABELS[person.role as keyof typeof ROLE_LABELS]} · {person.email} ·{' '}
            <span className={`badge ${person.status}`}>{person.status}</span>
          </p>
        </div>
        {canEdit && !isSelf ? (
          <Link className="button secondary" to={`/admin/people/${person.id}`}>
            Edit role and teams
          </Link>
        ) : null}
      </div>
      <div className="grid">
        <section className="card">
          <h2>Teams</h2>
          {person.teams.length === 0 ? (
            <p className="muted">Not in a team.</p>
          ) : (
            <ul>
              {person.teams.map((t) => (
                <li key={t.id}>{t.name}</li>
              ))}
            </ul>
          )}
          {person.ledTeams.length > 0 ? (
            <>
              <h3>Leads</h3>
              <ul>
                {person.ledTeams.map((t) => (
                  <li key={t.id}>{t.name}</li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
        <section className="card">
          <h2>Dates</h2>
          <p>Started: {person.startDate ? dateFormat.format(new Date(person.startDate)) : '—'}</p>
          <p>Account created: {dateFormat.format(new Date(person.createdAt))}</p>
          {person.deactivatedAt ? <p>Deactivated: {dateFormat.format(new Date(person.deactivatedAt))}</p> : null}
        </section>
      </div>
      <section className="card" aria-labelledby="attempts">
        <h2 id="attempts">Quiz attempts</h2>
        {attempts.length === 0 ? (
          <p className="muted">No submitted quiz attempts yet.</p>
        ) : (
          <ul>
            {attempts.map((a) => (
              <li key={a.id}>
                <Link to={`/people/${person.id}/attempts/${a.id}`}>
                  {a.quiz}, attempt {a.number}
                </Link>{' '}
                · {percent(a.score)} · {dateFormat.format(new Date(a.submittedAt!))}
                {a.awaitingReview > 0 ? ` · ${a.awaitingReview} awaiting review` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
