import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from 'react-router'
import { Form, Link, useActionData, useLoaderData } from 'react-router'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FormErrors } from '~/components/ui/field'
import { useDateFormat } from '~/components/use-dates'
import { ConflictError } from '~/models/authoring.server'
import { quizHistory, restoreQuizVersion } from '~/models/quiz-authoring.server'
import { requireContentManager } from '~/utils/auth.server'
import { parseSubmission, replyDomainError, replyInvalid, useSchemaForm } from '~/utils/forms'
import { redirectWithToast } from '~/utils/toast.server'

export const meta: MetaFunction = () => [{ title: 'Quiz history · Mission Ready' }]

const DiffQuery = z.object({ from: z.coerce.number().int().min(1).optional(), to: z.coerce.number().int().min(1).optional() })

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireContentManager(request)
  const query = DiffQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams))
  if (!query.success) throw new Response('Choose two version numbers to compare.', { status: 400 })
  const slug = params.slug ?? ''
  const first = await quizHistory(slug, 0, 0)
  const latest = first.quiz.versions[0]?.number ?? 1
  const to = query.data.to ?? latest
  const from = query.data.from ?? Math.max(1, to - 1)
  const { quiz, diff } = await quizHistory(slug, from, to)
  return { quiz, from, to, diff }
}

const RestoreSchema = z.object({
  version: z.number().int().min(1),
  revision: z.number().int().min(0),
})

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireContentManager(request)
  const slug = params.slug ?? ''
  const submission = parseSubmission(await request.formData(), RestoreSchema)
  // The buttons send only hidden fields: what is wrong is said once, above the table.
  if (submission.status !== 'success') return replyInvalid(submission, { formErrors: ['Choose a version to restore.'] })
  try {
    await restoreQuizVersion(slug, submission.value.version, submission.value.revision, user.id)
  } catch (error) {
    if (error instanceof ConflictError) return replyDomainError(submission, error)
    throw error
  }
  return redirectWithToast(`/content/quizzes/${slug}`, {
    description: `Version ${submission.value.version} is now the draft. Review it and publish; learners keep the current version until then.`,
  })
}

export default function QuizHistory() {
  const timeFormat = useDateFormat('dateTime')
  const { quiz, from, to, diff } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [form] = useSchemaForm(RestoreSchema, { lastResult: actionData?.result })
  return (
    <div className="stack">
      <p>
        <Link to={`/content/quizzes/${quiz.slug}`}>← Back to the editor</Link>
      </p>
      <h1>Version history: {quiz.definition.title}</h1>
      <FormErrors errors={form.errors} id={form.errorId} />
      {quiz.versions.length === 0 ? (
        <p className="muted">Not published yet: the first publish makes version 1.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Versions of the quiz</caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Scenarios</th>
                <th scope="col">Published</th>
                <th scope="col">From</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {quiz.versions.map((v) => (
                <tr key={v.number}>
                  <td>
                    v{v.number}
                    {v.number === quiz.currentVersion ? <span className="badge active"> live</span> : null}
                  </td>
                  <td>
                    {v.definition.items.length}, {v.definition.draw ?? v.definition.items.length} drawn
                  </td>
                  <td>
                    {timeFormat.format(new Date(v.createdAt))}
                    {v.author ? ` by ${v.author}` : ''}
                  </td>
                  <td>{v.origin === 'file' ? 'content file' : 'editor'}</td>
                  <td className="row">
                    {v.number > 1 ? <Link to={`?from=${v.number - 1}&to=${v.number}`}>Changes</Link> : null}
                    {v.number !== quiz.currentVersion ? (
                      <Form method="post">
                        <input type="hidden" name="version" value={v.number} />
                        <input type="hidden" name="revision" value={quiz.revision} />
                        <button type="submit" className="secondary" aria-label={`Restore version ${v.number} as the draft`}>
                          Restore as the draft
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section aria-labelledby="diff-heading" className="card quiz-changes">
        <h2 id="diff-heading">
          Changes from v{from} to v{to}
        </h2>
        {!diff ? (
          <p className="muted">{quiz.versions.length > 1 ? 'Choose two different versions.' : 'There is only one version so far.'}</p>
        ) : diff.added.length + diff.removed.length + diff.changes.length === 0 ? (
          <p>No changes: the two versions are the same.</p>
        ) : (
          <>
            <ScenarioList heading="Scenarios added" scenarios={diff.added} />
            <ScenarioList heading="Scenarios removed" scenarios={diff.removed} />
            {diff.changes.length > 0 ? (
              <>
                <h3>Settings changed</h3>
                <ul>
                  {diff.changes.map((c) => (
                    <li key={c.label}>
                      {c.label}: {c.from} → {c.to}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </>
        )}
      </section>
    </div>
  )
}

function ScenarioList({ heading, scenarios }: { heading: string; scenarios: { slug: string; title: string }[] }) {
  if (scenarios.length === 0) return null
  return (
    <>
      <h3>{heading}</h3>
      <ul>
        {scenarios.map((s) => (
          <li key={s.slug}>
            {s.title} <span className="muted">({s.slug})</span>
          </li>
        ))}
      </ul>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
