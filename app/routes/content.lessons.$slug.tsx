import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, ShouldRevalidateFunction } from 'react-router'
import { data, Form, Link, redirect, useActionData, useFetcher, useLoaderData, useNavigation, useSearchParams } from 'react-router'
import { useCallback, useEffect, useRef, useState } from 'react'
import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import { CodeEditor, type CodeEditorHandle } from '~/components/code-editor'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { LessonContent } from '~/components/mdx'
import { useBodyLimit } from '~/components/use-body-limit'
import { Alert, CheckboxGroup, Field, SubmitButton } from '~/components/ui/field'
import { LessonFrontmatterSchema, splitFrontmatter } from '~/domain/content/lesson'
import { composeLessonSource, parseSourceLines, sourceLines } from '~/domain/content/lesson-source'
import type { MdxProblem } from '~/domain/content/mdx-validator'
import type { LessonPreview } from './content.lessons.$slug_.preview'
import { ConflictError, getLessonForEditing, LessonProblems, publishLesson, saveDraft } from '~/models/authoring.server'
import { getOrganisation } from '~/models/organisation.server'
import { requireContentManager } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { failure, type FieldErrors } from '~/utils/forms'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Edit ${data?.fields.title ?? 'lesson'} · Mission Ready` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireContentManager(request)
  const [lesson, competencies, org] = await Promise.all([
    getLessonForEditing(params.slug ?? ''),
    db.competency.findMany({ where: { archivedAt: null }, orderBy: { position: 'asc' }, select: { id: true, title: true } }),
    getOrganisation(),
  ])
  const { yaml, body } = splitFrontmatter(lesson.source)
  let raw: Record<string, unknown> = {}
  try {
    raw = (yaml ? parseYaml(yaml) : {}) ?? {}
  } catch {
    raw = {}
  }
  const fields = {
    title: String(raw.title ?? ''),
    summary: String(raw.summary ?? ''),
    minutes: String(raw.minutes ?? ''),
    competencies: Array.isArray(raw.competencies) ? raw.competencies.map(String) : [],
    sources: Array.isArray(raw.sources) ? sourceLines(raw.sources as { author: string; title: string }[]) : '',
    body: body.replace(/^\n/, ''),
  }
  return { lesson, fields, competencies, mission: org.mission }
}

// Previews must not reload the editor: that would move the form's base revision past someone
// else's save, and the conflict check would then let this trainer overwrite it.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formAction, defaultShouldRevalidate }) =>
  formAction?.endsWith('/preview') ? false : defaultShouldRevalidate

const EditorSchema = z.object({
  intent: z.enum(['save', 'publish'], 'Unknown action.'),
  revision: z.coerce.number().int().min(0),
  title: z.string().trim().max(120, 'Use at most 120 characters.'),
  summary: z.string().trim().max(300, 'Use at most 300 characters.'),
  minutes: z.coerce.number({ error: 'Enter a number of minutes.' }).int('Enter whole minutes.').min(0).max(60, 'Enter at most 60.'),
  competencies: z.array(z.string().max(60)).max(8),
  /** The order the competencies were listed in, so saving unchanged ticks does not reorder them. */
  competencyOrder: z.string().max(600).default(''),
  sources: z.string().max(2000),
  body: z.string().max(100_000, 'The lesson is too long (100,000 characters at most).'),
})

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireContentManager(request)
  const slug = params.slug ?? ''
  const formData = await request.formData()
  const values = { ...Object.fromEntries(formData), competencies: formData.getAll('competencies').map(String) } as Record<
    string,
    string | string[]
  >
  const parsed = EditorSchema.safeParse(values)
  if (!parsed.success) {
    const errors: FieldErrors = {}
    for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message
    return data({ ...failure(errors, values), problems: [] as MdxProblem[] }, { status: 400 })
  }
  const form = parsed.data
  const sources = parseSourceLines(form.sources)
  if ('error' in sources) return data({ ...failure({ sources: sources.error }, values), problems: [] as MdxProblem[] }, { status: 400 })
  const order = form.competencyOrder.split(',')
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length)
  const competencies = [...form.competencies].sort((a, b) => rank(a) - rank(b))
  const frontmatter = { title: form.title, summary: form.summary, competencies, minutes: form.minutes, sources }
  const body = form.body
  const source = composeLessonSource(frontmatter, body)
  try {
    if (form.intent === 'save') {
      await saveDraft(slug, source, form.revision, user.id)
      return redirect(`/content/lessons/${slug}?saved=draft`)
    }
    const strict = LessonFrontmatterSchema.safeParse(frontmatter)
    if (!strict.success) {
      const errors: FieldErrors = {}
      for (const i of strict.error.issues) errors[String(i.path[0])] ??= i.message
      return data({ ...failure(errors, values), problems: [] as MdxProblem[] }, { status: 400 })
    }
    const number = await publishLesson(slug, source, form.revision, user.id)
    return redirect(`/content/lessons/${slug}?published=${number}`)
  } catch (error) {
    if (error instanceof ConflictError)
      return data({ ...failure({ form: error.message }, values), problems: [] as MdxProblem[] }, { status: 409 })
    if (error instanceof LessonProblems) {
      // Report body problems at editor lines (the editor shows the body without its frontmatter).
      const offset = source.split('\n').length - body.split('\n').length
      const problems = error.problems.map((p) => ({ ...p, line: Math.max(1, p.line - offset) }))
      const frontmatterProblem = error.problems.find((p) => p.line <= offset)
      return data(
        {
          ...failure(
            { form: frontmatterProblem ? frontmatterProblem.message : 'The lesson has problems: fix them, then publish again.' },
            values,
          ),
          problems,
        },
        { status: 400 },
      )
    }
    throw error
  }
}

export default function EditLesson() {
  const { lesson, fields, competencies, mission } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [params] = useSearchParams()
  const editor = useRef<CodeEditorHandle>(null)
  const preview = useFetcher<LessonPreview>()
  const latestBody = useRef('')
  const [lastGood, setLastGood] = useState<string | null>(null)
  const errors = actionData && !actionData.ok ? actionData.errors : {}
  const values = (actionData && !actionData.ok ? actionData.values : {}) as Record<string, string | string[]>
  const busy = navigation.state === 'submitting'
  const submitPreview = preview.submit
  const timer = useRef<number>()
  const limit = useBodyLimit()
  const checkSize = limit.check

  const requestPreview = useCallback(
    (body: string, delayMs = 500) => {
      latestBody.current = body
      window.clearTimeout(timer.current)
      timer.current = window.setTimeout(() => {
        // Text past the server's limit is not sent for preview either: the field says why.
        if (checkSize({ body }, 'body')) submitPreview({ body }, { method: 'post', action: `/content/lessons/${lesson.slug}/preview` })
      }, delayMs)
    },
    [lesson.slug, submitPreview, checkSize],
  )
  useEffect(() => {
    requestPreview(String(values.body ?? fields.body))
    return () => window.clearTimeout(timer.current)
    // Only on first render and after each save; typing calls requestPreview itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  const previewBusy = preview.data && !preview.data.ok ? preview.data.busy : undefined
  useEffect(() => {
    if (preview.data?.ok) setLastGood(preview.data.code)
    // The server had this trainer's previews queued full: try the latest text again shortly.
    if (preview.data && !preview.data.ok && preview.data.busy) requestPreview(latestBody.current, 3_000)
  }, [preview.data, requestPreview])

  const bodyError = limit.errorFor('body') ?? errors.body
  const sourcesError = limit.errorFor('sources') ?? errors.sources
  const problems = [
    ...(actionData && 'problems' in actionData ? actionData.problems : []),
    ...(preview.data && !preview.data.ok ? preview.data.problems : []),
  ]
  const published = params.get('published')
  return (
    <div className="stack">
      <p>
        <Link to="/content">← Content</Link> · {lesson.moduleTitle} ·{' '}
        <Link to={`/content/lessons/${lesson.slug}/history`}>Version history</Link>
      </p>
      {published ? (
        <Alert tone="success">
          Published as version {published}. Learners now see it; completions of earlier versions still point at what was read.
        </Alert>
      ) : null}
      {params.get('saved') ? <Alert tone="success">Draft saved. Learners still see version {lesson.currentVersion}.</Alert> : null}
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      {lesson.isDraft && !params.get('saved') ? (
        <Alert tone="info">
          You are editing an unpublished draft{lesson.draftUpdatedBy ? `, last saved by ${lesson.draftUpdatedBy}` : ''}. Learners see
          version {lesson.currentVersion}.
        </Alert>
      ) : null}
      <div className="editor-layout">
        <Form method="post" className="card editor-form" noValidate onSubmit={limit.onSubmit}>
          <h1>Edit lesson</h1>
          <input type="hidden" name="revision" value={lesson.revision} />
          <input type="hidden" name="competencyOrder" value={fields.competencies.join(',')} />
          <Field label="Title" name="title" defaultValue={String(values.title ?? fields.title)} error={errors.title} required />
          <Field
            label="Summary"
            name="summary"
            defaultValue={String(values.summary ?? fields.summary)}
            error={errors.summary}
            hint="One sentence: what the learner will take away."
          />
          <Field
            label="Minutes"
            name="minutes"
            type="text"
            inputMode="numeric"
            defaultValue={String(values.minutes ?? fields.minutes)}
            error={errors.minutes}
            hint="3 to 8."
          />
          <CheckboxGroup
            legend="Competencies"
            name="competencies"
            options={competencies.map((c) => ({ value: c.id, label: c.title }))}
            selected={Array.isArray(values.competencies) ? values.competencies : fields.competencies}
            error={errors.competencies}
          />
          <div className="field">
            <label htmlFor="sources">Sources</label>
            <textarea
              id="sources"
              name="sources"
              rows={3}
              defaultValue={String(values.sources ?? fields.sources)}
              aria-invalid={sourcesError ? true : undefined}
              aria-describedby="sources-hint"
            />
            <span id="sources-hint" className="hint">
              One per line: Author | Title
            </span>
            {sourcesError ? (
              <p className="field-error" role="alert">
                {sourcesError}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="body">Lesson text (MDX)</label>
            <span id="body-hint" className="hint">
              Markdown plus Callout, Story, KeyPoints, Mission, Reflection, Check and Scenario.
            </span>
            <CodeEditor
              ref={editor}
              id="body"
              name="body"
              defaultValue={String(values.body ?? fields.body)}
              onChange={requestPreview}
              describedBy="body-hint"
            />
            {bodyError ? (
              <p className="field-error" role="alert" id="body-error">
                {bodyError}
              </p>
            ) : null}
          </div>
          <div className="row">
            <SubmitButton
              name="intent"
              value="save"
              className="secondary"
              busy={busy && navigation.formData?.get('intent') === 'save'}
              busyLabel="Saving…"
            >
              Save draft
            </SubmitButton>
            <SubmitButton
              name="intent"
              value="publish"
              busy={busy && navigation.formData?.get('intent') === 'publish'}
              busyLabel="Publishing…"
            >
              Publish
            </SubmitButton>
          </div>
        </Form>
        {/* The preview scrolls on its own on wide screens: focusable, so keyboard users can scroll it. */}
        <div className="card preview" role="region" aria-labelledby="preview-heading" tabIndex={0}>
          <div className="row" style={{ justifyContent: 'space-between' }}>
            <h2 id="preview-heading">Preview</h2>
            <span className="muted" role="status">
              {preview.state !== 'idle' || (!lastGood && !problems.length)
                ? 'Updating…'
                : problems.length
                  ? `${problems.length} problem${problems.length > 1 ? 's' : ''}`
                  : 'Up to date'}
            </span>
          </div>
          {previewBusy ? <Alert tone="info">{previewBusy}</Alert> : null}
          {problems.length > 0 ? (
            <div className="alert error" role="alert">
              <p>
                <strong>The lesson cannot be compiled:</strong>
              </p>
              <ul className="problems">
                {problems.map((p, i) => (
                  <li key={i}>
                    <button type="button" className="link-button" onClick={() => editor.current?.goToLine(p.line)}>
                      Line {p.line}, column {p.column}
                    </button>
                    : {p.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {lastGood ? (
            <div className={`lesson preview-body${problems.length ? ' stale' : ''}`}>
              <LessonContent
                code={lastGood}
                context={{ slug: lesson.slug, mission, reflections: {}, checks: {}, action: null, optionIds: {} }}
              />
            </div>
          ) : problems.length ? null : (
            <p className="muted">Compiling…</p>
          )}
        </div>
      </div>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
