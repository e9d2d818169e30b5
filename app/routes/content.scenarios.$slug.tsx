import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, ShouldRevalidateFunction } from 'react-router'
import { getFormProps } from '@conform-to/react'
import { data, Form, Link, useActionData, useFetcher, useLoaderData, useNavigation } from 'react-router'
import { useCallback, useEffect, useRef, useState } from 'react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ItemForm } from '~/components/quiz-item'
import { fieldId, ScenarioForm, type EditableScenario } from '~/components/scenario-editor'
import { TextareaField } from '~/components/ui/field'
import { useBodyLimit } from '~/components/use-body-limit'
import { problemsByEditorField, scenarioEditorField, scenarioFieldLabel } from '~/domain/scenarios/field-labels'
import { jsonText } from '~/domain/json'
import { lintDraft } from '~/domain/scenarios/lint'
import { longestTextPath } from '~/utils/body-limit'
import type { FieldProblem } from '~/domain/scenarios/scenario'
import { ConflictError } from '~/models/authoring.server'
import { getOrganisation } from '~/models/organisation.server'
import {
  getScenarioForEditing,
  previewScenario,
  publishScenario,
  saveScenarioDraft,
  ScenarioProblems,
} from '~/models/scenario-authoring.server'
import { getPanel } from '~/models/scenario-panel.server'
import { requireContentManager } from '~/utils/auth.server'
import { inPreviewQueue, PREVIEW_QUEUE, PreviewBusy } from '~/utils/preview-queue.server'
import { listCompetencies } from '~/models/competency.server'
import { parseSubmission, useSchemaForm } from '~/utils/forms'
import { redirectWithToast } from '~/utils/toast.server'
import { useDateFormat } from '~/components/use-dates'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Edit ${data?.scenario.definition.title || 'scenario'} · Mission Ready` },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireContentManager(request)
  const [scenario, competencies, org, panel] = await Promise.all([
    getScenarioForEditing(params.slug ?? ''),
    listCompetencies(),
    getOrganisation(),
    getPanel(params.slug ?? '', user.id),
  ])
  // The panel's summary, never its scores: those are on the panel page, once the viewer has scored.
  const summary = {
    raters: panel.raters,
    scorable: panel.choices.length > 0,
    complete: panel.complete,
    disagrees: panel.agreement?.disagrees ?? null,
    alpha: panel.agreement?.alpha ?? null,
  }
  return { scenario, competencies, mission: org.mission, panel: summary }
}

// Previews must not reload the editor (that would move its base revision past someone else's save).
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get('intent') === 'preview' ? false : defaultShouldRevalidate

const UNKNOWN_INTENT = 'That action is not available here.'

const NOT_AN_OBJECT = 'The scenario was not sent as a JSON object.'
// The editor sends the definition as JSON text; the models check it field by field (validateScenario).
const Definition = z
  .string({ error: NOT_AN_OBJECT })
  .max(200_000, 'The scenario is too large (200,000 characters at most).')
  .pipe(jsonText(z.record(z.string(), z.unknown(), { error: NOT_AN_OBJECT }), NOT_AN_OBJECT))
const Revision = z.number({ error: 'The page was not read correctly: reload it.' }).int().min(0)
const Override = z.string().trim().max(500, 'Keep the reason under 500 characters.').default('')

const ActionSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('preview'), definition: Definition }),
    z.object({ intent: z.literal('save'), revision: Revision, definition: Definition }),
    z.object({ intent: z.literal('publish'), revision: Revision, definition: Definition, override: Override }),
  ],
  { error: UNKNOWN_INTENT },
)
/** What the browser checks before sending (which button was pressed is known only on submit). */
const BrowserSchema = z.object({
  intent: z.enum(['save', 'publish']).optional(),
  revision: Revision,
  definition: z.string().max(200_000, 'The scenario is too large (200,000 characters at most).'),
  override: Override,
})

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireContentManager(request)
  const slug = params.slug ?? ''
  const submission = parseSubmission(await request.formData(), ActionSchema)
  // Problems of the definition come back by field path, to be shown at the editor's fields.
  const refuse = ({ status = 400, formErrors, problems = [] }: { status?: number; formErrors?: string[]; problems?: FieldProblem[] }) =>
    data({ result: submission.reply({ formErrors }), problems }, { status })
  if (submission.status !== 'success') {
    const { intent, definition } = submission.error ?? {}
    // The hidden fields are not the trainer's to fix: what is wrong with them is said above the form.
    return refuse({ formErrors: intent ? [UNKNOWN_INTENT] : (definition ?? ['The form was not read correctly: reload the page.']) })
  }
  const form = submission.value
  try {
    if (form.intent === 'preview') {
      // 200 with the item, 422 with what is still to do, 503 while this trainer's previews are queued full.
      const preview = await inPreviewQueue(user.id, () => previewScenario(form.definition))
      const warnings = lintDraft(form.definition)
      return data(
        preview.ok ? { problems: [], preview: preview.item, warnings } : { problems: preview.problems, preview: null, warnings },
        { status: preview.ok ? 200 : 422 },
      )
    }
    if (form.intent === 'save') {
      await saveScenarioDraft(slug, form.definition, form.revision, user.id)
      return redirectWithToast(`/content/scenarios/${slug}`, { description: 'Draft saved. Learners still see the published version.' })
    }
    const number = await publishScenario(slug, form.definition, form.revision, user.id, { override: form.override })
    return redirectWithToast(`/content/scenarios/${slug}`, {
      description: `Published version ${number}. New attempts use it; earlier answers keep pointing at the version they answered.`,
    })
  } catch (error) {
    if (error instanceof PreviewBusy)
      return data(
        { problems: [], preview: null, warnings: [], busy: error.message },
        { status: 503, headers: { 'Retry-After': String(PREVIEW_QUEUE.retryAfterSeconds) } },
      )
    if (error instanceof ConflictError) return refuse({ status: 409, formErrors: [error.message] })
    if (error instanceof ScenarioProblems)
      return refuse({
        formErrors: [`Not published: ${error.problems.length} problem${error.problems.length === 1 ? '' : 's'} to fix.`],
        problems: error.problems,
      })
    throw error
  }
}

export default function EditScenario() {
  const { scenario, competencies, mission, panel } = useLoaderData<typeof loader>()
  // A new revision (after a save or publish) starts the form afresh from the server's copy.
  return <Editor key={scenario.revision} scenario={scenario} competencies={competencies} mission={mission} panel={panel} />
}

function Editor({ scenario, competencies, mission, panel }: ReturnType<typeof useLoaderData<typeof loader>>) {
  const dateTime = useDateFormat('dateTime')
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [value, setValue] = useState<EditableScenario>(scenario.definition)
  const preview = useFetcher<typeof action>()
  const timer = useRef<number>()
  const json = JSON.stringify(value)
  const submitPreview = preview.submit
  const latestJson = useRef(json)
  latestJson.current = json
  const limit = useBodyLimit()
  const checkSize = limit.check
  // A definition past the server's limit is neither previewed nor sent: the message goes at its longest
  // text (found in the value the JSON is made from, this render's `value`).
  const fits = useCallback((data: Record<string, string>) => checkSize(data, longestTextPath(value)?.path), [checkSize, value])
  useEffect(() => {
    window.clearTimeout(timer.current)
    timer.current = window.setTimeout(() => {
      const data = { intent: 'preview', definition: json }
      if (fits(data)) submitPreview(data, { method: 'post' })
    }, 600)
    return () => window.clearTimeout(timer.current)
  }, [json, submitPreview, fits])
  const previewBusy = preview.data && 'busy' in preview.data && typeof preview.data.busy === 'string' ? preview.data.busy : undefined
  useEffect(() => {
    // This trainer's previews were queued full: try the latest text again shortly.
    if (!previewBusy) return
    window.clearTimeout(timer.current)
    timer.current = window.setTimeout(() => submitPreview({ intent: 'preview', definition: latestJson.current }, { method: 'post' }), 3_000)
  }, [preview.data, previewBusy, submitPreview])

  const [form, fields] = useSchemaForm(BrowserSchema, { lastResult: actionData && 'result' in actionData ? actionData.result : undefined })
  const formProps = getFormProps(form)
  const problems = actionData?.problems ?? []
  const errors = {
    ...problemsByEditorField(problems, value.type),
    ...(limit.problem ? { [limit.problem.field]: limit.problem.message } : {}),
  }
  // After a refusal, the cursor goes to the first problem's field (not to conform's first unnamed input).
  useEffect(() => {
    const first = actionData && 'result' in actionData ? actionData.problems[0] : undefined
    const at = first ? scenarioEditorField(first.field) : null
    if (at) document.getElementById(fieldId(at))?.focus()
  }, [actionData])
  const labelled = (p: { field: string; message: string }) => (
    <>
      <a href={`#${fieldId(scenarioEditorField(p.field) ?? 'title')}`}>{scenarioFieldLabel(p.field, value.type)}</a>: {p.message}
    </>
  )
  const previewData = preview.data && 'preview' in preview.data ? preview.data : null
  // The bank linter's advice on the latest preview, several warnings for one field read together.
  const warnings: Record<string, string> = {}
  for (const w of previewData?.warnings ?? []) warnings[w.field] = warnings[w.field] ? `${warnings[w.field]} ${w.message}` : w.message
  const busy = navigation.state === 'submitting'
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
            {scenario.isDraft ? ` · draft saved ${dateTime.format(new Date(scenario.draftUpdatedAt!))}` : ''}
          </p>
        </div>
        {scenario.currentVersion ? (
          <Link className="button secondary" to={`/content/scenarios/${scenario.slug}/statistics`}>
            Item statistics
          </Link>
        ) : null}
      </div>
      {form.errors?.length ? (
        <div className="alert error" role="alert" id={form.errorId}>
          {form.errors.map((e) => (
            <p key={e}>{e}</p>
          ))}
          {problems.length > 0 ? (
            <ul className="problem-list">
              {problems.map((p, i) => (
                <li key={i}>{labelled(p)}</li>
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
          {...formProps}
          onSubmit={(event) => {
            // The body-size guard, with its message at the longest text rather than at the hidden JSON.
            const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null
            if (!fits({ revision: String(scenario.revision), definition: json, intent: submitter?.value ?? '' })) event.preventDefault()
            else formProps.onSubmit(event)
          }}
        >
          <input type="hidden" name="revision" value={scenario.revision} />
          <input type="hidden" name="definition" value={json} />
          <ScenarioForm value={value} onChange={setValue} errors={errors} competencies={competencies} warnings={warnings} />
          {panel.scorable ? (
            <section className="card" aria-labelledby="key-panel" id={fieldId('panel')}>
              <h2 id="key-panel">Key panel</h2>
              <p>
                {panel.raters === 0
                  ? 'No trainer has scored the options independently yet.'
                  : `${panel.raters} trainer${panel.raters === 1 ? ' has' : 's have'} scored the options independently${panel.complete ? (panel.alpha === null ? '.' : `: agreement α ${panel.alpha.toFixed(2)}${panel.disagrees ? ', and they disagree' : ''}.`) : '. Score them yourself to see their scores and agreement.'}`}{' '}
                With two or more, publishing uses the panel’s key.{' '}
                <Link to={`/content/scenarios/${scenario.slug}/panel`}>Open the key panel</Link>
              </p>
              {errors.panel || fields.override.errors ? (
                <TextareaField
                  label="Publish despite the disagreement: why?"
                  meta={fields.override}
                  rows={2}
                  error={[errors.panel, ...(fields.override.errors ?? [])].filter(Boolean).join(' ')}
                  hint="Recorded in the audit log with the panel’s agreement."
                />
              ) : null}
            </section>
          ) : null}
          <div className="row">
            <button type="submit" name="intent" value="save" className="secondary" disabled={busy}>
              {busy && navigation.formData?.get('intent') === 'save' ? 'Saving…' : 'Save draft'}
            </button>
            <button type="submit" name="intent" value="publish" disabled={busy}>
              {busy && navigation.formData?.get('intent') === 'publish' ? 'Publishing…' : 'Publish'}
            </button>
          </div>
        </Form>
        <aside className="card preview" role="region" aria-label="Preview" aria-busy={preview.state !== 'idle'} tabIndex={0}>
          <p className="story-label">Preview: as a learner sees it</p>
          {previewBusy ? (
            <p className="muted" role="status">
              {previewBusy}
            </p>
          ) : previewData?.preview ? (
            <>
              {previewData.warnings.length > 0 ? (
                <div className="field-warning" role="status">
                  <p>
                    <strong>Could a guesser get this right without reading it?</strong> {previewData.warnings.length} fairness warning
                    {previewData.warnings.length === 1 ? '' : 's'}:
                  </p>
                  <ul className="problem-list">
                    {previewData.warnings.map((w, i) => (
                      <li key={i}>{labelled(w)}</li>
                    ))}
                  </ul>
                </div>
              ) : null}
              <h2>{previewData.preview.title}</h2>
              <ItemForm item={previewData.preview} mission={mission} action={null} />
            </>
          ) : previewData ? (
            <div>
              <p className="muted">The preview appears once the scenario is complete. Still to do:</p>
              <ul className="problem-list">
                {previewData.problems.slice(0, 12).map((p, i) => (
                  <li key={i}>{labelled(p)}</li>
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
                v{v.number} · {v.title} · {v.origin === 'file' ? 'from content files' : 'published in the app'} ·{' '}
                {dateTime.format(new Date(v.createdAt))}
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
