import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, ShouldRevalidateFunction } from 'react-router'
import { getFormProps } from '@conform-to/react'
import { data, Form, Link, useActionData, useFetcher, useLoaderData, useNavigation } from 'react-router'
import { useCallback, useEffect, useRef, useState } from 'react'
import { z } from 'zod'
import { CodeEditor, type CodeEditorHandle } from '~/components/code-editor'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { LessonContent } from '~/components/mdx'
import { useBodyLimit } from '~/components/use-body-limit'
import { Alert, CheckboxGroup, Field, FormErrors, SubmitButton, TextareaField } from '~/components/ui/field'
import {
  LessonDraftFieldsSchema,
  lessonFormFields,
  type LessonPreview,
  LessonPublishFieldsSchema,
  lessonSourceFromForm,
  problemsForEditor,
  uniqueProblems,
} from '~/domain/content/lesson-form'
import type { MdxProblem } from '~/domain/content/mdx-validator'
import { ConflictError, getLessonForEditing, LessonProblems, publishLesson, saveDraft } from '~/models/authoring.server'
import { getOrganisation } from '~/models/organisation.server'
import { requireContentManager } from '~/utils/auth.server'
import { listCompetencies } from '~/models/competency.server'
import { parseSubmission, useSchemaForm } from '~/utils/forms'
import { redirectWithToast } from '~/utils/toast.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Edit ${data?.fields.title ?? 'lesson'} · Mission Ready` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireContentManager(request)
  const [lesson, competencies, org] = await Promise.all([getLessonForEditing(params.slug ?? ''), listCompetencies(), getOrganisation()])
  return { lesson, fields: lessonFormFields(lesson.source), competencies, mission: org.mission }
}

// Previews must not reload the editor: that would move the form's base revision past someone
// else's save, and the conflict check would then let this trainer overwrite it.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formAction, defaultShouldRevalidate }) =>
  formAction?.endsWith('/preview') ? false : defaultShouldRevalidate

const UNKNOWN_INTENT = 'That action is not available here.'

/** A draft may be incomplete; publishing holds the fields to the rules of every lesson file (domain/content/lesson-form). */
const EditorSchema = z.discriminatedUnion(
  'intent',
  [LessonDraftFieldsSchema.extend({ intent: z.literal('save') }), LessonPublishFieldsSchema.extend({ intent: z.literal('publish') })],
  { error: UNKNOWN_INTENT },
)
/** What the browser checks as the trainer types: a draft's limits (which button was pressed is known only on submit). */
const BrowserSchema = LessonDraftFieldsSchema.extend({ intent: z.enum(['save', 'publish']).optional() })

type Submitted = ReturnType<typeof parseSubmission<typeof EditorSchema>>

/** A refusal: the form's errors and values for conform, and the body's problems at editor lines for the list beside the preview. */
function refuse(
  submission: Submitted,
  { status = 400, formErrors, problems = [] }: { status?: number; formErrors?: string[]; problems?: MdxProblem[] } = {},
) {
  return data({ result: submission.reply(formErrors ? { formErrors } : {}), problems }, { status })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireContentManager(request)
  const slug = params.slug ?? ''
  const submission = parseSubmission(await request.formData(), EditorSchema)
  if (submission.status !== 'success') return refuse(submission, submission.error?.intent ? { formErrors: [UNKNOWN_INTENT] } : {})
  const form = submission.value
  const { source, bodyLineOffset } = lessonSourceFromForm(form)
  try {
    if (form.intent === 'save') {
      await saveDraft(slug, source, form.revision, user.id)
      return redirectWithToast(`/content/lessons/${slug}`, { description: 'Draft saved. Learners still see the published version.' })
    }
    const number = await publishLesson(slug, source, form.revision, user.id)
    return redirectWithToast(`/content/lessons/${slug}`, {
      description: `Published as version ${number}. Learners now see it; completions of earlier versions still point at what was read.`,
    })
  } catch (error) {
    if (error instanceof ConflictError) return refuse(submission, { status: 409, formErrors: [error.message] })
    if (error instanceof LessonProblems) {
      // Front-matter problems are about the fields above (said once, here); body problems go beside the preview at editor lines.
      const { frontmatter, body } = problemsForEditor(error.problems, bodyLineOffset)
      const summary = body.length
        ? `Not published: ${body.length} problem${body.length === 1 ? '' : 's'} in the lesson text, listed beside the preview.`
        : null
      return refuse(submission, { formErrors: [...frontmatter, ...(summary ? [summary] : [])], problems: body })
    }
    throw error
  }
}

export default function EditLesson() {
  const { lesson, fields: saved, competencies, mission } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const editor = useRef<CodeEditorHandle>(null)
  const preview = useFetcher<LessonPreview>()
  const latestBody = useRef('')
  const [lastGood, setLastGood] = useState<string | null>(null)
  const busy = navigation.state === 'submitting'
  const submitPreview = preview.submit
  const timer = useRef<number>()
  const limit = useBodyLimit()
  const checkSize = limit.check
  const [form, fields] = useSchemaForm(BrowserSchema, {
    lastResult: actionData?.result,
    defaultValue: { ...saved, competencyOrder: saved.competencies.join(',') },
  })
  const formProps = getFormProps(form)

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
  const initialBody = String(fields.body.initialValue ?? saved.body)
  useEffect(() => {
    requestPreview(initialBody)
    return () => window.clearTimeout(timer.current)
    // Only on first render; typing calls requestPreview itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  const previewBusy = preview.data && !preview.data.ok ? preview.data.busy : undefined
  // A refused publish lists the body's problems until the preview has compiled the text again:
  // from then on the preview's list is the current one (and the same problem is never listed twice).
  const [actionProblemsCurrent, setActionProblemsCurrent] = useState(false)
  useEffect(() => {
    if (preview.data?.ok) setLastGood(preview.data.code)
    if (preview.data) setActionProblemsCurrent(false)
    // The server had this trainer's previews queued full: try the latest text again shortly.
    if (preview.data && !preview.data.ok && preview.data.busy) requestPreview(latestBody.current, 3_000)
  }, [preview.data, requestPreview])
  useEffect(() => setActionProblemsCurrent(true), [actionData])

  const bodyError = limit.errorFor('body') ?? fields.body.errors?.join(' ')
  const problems = uniqueProblems([
    ...(actionProblemsCurrent ? (actionData?.problems ?? []) : []),
    ...(preview.data && !preview.data.ok ? preview.data.problems : []),
  ])
  // Conform keeps a lone ticked box as a string and several as a list.
  const ticked = [fields.competencies.initialValue ?? []].flat().filter((c): c is string => typeof c === 'string')
  return (
    <div className="stack">
      <p>
        <Link to="/content">← Content</Link> · {lesson.moduleTitle} ·{' '}
        <Link to={`/content/lessons/${lesson.slug}/history`}>Version history</Link>
      </p>
      <FormErrors errors={form.errors} id={form.errorId} />
      {lesson.isDraft ? (
        <Alert tone="info">
          You are editing an unpublished draft{lesson.draftUpdatedBy ? `, last saved by ${lesson.draftUpdatedBy}` : ''}. Learners see
          version {lesson.currentVersion}.
        </Alert>
      ) : null}
      <div className="editor-layout">
        <Form method="post" className="card editor-form" {...formProps} onSubmit={limit.guard(formProps.onSubmit)}>
          <h1>Edit lesson</h1>
          <input type="hidden" name="revision" value={lesson.revision} />
          <input type="hidden" name={fields.competencyOrder.name} value={saved.competencies.join(',')} />
          <Field label="Title" meta={fields.title} error={limit.errorFor('title')} />
          <Field
            label="Summary"
            meta={fields.summary}
            error={limit.errorFor('summary')}
            hint="One sentence: what the learner will take away."
          />
          <Field label="Minutes" meta={fields.minutes} type="text" inputMode="numeric" hint="3 to 8." />
          <CheckboxGroup
            legend="Competencies"
            name={fields.competencies.name}
            options={competencies.map((c) => ({ value: c.id, label: c.title }))}
            selected={ticked}
            error={fields.competencies.errors?.join(' ')}
          />
          <TextareaField
            label="Sources"
            meta={fields.sources}
            rows={3}
            error={limit.errorFor('sources')}
            hint="One per line: Author | Title"
          />
          <div className="field">
            <label htmlFor="body">Lesson text (MDX)</label>
            <span id="body-hint" className="hint">
              Markdown plus Callout, Story, KeyPoints, Mission, Reflection, Check and Scenario.
            </span>
            <CodeEditor
              ref={editor}
              id="body"
              name={fields.body.name}
              defaultValue={initialBody}
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
