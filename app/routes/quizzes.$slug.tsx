import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from 'react-router'
import { getFormProps } from '@conform-to/react'
import { Form, Link, redirect, useActionData, useLoaderData, useNavigation } from 'react-router'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { percent } from '~/components/quiz-item'
import { FormErrors } from '~/components/ui/field'
import { StartAttemptSchema } from '~/domain/scenarios/answer-schemas'
import { getQuizForLearner, QuizInputError, startAttempt } from '~/models/quiz.server'
import { requireAuth } from '~/utils/auth.server'
import { parseSubmission, replyDomainError, replyInvalid, useSchemaForm } from '~/utils/forms'
import { useDateFormat } from '~/components/use-dates'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.quiz.title ?? 'Quiz'} · Mission Ready` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireAuth(request)
  return { quiz: await getQuizForLearner(user.id, params.slug ?? '') }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireAuth(request)
  const submission = parseSubmission(await request.formData(), StartAttemptSchema)
  if (submission.status !== 'success') return replyInvalid(submission)
  try {
    const id = await startAttempt(user.id, params.slug ?? '')
    return redirect(`/attempts/${id}`)
  } catch (error) {
    if (error instanceof QuizInputError) return replyDomainError(submission, error)
    throw error
  }
}

export default function Quiz() {
  const dateTime = useDateFormat('dateTime')
  const { quiz } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const starting = navigation.state !== 'idle' && navigation.formMethod === 'POST'
  const [form] = useSchemaForm(StartAttemptSchema, { lastResult: actionData?.result })
  return (
    <div className="stack narrow-wide">
      <p>
        <Link to="/quizzes">← All quizzes</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>{quiz.title}</h1>
          <p>{quiz.description || (quiz.module ? `Closes the module “${quiz.module.title}”.` : '')}</p>
        </div>
      </div>
      <section className="card">
        <ul className="facts">
          <li>
            <strong>{quiz.items}</strong> scenario{quiz.items === 1 ? '' : 's'} per attempt,{' '}
            {quiz.drawn ? 'drawn at random from a larger set' : 'in a new order each time'}; options are shuffled too
          </li>
          <li>{quiz.feedback === 'each' ? 'Feedback after each answer' : 'Feedback in the review, after you submit'}</li>
          <li>
            {quiz.maxAttempts ? `${quiz.maxAttempts} attempts allowed (${quiz.attempts.length} used)` : 'As many attempts as you like'}
          </li>
          {quiz.cooldownHours > 0 ? <li>{quiz.cooldownHours} hours between attempts</li> : null}
          <li>You can leave at any time and carry on later; answers are saved as you go.</li>
        </ul>
        {quiz.open ? (
          <Link className="button" to={`/attempts/${quiz.open.id}`}>
            Resume attempt {quiz.open.number} ({quiz.open.answered} of {quiz.open.total} answered)
          </Link>
        ) : quiz.start.canStart ? (
          <Form method="post" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="start" />
            <button type="submit" disabled={starting}>
              {starting ? 'Preparing your quiz…' : quiz.attempts.length === 0 ? 'Start the quiz' : 'Start a new attempt'}
            </button>
          </Form>
        ) : (
          <p className="alert warn" role="status">
            {quiz.start.reason}
            {quiz.start.availableAt ? ` It opens on ${dateTime.format(new Date(quiz.start.availableAt))}.` : ''}
          </p>
        )}
        <FormErrors errors={form.errors} id={form.errorId} />
      </section>
      {quiz.attempts.length > 0 ? (
        <section className="card">
          <h2>Your attempts</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Attempt</th>
                  <th scope="col">Started</th>
                  <th scope="col">Status</th>
                  <th scope="col">Score</th>
                </tr>
              </thead>
              <tbody>
                {[...quiz.attempts].reverse().map((a) => (
                  <tr key={a.id}>
                    <td>
                      <Link to={`/attempts/${a.id}`}>Attempt {a.number}</Link>
                    </td>
                    <td>{dateTime.format(new Date(a.startedAt))}</td>
                    <td>
                      {a.status === 'open'
                        ? `In progress (${a.answered} of ${a.total})`
                        : a.awaitingReview > 0
                          ? `Submitted · ${a.awaitingReview} awaiting review`
                          : 'Submitted'}
                    </td>
                    <td>{a.status === 'submitted' ? percent(a.score) : '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
