// The one registry of MDX components, and the lesson renderer. The compiled code comes from the
// server (app/utils/mdx.server.ts) after validation; the component is memoised by its code.
import { getFormProps, getTextareaProps, type SubmissionResult } from '@conform-to/react'
import { useFetcher } from 'react-router'
import { getMDXComponent } from 'mdx-bundler/client/index.js'
import { Children, createContext, isValidElement, useContext, useState, type ReactElement, type ReactNode } from 'react'
import type { CheckFeedback } from '~/domain/content/interactions'
import { CheckAnswerSchema, REFLECTION_MAX_LENGTH, ReflectionSchema } from '~/domain/content/lesson-schemas'
import { useSchemaForm } from '~/utils/forms'
import { useBodyLimit } from './use-body-limit'
export type LessonContextValue = {
  slug: string
  mission: string
  reflections: Record<string, string>
  checks: Record<string, CheckFeedback>
  /** Where answers are posted; null renders the interactive parts read-only (previews). */
  action: string | null
  /**
   * This learner's id for each option of each Check (by Check id, then by the option's place in the
   * lesson): what the form sends, and the order the options are shown in. Empty in previews.
   */
  optionIds: Record<string, string[]>
}

const LessonContext = createContext<LessonContextValue | null>(null)
const CheckContext = createContext<{ name: string; feedback: CheckFeedback | null; disabled: boolean; ids: string[] | undefined } | null>(
  null,
)

function useLesson() {
  const value = useContext(LessonContext)
  if (!value) throw new Error('MDX lesson components need a LessonContext')
  return value
}

function Callout({ tone = 'info', title, children }: { tone?: 'info' | 'tip' | 'warning'; title?: string; children?: ReactNode }) {
  return (
    <aside className={`callout ${tone}`} aria-label={title ?? (tone === 'warning' ? 'Watch out' : tone === 'tip' ? 'Tip' : 'Note')}>
      {title ? <p className="callout-title">{title}</p> : null}
      {children}
    </aside>
  )
}

function Story({ title, source, children }: { title: string; source?: string; children?: ReactNode }) {
  return (
    <figure className="story">
      <p className="story-label">A story from the field</p>
      <h3>{title}</h3>
      <div>{children}</div>
      {source ? <figcaption>Told by {source}</figcaption> : null}
    </figure>
  )
}

function KeyPoints({ title = 'Key points', children }: { title?: string; children?: ReactNode }) {
  return (
    <aside className="key-points" aria-label={title}>
      <p className="callout-title">{title}</p>
      {children}
    </aside>
  )
}

function Mission() {
  const { mission } = useLesson()
  return (
    <blockquote className="mission lesson-mission">
      <p className="story-label">Our mission</p>
      {mission}
    </blockquote>
  )
}

/** What the lesson's action answers a Reflection or a Check with: success, or conform's reply to a refused form. */
type LessonReply = { ok: true; feedback?: CheckFeedback } | { result: SubmissionResult<string[]> }
const resultOf = (reply: LessonReply | undefined) => (reply && 'result' in reply ? reply.result : null)
const okOf = (reply: LessonReply | undefined) => (reply && 'ok' in reply ? reply : null)

function Reflection({ id, prompt }: { id: string; prompt: string }) {
  const { reflections, action } = useLesson()
  const fetcher = useFetcher<LessonReply>()
  const [dirty, setDirty] = useState(false)
  const saved = reflections[id]
  const busy = fetcher.state !== 'idle'
  const limit = useBodyLimit()
  const [form, fields] = useSchemaForm(ReflectionSchema, {
    id: `reflection-form-${id}`,
    lastResult: resultOf(fetcher.data),
    defaultValue: { text: saved ?? '' },
  })
  const error = limit.problem?.message ?? [...(form.errors ?? []), ...(fields.text.errors ?? []), ...(fields.key.errors ?? [])].join(' ')
  const status = busy ? 'Saving…' : error ? error : !dirty && (okOf(fetcher.data) || saved) ? 'Saved to your record.' : ''
  const formProps = getFormProps(form)
  const { key, ...textProps } = getTextareaProps(fields.text, { ariaAttributes: false })
  return (
    <section className="reflection" aria-label="Reflection">
      <p className="story-label">Reflection</p>
      <fetcher.Form
        method="post"
        action={action ?? undefined}
        {...formProps}
        onSubmit={limit.guard((event) => {
          formProps.onSubmit(event)
          if (!event.defaultPrevented) setDirty(false)
        })}
      >
        <input type="hidden" name="intent" value="reflect" />
        <input type="hidden" name="key" value={id} />
        <label id={`reflection-${id}`} htmlFor={`reflection-${id}-text`} className="reflection-prompt">
          {prompt}
        </label>
        <textarea
          key={key}
          {...textProps}
          id={`reflection-${id}-text`}
          // The schema's limit (domain/content/lesson-schemas.ts), which the server applies.
          maxLength={REFLECTION_MAX_LENGTH}
          onChange={() => setDirty(true)}
          disabled={!action}
          aria-invalid={error ? true : undefined}
        />
        <div className="row">
          <button type="submit" disabled={!action || busy}>
            {saved ? 'Update my answer' : 'Save my answer'}
          </button>
          <span className={error ? 'field-error' : 'muted'} role="status">
            {status}
          </span>
        </div>
      </fetcher.Form>
    </section>
  )
}

function Check({ id, question, children }: { id: string; question: string; children?: ReactNode }) {
  const { checks, action, optionIds } = useLesson()
  const ids = optionIds[id]
  const fetcher = useFetcher<LessonReply>()
  const [form, fields] = useSchemaForm(CheckAnswerSchema, { id: `check-form-${id}`, lastResult: resultOf(fetcher.data) })
  // Authors tend to write the best answer first; each learner sees the options in their own order
  // (by their ids, which are random-looking and differ from one learner to the next).
  const idOf = (c: ReactElement<{ index: string }>) => ids?.[Number(c.props.index)] ?? c.props.index.padStart(4, '0')
  const options = Children.toArray(children)
    .filter((c): c is ReactElement<{ index: string }> => isValidElement(c))
    .sort((a, b) => (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0))
  const feedback = okOf(fetcher.data)?.feedback ?? checks[id] ?? null
  const busy = fetcher.state !== 'idle'
  const error = [...(form.errors ?? []), ...(fields.option.errors ?? []), ...(fields.key.errors ?? [])].join(' ')
  return (
    <fetcher.Form method="post" action={action ?? undefined} className="check" {...getFormProps(form)}>
      <fieldset disabled={!action || Boolean(feedback) || busy}>
        <legend>
          <span className="story-label">Check</span>
          <span className="check-question">{question}</span>
        </legend>
        <input type="hidden" name="intent" value="check" />
        <input type="hidden" name="key" value={id} />
        <CheckContext.Provider value={{ name: fields.option.name, feedback, disabled: Boolean(feedback), ids }}>
          <div className="options">{options}</div>
        </CheckContext.Provider>
        {feedback ? null : <button type="submit">{busy ? 'Checking…' : 'Check my answer'}</button>}
      </fieldset>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {feedback ? (
        <p className={`check-result ${feedback.correct ? 'right' : 'wrong'}`} role="status">
          {feedback.correct ? 'Well done: that is the best answer.' : 'Not quite. The best answer is marked below.'}
        </p>
      ) : null}
    </fetcher.Form>
  )
}

function Option({ index, children }: { index: string; children?: ReactNode }) {
  const check = useContext(CheckContext)
  if (!check) return null
  const i = Number(index)
  const fb = check.feedback
  const chosen = fb?.chosen === i
  const best = fb?.options[i]?.correct ?? false
  return (
    <div className={`option${fb ? (best ? ' best' : chosen ? ' chosen-wrong' : '') : ''}`}>
      <label>
        <input type="radio" name={check.name} value={check.ids?.[i] ?? ''} required defaultChecked={chosen} />
        <span>{children}</span>
      </label>
      {fb ? (
        <p className="explanation">
          {chosen ? <strong>Your answer. </strong> : null}
          {best ? <strong>Best answer. </strong> : null}
          {fb.options[i]?.explanation}
        </p>
      ) : null}
    </div>
  )
}

function Scenario({ slug }: { slug: string }) {
  return (
    <aside className="callout info" aria-label="Scenario">
      <p className="callout-title">Scenario practice</p>
      <p>
        Try situations like this one in a <a href="/quizzes/practice">practice quiz</a> (scenario “{slug}”).
      </p>
    </aside>
  )
}

const components = { Callout, Story, KeyPoints, Mission, Reflection, Check, Option, Scenario }

// Turning compiled code into a component evaluates it (new Function): done once per code, not per
// render, so a server rendering the same lesson again and again does not evaluate it each time.
const evaluated = new Map<string, ReturnType<typeof getMDXComponent>>()
const EVALUATED_ENTRIES = 200

function mdxComponent(code: string) {
  let component = evaluated.get(code)
  if (!component) {
    component = getMDXComponent(code)
    evaluated.set(code, component)
    if (evaluated.size > EVALUATED_ENTRIES) evaluated.delete(evaluated.keys().next().value!)
  }
  return component
}

/** Renders compiled lesson code with the allow-listed components. */
export function LessonContent({ code, context }: { code: string; context: LessonContextValue }) {
  const Component = mdxComponent(code)
  return (
    <LessonContext.Provider value={context}>
      <div className="lesson-body">
        <Component components={components} />
      </div>
    </LessonContext.Provider>
  )
}

/** Renders the compiled MDX of a scenario's situation (stems have no interactive parts). */
export function StemContent({ code, mission }: { code: string; mission: string }) {
  return <LessonContent code={code} context={{ slug: 'scenario', mission, reflections: {}, checks: {}, action: null, optionIds: {} }} />
}
