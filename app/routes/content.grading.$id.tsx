import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from 'react-router'
import { data, Form, Link, redirect, useActionData, useLoaderData, useNavigation } from 'react-router'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { StemContent } from '~/components/mdx'
import { TextareaField } from '~/components/ui/field'
import { getAnswerForGrading, gradeAnswer } from '~/models/grading.server'
import { getOrganisation } from '~/models/organisation.server'
import { QuizInputError } from '~/models/quiz.server'
import { requireContentManager } from '~/utils/auth.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Grade: ${data?.answer.title ?? 'answer'} · Mission Ready` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireContentManager(request)
  const [answer, org] = await Promise.all([getAnswerForGrading(params.id ?? '', user.id), getOrganisation()])
  return { answer, mission: org.mission }
}

const GradeSchema = z.object({
  comment: z.string().trim().max(2000, 'Keep the comment under 2,000 characters.').default(''),
})

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireContentManager(request)
  const form = await request.formData()
  const parsed = GradeSchema.safeParse({ comment: form.get('comment') ?? '' })
  if (!parsed.success) return data({ error: parsed.error.issues[0]!.message }, { status: 400 })
  // Levels arrive as level.<criterion> = <index>; the rubric itself checks each one.
  const grade: Record<string, number> = {}
  for (const [key, value] of form) {
    if (!key.startsWith('level.')) continue
    const level = Number(value)
    if (typeof value !== 'string' || !/^\d+$/.test(value)) return data({ error: 'A level was not understood.' }, { status: 400 })
    grade[key.slice(6)] = level
  }
  try {
    await gradeAnswer(params.id ?? '', grade, parsed.data.comment, user.id)
  } catch (error) {
    if (error instanceof QuizInputError) return data({ error: error.message }, { status: 400 })
    throw error
  }
  return redirect('/content/grading?graded=1')
}

export default function GradeAnswer() {
  const { answer, mission } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
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
      <Form method="post" className="card stack">
        <h2>Grade against the rubric</h2>
        {answer.rubric.map((c) => (
          <fieldset key={c.id} className="rubric-criterion">
            <legend>{c.title}</legend>
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
          name="comment"
          rows={4}
          maxLength={2000}
          defaultValue={answer.comment}
          hint="What was good, and the one thing to try next time."
        />
        {actionData?.error ? (
          <p className="alert error" role="alert">
            {actionData.error}
          </p>
        ) : null}
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
