import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from 'react-router'
import { data, Form, Link, redirect, useActionData, useLoaderData, useNavigation } from 'react-router'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ConversationReview, ItemForm, ItemReview, percent } from '~/components/quiz-item'
import { answerItem, getAttemptForLearner, QuizInputError, submitAttempt } from '~/models/quiz.server'
import { getOrganisation } from '~/models/organisation.server'
import { requireAuth } from '~/utils/auth.server'
import { formToObject } from '~/utils/forms'
import { OPTION_ID_PATTERN } from '~/domain/scenarios/option-ids'
import { useDateFormat } from '~/components/use-dates'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.attempt.quiz.title ?? 'Quiz'} · Mission Ready` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireAuth(request)
  const item = Number(new URL(request.url).searchParams.get('item'))
  const [view, org] = await Promise.all([
    getAttemptForLearner(user.id, params.id ?? '', Number.isInteger(item) && item > 0 ? item - 1 : null),
    getOrganisation(),
  ])
  return { ...view, mission: org.mission }
}

const Index = z.coerce.number({ error: 'That answer was not understood.' }).int('That answer was not understood.').min(0).max(100)
// Options are sent as the ids the page showed (app/utils/option-ids.server.ts), never as positions.
const OptionId = z.string().regex(OPTION_ID_PATTERN, 'That answer was not understood.')
const ActionSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('answer'),
    position: Index,
    option: z.array(OptionId).max(20),
    order: z
      .string()
      .max(400)
      .default('')
      .transform((s) => (s === '' ? [] : s.split(',')))
      .pipe(z.array(OptionId).max(20)),
    turn: Index.optional(),
    text: z.string().max(20_000, 'Keep your answer under 2,000 characters.').optional(),
  }),
  z.object({ intent: z.literal('submit') }),
])

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireAuth(request)
  const id = params.id ?? ''
  const parsed = ActionSchema.safeParse(formToObject(await request.formData(), ['option']))
  if (!parsed.success) return data({ error: parsed.error.issues[0]?.message ?? 'That request was not understood.' }, { status: 400 })
  const input = parsed.data
  try {
    if (input.intent === 'submit') {
      await submitAttempt(user.id, id)
      return redirect(`/attempts/${id}`)
    }
    const { ended, feedback } = await answerItem(user.id, id, input.position, {
      option: input.option,
      order: input.order,
      turn: input.turn,
      text: input.text,
    })
    // Stay on the item while there is something to see there (its feedback, the next turn of a
    // conversation); otherwise go on to the next unanswered item.
    return redirect(ended && feedback === 'end' ? `/attempts/${id}` : `/attempts/${id}?item=${input.position + 1}`)
  } catch (error) {
    if (error instanceof QuizInputError) return data({ error: error.message }, { status: error.status })
    throw error
  }
}

export default function Attempt() {
  const dateTime = useDateFormat('dateTime')
  const { attempt, progress, current, nextOpen, review, mission } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const answered = progress.filter((p) => p.answered).length
  const pct = Math.round((answered / progress.length) * 100)
  const submitting = navigation.state !== 'idle' && navigation.formData?.get('intent') === 'submit'
  const base = `/attempts/${attempt.id}`
  return (
    <div className="stack quiz">
      <p>
        <Link to={`/quizzes/${attempt.quiz.slug}`}>← {attempt.quiz.title}</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>
            {attempt.quiz.title} · attempt {attempt.number}
          </h1>
          <p>
            {attempt.focus.length > 0 ? `Practice for: ${attempt.focus.join(', ')}. ` : ''}
            {attempt.status === 'submitted'
              ? `Submitted ${dateTime.format(new Date(attempt.submittedAt!))} · score ${percent(attempt.score)}`
              : attempt.feedback === 'each'
                ? 'You see feedback after each answer.'
                : 'Feedback comes in the review, after you submit.'}
          </p>
        </div>
      </div>

      <nav className="card quiz-progress" aria-label="Quiz progress">
        <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label="Items answered">
          <span style={{ width: `${pct}%` }} />
        </div>
        <p>
          <strong>
            {answered} of {progress.length}
          </strong>{' '}
          answered
        </p>
        <ol className="quiz-steps">
          {progress.map((p) => (
            <li key={p.position}>
              <Link
                to={attempt.status === 'submitted' ? `#review-${p.position}` : `${base}?item=${p.position + 1}`}
                aria-current={current?.position === p.position ? 'step' : undefined}
                className={p.answered ? 'done' : p.started ? 'started' : ''}
                aria-label={`Item ${p.position + 1}: ${p.answered ? 'answered' : p.started ? 'started' : 'not answered'}`}
              >
                {p.answered ? '✓' : p.position + 1}
              </Link>
            </li>
          ))}
        </ol>
      </nav>

      {current ? (
        <section className="card" aria-labelledby="item-title">
          <p className="muted">
            Item {current.position + 1} of {progress.length}
          </p>
          <h2 id="item-title">{current.title}</h2>
          <ItemForm item={current} mission={mission} action={`${base}?item=${current.position + 1}`} error={actionData?.error} />
          {current.type === 'branching' && current.answered && current.review ? (
            <ConversationReview item={current} mission={mission} />
          ) : null}
          {current.answered ? (
            <div className="row">
              {nextOpen !== null ? (
                <Link className="button" to={`${base}?item=${nextOpen + 1}`}>
                  Next item
                </Link>
              ) : null}
            </div>
          ) : null}
        </section>
      ) : null}

      {attempt.status === 'open' && answered === progress.length ? (
        <section className="card" aria-labelledby="submit-title">
          <h2 id="submit-title">Every item is answered</h2>
          <p>
            Submit the quiz to see your score
            {attempt.feedback === 'end' ? ', the best responses and every explanation' : ' and the full review'}.
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="submit" />
            <button type="submit" disabled={submitting}>
              {submitting ? 'Submitting…' : 'Submit the quiz'}
            </button>
          </Form>
          {actionData?.error && !current ? (
            <p className="alert error" role="alert">
              {actionData.error}
            </p>
          ) : null}
        </section>
      ) : null}

      {review ? (
        <section className="stack" aria-labelledby="review-title">
          <h2 id="review-title">Review</h2>
          {review.some((i) => i.review?.kind === 'free-text' && i.review.status === 'awaiting') ? (
            <p className="alert info">Some answers are awaiting review by a trainer. Your score counts them once they are graded.</p>
          ) : null}
          {review.map((item) => (
            <div key={item.id} id={`review-${item.position}`}>
              <ItemReview item={item} mission={mission} />
            </div>
          ))}
        </section>
      ) : null}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
