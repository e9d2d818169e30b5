import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from 'react-router'
import { Form, Link, useActionData, useLoaderData } from 'react-router'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FormErrors } from '~/components/ui/field'
import { ConflictError, diffVersions, getLessonForEditing, revertLesson } from '~/models/authoring.server'
import { requireContentManager } from '~/utils/auth.server'
import { parseSubmission, replyDomainError, replyInvalid, useSchemaForm } from '~/utils/forms'
import { redirectWithToast } from '~/utils/toast.server'
import { useDateFormat } from '~/components/use-dates'

export const meta: MetaFunction = () => [{ title: 'Version history · Mission Ready' }]

const DiffQuery = z.object({ from: z.coerce.number().int().min(1).optional(), to: z.coerce.number().int().min(1).optional() })

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireContentManager(request)
  const slug = params.slug ?? ''
  const lesson = await getLessonForEditing(slug)
  const query = DiffQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams))
  if (!query.success) throw new Response('Choose two version numbers to compare.', { status: 400 })
  const latest = lesson.versions[0]?.number ?? 1
  const to = query.data.to ?? latest
  const from = query.data.from ?? Math.max(1, to - 1)
  const diff = from !== to ? await diffVersions(slug, from, to) : null
  return { lesson, from, to, diff }
}

const RevertSchema = z.object({
  version: z.number().int().min(1),
  revision: z.number().int().min(0),
})

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireContentManager(request)
  const slug = params.slug ?? ''
  const submission = parseSubmission(await request.formData(), RevertSchema)
  // The buttons send only hidden fields: what is wrong is said once, above the table.
  if (submission.status !== 'success') return replyInvalid(submission, { formErrors: ['Choose a version to restore.'] })
  try {
    const number = await revertLesson(slug, submission.value.version, submission.value.revision, user.id)
    return redirectWithToast(`/content/lessons/${slug}`, {
      description: `Version ${submission.value.version} restored and published as version ${number}. Learners now see it.`,
    })
  } catch (error) {
    if (error instanceof ConflictError) return replyDomainError(submission, error)
    throw error
  }
}

export default function History() {
  const timeFormat = useDateFormat('dateTime')
  const { lesson, from, to, diff } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [form] = useSchemaForm(RevertSchema, { lastResult: actionData?.result })
  return (
    <div className="stack">
      <p>
        <Link to={`/content/lessons/${lesson.slug}`}>← Back to the editor</Link>
      </p>
      <h1>Version history</h1>
      <FormErrors errors={form.errors} id={form.errorId} />
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Title</th>
              <th scope="col">Published</th>
              <th scope="col">From</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {lesson.versions.map((v) => (
              <tr key={v.number}>
                <td>
                  v{v.number}
                  {v.number === lesson.currentVersion ? <span className="badge active"> live</span> : null}
                </td>
                <td>{v.title}</td>
                <td>
                  {timeFormat.format(new Date(v.createdAt))}
                  {v.author ? ` by ${v.author}` : ''}
                </td>
                <td>{v.origin === 'file' ? 'content file' : 'editor'}</td>
                <td className="row">
                  {v.number > 1 ? <Link to={`?from=${v.number - 1}&to=${v.number}`}>Changes</Link> : null}
                  {v.number !== lesson.currentVersion ? (
                    <Form method="post">
                      <input type="hidden" name="version" value={v.number} />
                      <input type="hidden" name="revision" value={lesson.revision} />
                      <button type="submit" className="secondary" aria-label={`Restore version ${v.number} as a new version`}>
                        Restore as a new version
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section aria-labelledby="diff-heading">
        <h2 id="diff-heading">
          Changes from v{from} to v{to}
        </h2>
        {diff ? (
          <pre className="diff" aria-label={`Differences between version ${from} and ${to}`}>
            {diff.map((part, i) => (
              <span key={i} className={part.kind}>
                {part.kind === 'added' ? (
                  <span className="visually-hidden">Added: </span>
                ) : part.kind === 'removed' ? (
                  <span className="visually-hidden">Removed: </span>
                ) : null}
                {part.text}
              </span>
            ))}
          </pre>
        ) : (
          <p className="muted">There is only one version so far.</p>
        )}
      </section>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
