import type { LoaderFunctionArgs, MetaFunction } from 'react-router'
import { Link, useLoaderData } from 'react-router'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { percent } from '~/components/quiz-item'
import { listQuizzesForLearner } from '~/models/quiz.server'
import { requireAuth } from '~/utils/auth.server'

export const meta: MetaFunction = () => [{ title: 'Quizzes · Mission Ready' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireAuth(request)
  return { quizzes: await listQuizzesForLearner(user.id) }
}

export default function Quizzes() {
  const { quizzes } = useLoaderData<typeof loader>()
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>Quizzes</h1>
          <p>Real situations from service work. Each module ends with a quiz; practice draws scenarios for what you most need.</p>
        </div>
      </div>
      {quizzes.length === 0 ? (
        <div className="card empty">
          <p>No quizzes are published yet.</p>
        </div>
      ) : (
        <ul className="quiz-list">
          {quizzes.map((q) => (
            <li key={q.slug} className="card">
              <div className="module-head">
                <h2>
                  <Link to={`/quizzes/${q.slug}`}>{q.title}</Link>
                </h2>
                {q.open ? (
                  <span className="badge due-soon">
                    In progress · {q.open.answered} of {q.open.total}
                  </span>
                ) : q.best !== null ? (
                  <span className="badge active">Best {percent(q.best)}</span>
                ) : (
                  <span className="badge">Not started</span>
                )}
              </div>
              <p className="muted">{q.description || (q.module ? `Closes the module “${q.module.title}”.` : '')}</p>
              <p className="muted">
                {q.items} scenario{q.items === 1 ? '' : 's'} ·{' '}
                {q.feedback === 'each' ? 'feedback after each answer' : 'feedback at the end'}
                {q.maxAttempts ? ` · ${q.attempts.length} of ${q.maxAttempts} attempts used` : ''}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
