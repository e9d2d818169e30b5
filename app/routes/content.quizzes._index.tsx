import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from 'react-router'
import { getFormProps } from '@conform-to/react'
import { Form, Link, useActionData, useLoaderData, useNavigation } from 'react-router'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FormErrors, SelectField } from '~/components/ui/field'
import { createQuiz, listQuizzesForTrainer, QuizProblems } from '~/models/quiz-authoring.server'
import { requireContentManager } from '~/utils/auth.server'
import { parseSubmission, replyInvalid, useSchemaForm } from '~/utils/forms'
import { redirectWithToast } from '~/utils/toast.server'

export const meta: MetaFunction = () => [{ title: 'Quizzes · Mission Ready' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireContentManager(request)
  return listQuizzesForTrainer()
}

const NewSchema = z.object({
  module: z
    .string({ error: 'Choose the module the quiz closes.' })
    .max(80, 'Choose one of the modules.')
    .regex(/^[\w-]+$/, 'Choose one of the modules.'),
})

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireContentManager(request)
  const submission = parseSubmission(await request.formData(), NewSchema)
  if (submission.status !== 'success') return replyInvalid(submission)
  let slug: string
  try {
    slug = await createQuiz(submission.value.module, user.id)
  } catch (error) {
    if (error instanceof QuizProblems) return replyInvalid(submission, { fieldErrors: { module: [error.problems[0]!.message] } })
    throw error
  }
  return redirectWithToast(`/content/quizzes/${slug}`, {
    description: 'Quiz created as a draft. Choose its scenarios and settings, then publish: learners see it from then on.',
  })
}

export default function Quizzes() {
  const { quizzes, modulesWithoutQuiz } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useSchemaForm(NewSchema, { lastResult: actionData?.result })
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>Quizzes</h1>
          <p>
            Each module closes with a quiz that draws scenarios from the bank. Choose its scenarios and settings here; learners’ next
            attempts use what you publish, and open attempts keep the items they drew.
          </p>
        </div>
        <div className="row">
          <Link className="button secondary" to="/content">
            Lessons
          </Link>
          <Link className="button secondary" to="/content/scenarios">
            Scenarios
          </Link>
        </div>
      </div>
      {quizzes.length === 0 ? (
        <div className="card empty">No quizzes yet. Run npm run content:sync to load the curriculum, or create one below.</div>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Module quizzes</caption>
            <thead>
              <tr>
                <th scope="col">Quiz</th>
                <th scope="col">Module</th>
                <th scope="col">Scenarios</th>
                <th scope="col">Drawn per attempt</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {quizzes.map((q) => (
                <tr key={q.slug}>
                  <td>
                    <Link to={`/content/quizzes/${q.slug}`}>{q.title}</Link>
                  </td>
                  <td>{q.module?.title ?? '–'}</td>
                  <td>{q.scenarios}</td>
                  <td>{q.draw}</td>
                  <td>
                    {q.version ? <span className="badge active">v{q.version} published</span> : null}
                    {q.statuses
                      .filter((s) => s !== 'published')
                      .map((s) => (
                        <span key={s} className="badge invited">
                          {' '}
                          {s}
                        </span>
                      ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section className="card" aria-labelledby="new-quiz">
        <h2 id="new-quiz">New quiz</h2>
        {modulesWithoutQuiz.length === 0 ? (
          <p className="muted">Every module has a quiz.</p>
        ) : (
          <>
            <FormErrors errors={form.errors} id={form.errorId} />
            <Form method="post" className="row inline-fields" {...getFormProps(form)}>
              <SelectField label="For the module" meta={fields.module}>
                <option value="">Choose a module…</option>
                {modulesWithoutQuiz.map((m) => (
                  <option key={m.slug} value={m.slug}>
                    {m.title}
                  </option>
                ))}
              </SelectField>
              <button type="submit" disabled={navigation.state === 'submitting'}>
                New quiz
              </button>
            </Form>
          </>
        )}
      </section>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
