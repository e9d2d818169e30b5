import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import type { ShouldRevalidateFunction } from '@remix-run/react'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { useCallback, useEffect, useRef, useState } from 'react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ItemForm } from '~/components/quiz-item'
import { fieldId, ScenarioForm, type EditableScenario } from '~/components/scenario-editor'
import { useBodyLimit } from '~/components/use-body-limit'
import { longestTextPath } from '~/utils/body-limit'
import type { FieldProblem } from '~/domain/scenarios/scenario'
import { ConflictError } from '~/models/authoring.server'
import { getOrganisation } from '~/models/organisation.server'
import { getScenarioForEditing, previewScenario, publishScenario, saveScenarioDraft, ScenarioProblems } from '~/models/scenario-authoring.server'
import { requireContentManager } from '~/utils/auth.server'
import { db } from '~/utils/db.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Edit ${data?.scenario.definition.title || 'scenario'} · Mission Ready` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireContentManager(request)
  const [scenario, competencies, org] = await Promise.all([
    getScenarioForEditing(params.slug ?? ''),
    db.competency.findMany({ where: { archivedAt: null }, orderBy: { position: 'asc' }, select: { id: true, title: true } }),
    getOrganisation(),
  ])
  return { scenario, competencies, mission: org.mission }
}

// Previews must not reload the editor (that would move its base revision past someone else's save).
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) => (formData?.get('intent') === 'preview' ? false : defaultShouldRevalidate)

const ActionSchema = z.object({
  intent: z.enum(['save', 'publish', 'preview'], 'Unknown action.'),
  revision: z.coerce.number().int().min(0).default(0),
  definition: z
    .string()
    .max(200_000, 'The scenario is too large (200,000 characters at most).')
    .transform((text, ctx) => {
      try {
        const value = JSON.parse(text) as unknown
        if (value && typeof value === 'object' && !Array.isArray(value)) return value
      } catch {
        // reported below
      }
      ctx.addIssue({ code: 'custom', message: 'The scenario was not sent as a JSON object.' })
      return z.NEVER
    }),
})

type ActionResult = { problems: FieldProblem[]; error?: string }

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireContentManager(request)
  const slug = params.slug ?? ''
  const parsed = ActionSchema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) return data<ActionResult>({ problems: [], error: parsed.error.issues[0]?.message }, { status: 400 })
  const { intent, revision, definition } = parsed.data
  try {
    if (intent === 'preview') {
      const preview = await previewScenario(definition)
      return data(preview.ok ? { problems: [], preview: preview.item } : { problems: preview.problems, preview: null })
    }
    if (intent === 'save') {
      await saveScenarioDraft(slug, definition, revision, user.id)
      return redirect(`/content/scenarios/${slug}?saved=draft`)
    }
    const number = await publishScenario(slug, definition, revision, user.id)
    return redirect(`/content/scenarios/${slug}?published=${number}`)
  } catch (error) {
    if (error instanceof ConflictError) return data<ActionResult>({ problems: [], error: error.message }, { status: 409 })
    if (error instanceof ScenarioProblems) return data<ActionResult>({ problems: error.problems, error: `Not published: ${error.problems.length} problem${error.problems.length === 1 ? '' : 's'} to fix.` }, { status: 400 })
    throw error
  }
}

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })

export default function EditScenario() {
  const { scenario, competencies, mission } = useLoaderData<typeof loader>()
  // A new revision (after a save or publish) starts the form afresh from the server's copy.
  return <Editor key={scenario.revision} scenario={scenario} competencies={competencies} mission={mission} />
}

function Editor({ scenario, competencies, mission }: ReturnType<typeof useLoaderData<typeof loader>>) {
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [params] = useSearchParams()
  const [value, setValue] = useState<EditableScenario>(scenario.definition)
  const preview = useFetcher<typeof action>()
  const timer = useRef<number>()
  const json = JSON.stringify(value)
  const submitPreview = preview.submit
  const limit = useBodyLimit()
  const checkSize = limit.check
  // A definition past the server's limit is neither previewed nor sent: the message goes at its longest text.
  const fits = useCallback((data: Record<string, string>) => checkSize(data, longestTextPath(JSON.parse(data.definition!))?.path), [checkSize])
  useEffect(() => {
    window.clearTimeout(timer.current)
    timer.current = window.setTimeout(() => {
      const data = { intent: 'preview', definition: json }
      if (fits(data)) submitPreview(data, { method: 'post' })
    }, 600)
    return () => window.clearTimeout(timer.current)
  }, [json, submitPreview, fits])

  const problems = actionData?.problems ?? []
  const actionError = actionData && 'error' in actionData ? actionData.error : undefined
  const errors = { ...Object.fromEntries(problems.map((p) => [p.field, p.message])), ...(limit.problem ? { [limit.problem.field]: limit.problem.message } : {}) }
  const previewData = preview.data && 'preview' in preview.data ? preview.data : null
  const busy = navigation.state === 'submitting'
  const published = params.get('published')
  return (
    <div className="stack">
      <p>
        <Link to="/content/scenarios">← All scenarios</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>{value.title || scenario.slug}</h1>
          <p>
            {scenario.currentVersion ? `Published as v${scenario.currentVersion}` : 'Not published yet'}
            {scenario.isDraft ? ` · draft saved ${dateTime.format(new Date(scenario.draftUpdatedAt!))} UTC` : ''}
          </p>
        </div>
        {scenario.currentVersion ? (
          <Link className="button secondary" to={`/content/scenarios/${scenario.slug}/statistics`}>
            Item statistics
          </Link>
        ) : null}
      </div>
      {published ? <p className="alert success" role="status">Published version {published}. New attempts use it; earlier answers keep pointing at the version they answered.</p> : null}
      {params.get('saved') && !actionData ? <p className="alert success" role="status">Draft saved. Learners still see the published version.</p> : null}
      {actionError ? (
        <div className="alert error" role="alert">
          <p>{actionError}</p>
          {problems.length > 0 ? (
            <ul className="problem-list">
              {problems.map((p, i) => (
                <li key={i}>
                  <a href={`#${fieldId(p.field)}`}>{p.field}</a>: {p.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <div className="editor-layout">
        <Form
          method="post"
          className="stack"
          aria-label="Scenario"
          onSubmit={(event) => {
            const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null
            if (!fits({ revision: String(scenario.revision), definition: json, intent: submitter?.value ?? '' })) event.preventDefault()
          }}
        >
          <input type="hidden" name="revision" value={scenario.revision} />
          <input type="hidden" name="definition" value={json} />
          <ScenarioForm value={value} onChange={setValue} errors={errors} competencies={competencies} />
          <div className="row">
            <button type="submit" name="intent" value="save" className="secondary" disabled={busy}>
              {busy && navigation.formData?.get('intent') === 'save' ? 'Saving…' : 'Save draft'}
            </button>
            <button type="submit" name="intent" value="publish" disabled={busy}>
              {busy && navigation.formData?.get('intent') === 'publish' ? 'Publishing…' : 'Publish'}
            </button>
          </div>
        </Form>
        <aside className="card preview" aria-label="Preview" aria-busy={preview.state !== 'idle'} tabIndex={0}>
          <p className="story-label">Preview: as a learner sees it</p>
          {previewData?.preview ? (
            <>
              <h2>{previewData.preview.title}</h2>
              <ItemForm item={previewData.preview} mission={mission} action={null} />
            </>
          ) : previewData ? (
            <div>
              <p className="muted">The preview appears once the scenario is complete. Still to do:</p>
              <ul className="problem-list">
                {previewData.problems.slice(0, 12).map((p, i) => (
                  <li key={i}>
                    <a href={`#${fieldId(p.field)}`}>{p.field}</a>: {p.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <p className="muted">Preparing the preview…</p>
          )}
        </aside>
      </div>
      {scenario.versions.length > 0 ? (
        <section className="card">
          <h2>Versions</h2>
          <ul>
            {scenario.versions.map((v) => (
              <li key={v.number}>
                v{v.number} · {v.title} · {v.origin === 'file' ? 'from content files' : 'published in the app'} · {dateTime.format(new Date(v.createdAt))} UTC
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
