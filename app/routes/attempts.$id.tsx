import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from 'react-router'
import { getFormProps } from '@conform-to/react'
import { Form, Link, redirect, useActionData, useLoaderData, useNavigation } from 'react-router'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ConversationReview, ItemForm, ItemReview, percent } from '~/components/quiz-item'
import { FormErrors } from '~/components/ui/field'
import { AttemptActionSchema, StartAttemptSchema, SubmitAttemptSchema } from '~/domain/scenarios/answer-schemas'
import { nextStepAfterQuiz } from '~/domain/scenarios/next-step'
import { getOnboarding } from '~/models/learning.server'
import { answerItem, getAttemptForLearner, listQuizzesForLearner, QuizInputError, submitAttempt } from '~/models/quiz.server'
import { getOrganisation } from '~/models/organisation.server'
import { requireAuth } from '~/utils/auth.server'
import { parseSubmission, replyDomainError, replyInvalid, useSchemaForm } from '~/utils/forms'
import { redirectWithToast } from '~/utils/toast.server'
import { useDateFormat } from '~/components/use-dates'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.attempt.quiz.title ?? 'Quiz'} · Mission Ready` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireAuth(request)
  const item = Number(new URL(request.url).searchParams.get('item'))
  const [view, org] = await Promise.all([
    getAttemptForLearner(user.id, params.id ?? '', Number.isInteger(item) && item > 0 ? item - 1 : null),
    getOrganisation(),
  ])
  return {
    ...view,
    mission: org.mission,
    next: view.attempt.status === 'submitted' ? await nextSteps(user.id, view.attempt.quiz.slug) : null,
  }
}

/** Where a submitted attempt's review leads: the next part of the learner's path, and a retake if the policy allows one. */
async function nextSteps(userId: string, quizSlug: string) {
  const [[quiz], paths] = await Promise.all([listQuizzesForLearner(userId, new Date(), quizSlug), getOnboarding(userId)])
  return {
    step: nextStepAfterQuiz(paths, quizSlug),
    hasPath: paths.length > 0,
    retake: quiz
      ? {
          open: quiz.open ? { id: quiz.open.id, number: quiz.open.number } : null,
          canStart: quiz.start.canStart,
          reason: quiz.start.canStart ? null : quiz.start.reason,
          availableAt: quiz.start.canStart ? null : (quiz.start.availableAt?.toISOString() ?? null),
        }
      : null,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireAuth(request)
  const id = params.id ?? ''
  const submission = parseSubmission(await request.formData(), AttemptActionSchema)
  if (submission.status !== 'success') return replyInvalid(submission)
  const input = submission.value
  try {
    if (input.intent === 'submit') {
      await submitAttempt(user.id, id)
      return redirectWithToast(`/attempts/${id}`, { description: 'Quiz submitted. Your score and the review are below.' })
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
    if (error instanceof QuizInputError) return replyDomainError(submission, error)
    throw error
  }
}

export default function Attempt() {
  const dateTime = useDateFormat('dateTime')
  const { attempt, progress, current, nextOpen, review, mission, next } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  // One reply comes back, for the answer or for the submission: each form shows its own.
  const sentSubmit = actionData?.result.initialValue?.intent === 'submit'
  const [submitForm] = useSchemaForm(SubmitAttemptSchema, { id: 'submit-attempt', lastResult: sentSubmit ? actionData?.result : null })
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
          <ItemForm
            item={current}
            mission={mission}
            action={`${base}?item=${current.position + 1}`}
            lastResult={sentSubmit ? null : actionData?.result}
          />
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
          <FormErrors errors={submitForm.errors} id={submitForm.errorId} />
          <Form method="post" {...getFormProps(submitForm)}>
            <input type="hidden" name="intent" value="submit" />
            <button type="submit" disabled={submitting}>
              {submitting ? 'Submitting…' : 'Submit the quiz'}
            </button>
          </Form>
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

      {next ? <NextSteps next={next} quiz={attempt.quiz} /> : null}
    </div>
  )
}

type Next = NonNullable<Awaited<ReturnType<typeof loader>>['next']>

/** The end of a review: the next part of the path, a retake when the policy allows one, and the way back. */
function NextSteps({ next, quiz }: { next: Next; quiz: { slug: string; title: string } }) {
  const dateTime = useDateFormat('dateTime')
  const navigation = useNavigation()
  const [form] = useSchemaForm(StartAttemptSchema, { id: 'retake' })
  const starting = navigation.state !== 'idle' && navigation.formAction === `/quizzes/${quiz.slug}`
  const { step, retake } = next
  return (
    <section className="card next-steps" aria-labelledby="next-steps-title">
      <h2 id="next-steps-title">What next</h2>
      {step ? (
        <p>
          {step.kind === 'lesson' ? 'Next in your onboarding' : 'Next quiz in your onboarding'}, from the module “{step.module}”:{' '}
          <Link className="button" to={step.kind === 'lesson' ? `/learn/${step.slug}` : `/quizzes/${step.slug}`}>
            {step.kind === 'lesson' ? `Read: ${step.title}` : `Take: ${step.title}`}
          </Link>
        </p>
      ) : next.hasPath ? (
        <p>You have done every lesson and module quiz of your onboarding.</p>
      ) : null}
      {retake?.open ? (
        <p>
          <Link className="button secondary" to={`/attempts/${retake.open.id}`}>
            Resume attempt {retake.open.number}
          </Link>
        </p>
      ) : retake?.canStart ? (
        <Form method="post" action={`/quizzes/${quiz.slug}`} {...getFormProps(form)}>
          <input type="hidden" name="intent" value="start" />
          <button type="submit" className="secondary" disabled={starting}>
            {starting ? 'Preparing your quiz…' : 'Retake this quiz'}
          </button>
        </Form>
      ) : retake?.reason ? (
        <p className="muted">
          {retake.availableAt ? `You can retake this quiz from ${dateTime.format(new Date(retake.availableAt))}.` : retake.reason}
        </p>
      ) : null}
      <p>
        <Link to="/learn">Back to my onboarding</Link>
      </p>
    </section>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
