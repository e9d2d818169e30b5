import type { LoaderFunctionArgs, MetaFunction } from 'react-router'
import { Link, useLoaderData } from 'react-router'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { percent } from '~/components/quiz-item'
import { gradingQueue } from '~/models/grading.server'
import { requireContentManager } from '~/utils/auth.server'
import { useDateFormat } from '~/components/use-dates'

export const meta: MetaFunction = () => [{ title: 'Grading · Mission Ready' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireContentManager(request)
  return gradingQueue(user.id)
}

export default function Grading() {
  const dateTime = useDateFormat('dateTime')
  const { waiting, graded } = useLoaderData<typeof loader>()
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>Grading queue</h1>
          <p>Free-text answers waiting for a grade, oldest first. Your grade and comment appear in the learner’s review.</p>
        </div>
        <Link className="button secondary" to="/content/scenarios">
          Scenarios
        </Link>
      </div>
      {waiting.length === 0 ? (
        <div className="card empty">
          <p>Nothing to grade: every free-text answer has its grade.</p>
        </div>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Answers awaiting a grade</caption>
            <thead>
              <tr>
                <th scope="col">Learner</th>
                <th scope="col">Scenario</th>
                <th scope="col">Quiz</th>
                <th scope="col">Answered</th>
              </tr>
            </thead>
            <tbody>
              {waiting.map((w) => (
                <tr key={w.id}>
                  <td>
                    <Link to={`/content/grading/${w.id}`}>{w.learner}</Link>
                  </td>
                  <td>{w.scenario}</td>
                  <td>{w.quiz}</td>
                  <td>{dateTime.format(new Date(w.answeredAt))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {graded.length > 0 ? (
        <section className="card">
          <h2>Recently graded</h2>
          <ul>
            {graded.map((g) => (
              <li key={g.id}>
                <Link to={`/content/grading/${g.id}`}>{g.learner}</Link> · {g.scenario} · {percent(g.score)} ·{' '}
                {dateTime.format(new Date(g.gradedAt!))}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
