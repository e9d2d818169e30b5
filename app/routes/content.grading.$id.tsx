import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from 'react-router'
import { getFormProps } from '@conform-to/react'
import { Form, Link, useActionData, useLoaderData, useNavigation } from 'react-router'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { StemContent } from '~/components/mdx'
import { FormErrors, TextareaField } from '~/components/ui/field'
import { getAnswerForGrading, gradeAnswer } from '~/models/grading.server'
import { getOrganisation } from '~/models/organisation.server'
import { QuizInputError } from '~/models/quiz.server'
import { requireContentManager } from '~/utils/auth.server'
import { parseSubmission, replyDomainError, replyInvalid, useSchemaForm } from '~/utils/forms'
import { redirectWithToast } from '~/utils/toast.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Grade: ${data?.answer.title ?? 'answer'} · Mission Ready` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireContentManager(request)
  const [answer, org] = await Promise.all([getAnswerForGrading(params.id ?? '', user.id), getOrganisation()])
  return { answer, mission: org.mission }
}

const GradeSchema = z.object({
  /** The level chosen per criterion (`level.<criterion>` = its index); the rubric itself checks that each exists. */
  level: z
    .record(
      z.string().max(60),
      z.string().max(3, 'A level was not understood.').regex(/^\d+$/, 'A level was not understood.').transform(Number),
    )
    .default({}),
  comment: z.string().trim().max(2000, 'Keep the comment under 2,000 characters.').default(''),
})

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireContentManager(request)
  const submission = parseSubmission(await request.formData(), GradeSchema)
  if (submission.status !== 'success') return replyInvalid(submission)
  try {
    await gradeAnswer(params.id ?? '', submission.value.level, submission.value.comment, user.id)
  } catch (error) {
    if (error instanceof QuizInputError) return replyDomainError(submission, error)
    throw error
  }
  return redirectWithToast('/content/grading', { description: 'Grade saved. The learner sees it, with your comment, in their review.' })
}

export default function GradeAnswer() {
  const { answer, mission } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useSchemaForm(GradeSchema, { lastResult: actionData?.result, defaultValue: { comment: answer.comment } })
  const levels = fields.level.getFieldset()
  return (
    <div className="stack narrow-wide">
      <p>
        <Link to="/content/grading">← Grading queue</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>{answer.title}</h1>
          <p>
            {answer.learner} · {answer.quiz} · version {answer.version}
            {answer.gradedAt ? ' · already graded; a new grade replaces it' : ''}
          </p>
        </div>
      </div>
      <section className="card">
        <p className="story-label">The situation</p>
        <StemContent code={answer.stem} mission={mission} />
        <p className="story-label">{answer.learner}’s answer</p>
        <blockquote className="free-text-answer">{answer.answer}</blockquote>
        <details>
          <summary>Model answer</summary>
          <p>{answer.modelAnswer}</p>
        </details>
      </section>
      {/* The browser's own check stays on: it stops the form until every criterion has a level (the rubric is not in the schema). */}
      <Form method="post" className="card stack" {...getFormProps(form)} noValidate={false}>
        <h2>Grade against the rubric</h2>
        {answer.rubric.map((c) => (
          <fieldset key={c.id} className="rubric-criterion" aria-describedby={levels[c.id]?.errors ? levels[c.id]!.errorId : undefined}>
            <legend>{c.title}</legend>
            {levels[c.id]?.errors ? (
              <p className="field-error" id={levels[c.id]!.errorId}>
                {levels[c.id]!.errors!.join(' ')}
              </p>
            ) : null}
            <div className="options">
              {c.levels.map((l, i) => (
                <label key={i} className="option">
                  <input type="radio" name={`level.${c.id}`} value={i} required defaultChecked={answer.grade?.[c.id] === i} />
                  <span>
                    <strong>{l.label}</strong> ({Math.round(l.score * 100)}%){l.description ? ` · ${l.description}` : ''}
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
        ))}
        <TextareaField
          label="Comment for the learner"
          meta={fields.comment}
          rows={4}
          hint="What was good, and the one thing to try next time."
        />
        <FormErrors errors={form.errors} id={form.errorId} />
        <div className="row">
          <button type="submit" disabled={navigation.state === 'submitting'}>
            {navigation.state === 'submitting' ? 'Saving…' : 'Save the grade'}
          </button>
        </div>
      </Form>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
