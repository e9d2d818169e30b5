import type { LoaderFunctionArgs, MetaFunction } from 'react-router'
import { Form, Link, useLoaderData } from 'react-router'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { listLessonsForTrainer } from '~/models/authoring.server'
import { requireContentManager } from '~/utils/auth.server'
import { useDateFormat } from '~/components/use-dates'

export const meta: MetaFunction = () => [{ title: 'Content · Mission Ready' }]

const blank = (v: unknown) => (v === '' ? undefined : v)
const FilterSchema = z.object({
  module: z.preprocess(blank, z.string().max(80).optional()),
  competency: z.preprocess(blank, z.string().max(60).optional()),
  status: z.preprocess(blank, z.enum(['draft', 'published'], 'Unknown status.').optional()),
})

export async function loader({ request }: LoaderFunctionArgs) {
  await requireContentManager(request)
  const filter = FilterSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams))
  if (!filter.success) throw new Response(filter.error.issues[0]?.message ?? 'Bad filter.', { status: 400 })
  return { ...(await listLessonsForTrainer(filter.data)), filter: filter.data }
}

export default function Content() {
  const dateFormat = useDateFormat('date')
  const { modules, competencies, lessons, filter } = useLoaderData<typeof loader>()
  const title = (id: string) => competencies.find((c) => c.id === id)?.title ?? id
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>Content</h1>
          <p>The lessons of the curriculum. Edit one to change it: learners keep the version they read until you publish.</p>
        </div>
        <div className="row">
          <Link className="button secondary" to="/content/paths">
            Modules and paths
          </Link>
          <Link className="button secondary" to="/content/scenarios">
            Scenarios
          </Link>
          <Link className="button secondary" to="/content/quizzes">
            Quizzes
          </Link>
          <Link className="button secondary" to="/content/grading">
            Grading
          </Link>
          <Link className="button secondary" to="/content/certificates">
            Certificates
          </Link>
        </div>
      </div>
      <Form method="get" className="card row" role="search" aria-label="Filter lessons">
        <div className="field" style={{ flex: '1 1 12rem', marginBottom: 0 }}>
          <label htmlFor="module">Module</label>
          <select id="module" name="module" defaultValue={filter.module ?? ''}>
            <option value="">All modules</option>
            {modules.map((m) => (
              <option key={m.slug} value={m.slug}>
                {m.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field" style={{ flex: '1 1 12rem', marginBottom: 0 }}>
          <label htmlFor="competency">Competency</label>
          <select id="competency" name="competency" defaultValue={filter.competency ?? ''}>
            <option value="">All competencies</option>
            {competencies.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field" style={{ flex: '1 1 9rem', marginBottom: 0 }}>
          <label htmlFor="status">Status</label>
          <select id="status" name="status" defaultValue={filter.status ?? ''}>
            <option value="">Any</option>
            <option value="draft">Has a draft</option>
            <option value="published">Published</option>
          </select>
        </div>
        <button type="submit">Filter</button>
      </Form>
      {lessons.length === 0 ? (
        <div className="card empty">
          No lessons match.{' '}
          {modules.length === 0 ? 'Run npm run content:sync to load the curriculum.' : 'Clear the filters to see them all.'}
        </div>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Lesson</th>
                <th scope="col">Module</th>
                <th scope="col">Competencies</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {lessons.map((l) => (
                <tr key={l.slug}>
                  <td>
                    <Link to={`/content/lessons/${l.slug}`}>{l.title}</Link>
                    {l.minutes ? <span className="muted"> · {l.minutes} min</span> : null}
                  </td>
                  <td>{l.module.title}</td>
                  <td>{l.competencies.map(title).join(', ')}</td>
                  <td>
                    {l.version ? (
                      <span className="badge active">
                        v{l.version} published {l.publishedAt ? dateFormat.format(new Date(l.publishedAt)) : ''}
                      </span>
                    ) : null}
                    {l.hasDraft ? <span className="badge invited"> draft</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
