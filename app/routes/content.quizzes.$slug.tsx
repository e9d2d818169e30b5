import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from 'react-router'
import { getFormProps } from '@conform-to/react'
import { Form, Link, useActionData, useLoaderData, useNavigation } from 'react-router'
import { useMemo, useState } from 'react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useBodyLimit } from '~/components/use-body-limit'
import { Alert, Field, FormErrors, SelectField, SubmitButton, TextareaField } from '~/components/ui/field'
import {
  fieldsFromDefinition,
  MAX_ATTEMPTS_LIMIT,
  MAX_PAUSE_HOURS,
  QuizFieldsShape,
  quizRules,
  quizWarnings,
} from '~/domain/quizzes/editor'
import { ITEM_TYPE_LABELS, type ItemType } from '~/domain/scenarios/scenario'
import { DomainError } from '~/domain/errors'
import { ConflictError } from '~/models/authoring.server'
import {
  discardQuizDraft,
  getQuizForEditing,
  publishQuiz,
  quizEditorContext,
  QuizProblems,
  saveQuizDraft,
} from '~/models/quiz-authoring.server'
import { requireContentManager } from '~/utils/auth.server'
import { parseSubmission, replyDomainError, replyInvalid, useSchemaForm } from '~/utils/forms'
import { redirectWithToast } from '~/utils/toast.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Edit ${data?.quiz.definition.title ?? 'quiz'} · Mission Ready` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireContentManager(request)
  const [quiz, context] = await Promise.all([getQuizForEditing(params.slug ?? ''), quizEditorContext()])
  return { quiz, ...context }
}

const UNKNOWN_INTENT = 'That action is not available here.'
const revision = z.number({ error: 'The form was not read correctly: reload the page.' }).int().min(0)

const EditorSchema = QuizFieldsShape.extend({ intent: z.enum(['save', 'publish'], { error: UNKNOWN_INTENT }), revision }).superRefine(
  quizRules,
)
const DiscardSchema = z.object({ intent: z.literal('discard'), revision })
/** What the browser checks as the trainer types (which button was pressed is known only on submit). */
const BrowserSchema = QuizFieldsShape.extend({ intent: z.enum(['save', 'publish']).optional(), revision }).superRefine(quizRules)

const warningText = (warnings: string[]) => (warnings.length ? ` Worth a look: ${warnings.join(' ')}` : '')

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireContentManager(request)
  const slug = params.slug ?? ''
  const formData = await request.formData()
  if (formData.get('intent') === 'discard') {
    const submission = parseSubmission(formData, DiscardSchema)
    if (submission.status !== 'success')
      return replyInvalid(submission, { formErrors: ['The form was not read correctly: reload the page.'] })
    try {
      await discardQuizDraft(slug, submission.value.revision)
    } catch (error) {
      if (error instanceof DomainError && error.status !== 404) return replyDomainError(submission, error)
      throw error
    }
    return redirectWithToast(`/content/quizzes/${slug}`, { description: 'Draft discarded. The editor shows the published version again.' })
  }
  const submission = parseSubmission(formData, EditorSchema)
  if (submission.status !== 'success') return replyInvalid(submission, submission.error?.intent ? { formErrors: [UNKNOWN_INTENT] } : {})
  const { intent, revision: base, ...fields } = submission.value
  try {
    if (intent === 'save') {
      const { warnings } = await saveQuizDraft(slug, fields, base, user.id)
      return redirectWithToast(`/content/quizzes/${slug}`, {
        description: `Draft saved. Learners still take the published version.${warningText(warnings)}`,
      })
    }
    const { number, warnings } = await publishQuiz(slug, fields, base, user.id)
    return redirectWithToast(`/content/quizzes/${slug}`, {
      description: `Published as version ${number}. Learners’ next attempts draw from it; attempts already open keep their items.${warningText(warnings)}`,
    })
  } catch (error) {
    if (error instanceof ConflictError) return replyInvalid(submission, { status: 409, formErrors: [error.message] })
    if (error instanceof QuizProblems) {
      const fieldErrors: Record<string, string[]> = {}
      for (const p of error.problems) (fieldErrors[p.field] ??= []).push(p.message)
      return replyInvalid(submission, { fieldErrors })
    }
    throw error
  }
}

const FEEDBACK_OPTIONS = [
  { value: 'each', label: 'After each item', hint: 'The learner sees the explanation as soon as they answer.' },
  { value: 'end', label: 'At the end', hint: 'Explanations wait for the review, so the quiz works as a test.' },
] as const

export default function EditQuiz() {
  const { quiz, modules, scenarios } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  const limit = useBodyLimit()
  const saved = fieldsFromDefinition(quiz.definition)
  const [form, fields] = useSchemaForm(BrowserSchema, {
    lastResult: actionData?.result,
    defaultValue: {
      ...saved,
      draw: saved.draw || undefined,
      maxAttempts: saved.maxAttempts,
      revision: quiz.revision,
    },
  })
  const formProps = getFormProps(form)

  const [chosen, setChosen] = useState<string[]>(() =>
    [fields.items.initialValue ?? saved.items].flat().filter((s): s is string => typeof s === 'string'),
  )
  const [firstChosen] = useState(() => new Set(chosen))
  const [draw, setDraw] = useState(String(fields.draw.initialValue ?? saved.draw ?? ''))
  const [moduleSlug, setModuleSlug] = useState(String(fields.module.initialValue ?? saved.module))
  const [text, setText] = useState('')
  const [inModule, setInModule] = useState('')
  const [onlyChosen, setOnlyChosen] = useState(false)

  // Every chosen scenario is listed, even one no longer published (a restored version may name one), so it can be unticked.
  const options = useMemo(() => {
    const known = new Set(scenarios.map((s) => s.slug))
    const missing = chosen
      .filter((slug) => !known.has(slug))
      .map((slug) => ({
        slug,
        title: slug,
        type: 'single',
        free: false,
        competencies: [] as string[],
        competencyIds: [] as string[],
        modules: [] as string[],
        unpublished: true,
      }))
    // The quiz's scenarios first, then the rest by title; ticking one does not move it (the order is the page's first).
    const rank = (slug: string) => (firstChosen.has(slug) ? 0 : 1)
    const bank = scenarios
      .map((s) => ({ ...s, unpublished: false }))
      .sort((a, b) => rank(a.slug) - rank(b.slug) || a.title.localeCompare(b.title))
    return [...missing, ...bank]
  }, [scenarios, chosen, firstChosen])
  const needle = text.trim().toLowerCase()
  const visible = (s: (typeof options)[number]) =>
    (!onlyChosen || chosen.includes(s.slug)) &&
    (!inModule || s.modules.includes(inModule)) &&
    (!needle || [s.title, s.slug, ...s.competencies].some((t) => t.toLowerCase().includes(needle)))
  const shown = options.filter(visible).length

  const drawNumber = Number(draw)
  const drawProblem =
    draw !== '' && Number.isInteger(drawNumber) && drawNumber > chosen.length
      ? `Draw ${drawNumber} needs at least ${drawNumber} scenarios; ${chosen.length} ${chosen.length === 1 ? 'is' : 'are'} chosen.`
      : null
  const warnings = useMemo(() => {
    const bank = new Map(scenarios.map((s) => [s.slug, { slug: s.slug, published: true, type: s.type, competencies: s.competencyIds }]))
    const taught = modules.find((m) => m.slug === moduleSlug)?.taught ?? []
    return quizWarnings({ items: chosen, draw: Number.isInteger(drawNumber) && drawNumber > 0 ? drawNumber : chosen.length }, bank, taught)
  }, [scenarios, modules, moduleSlug, chosen, drawNumber])

  const toggle = (slug: string, on: boolean) =>
    setChosen((c) => (on ? [...c.filter((x) => x !== slug), slug] : c.filter((x) => x !== slug)))
  const feedback = String(fields.feedback.initialValue ?? saved.feedback)
  const itemsError = fields.items.errors?.join(' ')

  return (
    <div className="stack">
      <p>
        <Link to="/content/quizzes">← Quizzes</Link> · <Link to={`/content/quizzes/${quiz.slug}/history`}>Version history</Link>
      </p>
      <FormErrors errors={form.errors} id={form.errorId} />
      {quiz.isDraft ? (
        <Alert tone="info">
          You are editing an unpublished draft{quiz.draftUpdatedBy ? `, last saved by ${quiz.draftUpdatedBy}` : ''}.{' '}
          {quiz.currentVersion ? `Learners take version ${quiz.currentVersion}.` : 'Learners do not see this quiz until it is published.'}
        </Alert>
      ) : null}
      {quiz.currentOrigin === 'editor' ? (
        <p className="muted">Published in the app: content sync leaves it as it is, whatever content/quizzes/{quiz.slug}.yaml says.</p>
      ) : null}
      <Form method="post" className="quiz-editor" {...formProps} onSubmit={limit.guard(formProps.onSubmit)}>
        <input type="hidden" name={fields.revision.name} value={quiz.revision} />
        <div className="editor-layout">
          <section className="card" aria-labelledby="quiz-heading">
            <h1 id="quiz-heading">Edit quiz</h1>
            <Field label="Title" meta={fields.title} error={limit.errorFor('title')} />
            <TextareaField
              label="Description"
              meta={fields.description}
              rows={2}
              error={limit.errorFor('description')}
              hint="What the quiz is about, in a sentence or two."
            />
            <SelectField
              label="Module"
              meta={fields.module}
              onChange={(e) => setModuleSlug(e.currentTarget.value)}
              hint="The module this quiz closes."
            >
              <option value="">Choose a module…</option>
              {modules.map((m) => (
                <option key={m.slug} value={m.slug}>
                  {m.title}
                </option>
              ))}
            </SelectField>
            <Field
              label="Scenarios drawn per attempt"
              meta={fields.draw}
              type="text"
              inputMode="numeric"
              onInput={(e) => setDraw(e.currentTarget.value)}
              hint={`Between 1 and the number of scenarios chosen (${chosen.length}).`}
            />
            <fieldset className="field choices">
              <legend>Feedback</legend>
              {FEEDBACK_OPTIONS.map((o) => (
                <label key={o.value}>
                  <input type="radio" name={fields.feedback.name} value={o.value} defaultChecked={feedback === o.value} />
                  <span>
                    {o.label}
                    <span className="hint">{o.hint}</span>
                  </span>
                </label>
              ))}
              {fields.feedback.errors ? (
                <p className="field-error" role="alert">
                  {fields.feedback.errors.join(' ')}
                </p>
              ) : null}
            </fieldset>
            <Field
              label="Attempts allowed"
              meta={fields.maxAttempts}
              type="text"
              inputMode="numeric"
              hint={`1 to ${MAX_ATTEMPTS_LIMIT}; leave empty for unlimited.`}
            />
            <Field
              label="Pause between attempts (hours)"
              meta={fields.cooldownHours}
              type="text"
              inputMode="decimal"
              hint={`0 to ${MAX_PAUSE_HOURS} hours after a submitted attempt, so the last one can sink in.`}
            />
            <label className="checkbox">
              <input
                type="checkbox"
                name={fields.shuffleItems.name}
                defaultChecked={Boolean(fields.shuffleItems.initialValue ?? saved.shuffleItems)}
              />{' '}
              Shuffle the order of the items in each attempt
            </label>
          </section>
          <fieldset className="card scenario-picker" aria-describedby="picker-count">
            <legend>
              <h2>Scenarios</h2>
            </legend>
            <p id="picker-count" className={drawProblem ? 'field-error' : 'muted'} role="status" aria-live="polite">
              {chosen.length} chosen · {draw === '' ? 'draw not set' : `${draw} drawn per attempt`}
              {drawProblem ? ` · ${drawProblem}` : ''}
            </p>
            {itemsError ? (
              <p className="field-error" role="alert" id="items-error">
                {itemsError}
              </p>
            ) : null}
            <div className="row inline-fields">
              <Field label="Find" type="search" value={text} onChange={(e) => setText(e.currentTarget.value)} placeholder="e.g. wifi" />
              <SelectField label="In the quiz of" value={inModule} onChange={(e) => setInModule(e.currentTarget.value)}>
                <option value="">Any module</option>
                {modules.map((m) => (
                  <option key={m.slug} value={m.slug}>
                    {m.title}
                  </option>
                ))}
              </SelectField>
              <label className="checkbox">
                <input type="checkbox" checked={onlyChosen} onChange={(e) => setOnlyChosen(e.currentTarget.checked)} /> Chosen only
              </label>
            </div>
            <p className="muted" aria-live="polite">
              Showing {shown} of {options.length} published scenarios.
            </p>
            <ul className="picker-list">
              {options.map((s) => (
                <li key={s.slug} hidden={!visible(s)}>
                  <label>
                    <input
                      type="checkbox"
                      name={fields.items.name}
                      value={s.slug}
                      checked={chosen.includes(s.slug)}
                      onChange={(e) => toggle(s.slug, e.currentTarget.checked)}
                    />
                    <strong>{s.title}</strong>
                    <span className="muted">
                      {s.unpublished ? 'not published' : ITEM_TYPE_LABELS[s.type as ItemType]}
                      {s.competencies.length ? ` · ${s.competencies.join(', ')}` : ''}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        </div>
        <div className="card stack quiz-actions">
          {warnings.length > 0 ? (
            <div className="alert warn" role="status">
              <p>
                <strong>Worth a look before publishing</strong> (these do not stop it):
              </p>
              <ul>
                {warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </div>
          ) : null}
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
        </div>
      </Form>
      {quiz.isDraft && quiz.currentVersion ? (
        <Form method="post" className="card row">
          <input type="hidden" name="intent" value="discard" />
          <input type="hidden" name="revision" value={quiz.revision} />
          <p style={{ flex: '1 1 20rem', margin: 0 }}>
            Discard the draft to go back to version {quiz.currentVersion}, as learners take it.
          </p>
          <SubmitButton busy={busy && navigation.formData?.get('intent') === 'discard'} busyLabel="Discarding…" className="secondary">
            Discard draft
          </SubmitButton>
        </Form>
      ) : null}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
