// A scenario item as learners take it and review it, and as trainers preview it. The data comes
// from app/models/quiz.server.ts `itemView`, which leaves out scores and explanations until due.
import { type FieldMetadata, getFormProps, getTextareaProps, type SubmissionResult } from '@conform-to/react'
import { Form, useNavigation } from 'react-router'
import { useState } from 'react'
import { AnswerSchema, FREE_TEXT_MAX_LENGTH, FREE_TEXT_MIN_LENGTH, FreeTextAnswerSchema } from '~/domain/scenarios/answer-schemas'
import type { ItemView } from '~/domain/scenarios/item-view'
import { useSchemaForm } from '~/utils/forms'
import { FormErrors } from './ui/field'
import { StemContent } from './mdx'
import { useBodyLimit } from './use-body-limit'

/** A score in [0, 1] as a percentage; a dash when there is none. */
export const percent = (score: number | null) => (score === null ? '–' : `${Math.round(score * 100)}%`)

function verdict(score: number | null) {
  if (score === null) return 'Awaiting review'
  if (score >= 0.999) return 'Best response'
  if (score >= 0.5) return 'Partly there'
  return 'Not the best response'
}

const resultClass = (score: number | null) => (score === null ? '' : score >= 0.999 ? 'right' : score >= 0.5 ? 'partial' : 'wrong')

function RedFlag() {
  return <span className="badge red-flag">⚑ Red flag</span>
}

/** The item to answer: the situation, then the form for its type. `action` null renders it read-only (preview). */
export function ItemForm({
  item,
  mission,
  action,
  lastResult,
}: {
  item: ItemView
  mission: string
  action: string | null
  /** The server's reply to the last answer sent (conform), with its errors. */
  lastResult?: SubmissionResult<string[]> | null
}) {
  const navigation = useNavigation()
  // Busy from the submission until the page shows its result (the redirect's loading included), so
  // the form just sent is never offered again in between.
  const busy = navigation.state !== 'idle' && navigation.formData?.get('position') === String(item.position)
  const disabled = !action || busy
  const limit = useBodyLimit()
  // One form at a time is open for an item (its answer, or the current turn of a conversation).
  const [form, fields] = useSchemaForm(item.type === 'free-text' ? FreeTextAnswerSchema : AnswerSchema, {
    id: `answer-${item.id}`,
    lastResult,
  })
  const formProps = getFormProps(form)
  // Errors not shown beside a field (a refused option, the attempt already submitted) show under the form.
  const problems = [
    ...new Set(
      Object.entries(form.allErrors)
        .filter(([name]) => name !== fields.text.name)
        .flatMap(([, messages]) => messages),
    ),
  ]
  return (
    <div className="quiz-item">
      <StemContent code={item.stem} mission={mission} />
      {item.type === 'branching' ? (
        <Conversation item={item} mission={mission} action={action} busy={busy} formProps={formProps} />
      ) : item.answered ? (
        <AnsweredItem item={item} />
      ) : (
        <Form
          method="post"
          action={action ?? undefined}
          className="answer-form"
          preventScrollReset
          {...formProps}
          onSubmit={limit.guard(formProps.onSubmit)}
        >
          <input type="hidden" name="intent" value="answer" />
          <input type="hidden" name="position" value={item.position} />
          <fieldset disabled={disabled}>
            {item.type === 'single' ? (
              <>
                <legend>Choose the best response.</legend>
                <div className="options">
                  {item.options.map((o) => (
                    <label key={o.id} className="option">
                      <input type="radio" name="option" value={o.id} required />
                      <span>{o.text}</span>
                    </label>
                  ))}
                </div>
              </>
            ) : item.type === 'multiple' ? (
              <>
                <legend>Choose every response that belongs in a good answer.</legend>
                <div className="options">
                  {item.options.map((o) => (
                    <label key={o.id} className="option">
                      <input type="checkbox" name="option" value={o.id} />
                      <span>{o.text}</span>
                    </label>
                  ))}
                </div>
              </>
            ) : item.type === 'ranking' ? (
              <Ranking options={item.options} />
            ) : (
              <FreeText meta={fields.text} error={limit.errorFor('text')} />
            )}
            <button type="submit">{busy ? 'Saving…' : 'Submit answer'}</button>
          </fieldset>
        </Form>
      )}
      <FormErrors errors={problems} id={form.errorId} />
    </div>
  )
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the text field of either answer schema
function FreeText({ meta, error: tooLarge }: { meta: FieldMetadata<any, any, string[]>; error?: string }) {
  const [length, setLength] = useState(0)
  const error = tooLarge ?? meta.errors?.join(' ')
  const { key, ...props } = getTextareaProps(meta, { ariaAttributes: false })
  return (
    <div className="field">
      <label htmlFor={meta.id}>Write what you would say or ask.</label>
      <textarea
        key={key}
        {...props}
        rows={5}
        // The limits of the answer schema (domain/scenarios/answer-schemas.ts), which the server applies.
        minLength={FREE_TEXT_MIN_LENGTH}
        maxLength={FREE_TEXT_MAX_LENGTH}
        onChange={(e) => setLength(e.currentTarget.value.length)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${meta.id}-hint ${meta.id}-error` : `${meta.id}-hint`}
      />
      <span id={`${meta.id}-hint`} className="hint">
        {length} / {FREE_TEXT_MAX_LENGTH.toLocaleString('en-GB')} characters. A trainer reads and grades it; you see their comment in your
        review.
      </span>
      {error ? (
        <p id={`${meta.id}-error`} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  )
}

function Ranking({ options }: { options: { id: string; text: string }[] }) {
  const [order, setOrder] = useState(options)
  const move = (from: number, to: number) =>
    setOrder((list) => {
      const next = [...list]
      const [moved] = next.splice(from, 1)
      next.splice(to, 0, moved!)
      return next
    })
  return (
    <>
      <legend>Put the responses in order, the best first. Use the buttons to move a response up or down.</legend>
      <input type="hidden" name="order" value={order.map((o) => o.id).join(',')} />
      <ol className="ranking">
        {order.map((o, i) => (
          <li key={o.id}>
            <span className="rank" aria-hidden="true">
              {i + 1}
            </span>
            <span className="ranking-text">{o.text}</span>
            <span className="ranking-buttons">
              <button
                type="button"
                className="secondary"
                onClick={() => move(i, i - 1)}
                disabled={i === 0}
                aria-label={`Move up: ${o.text}`}
              >
                ↑
              </button>
              <button
                type="button"
                className="secondary"
                onClick={() => move(i, i + 1)}
                disabled={i === order.length - 1}
                aria-label={`Move down: ${o.text}`}
              >
                ↓
              </button>
            </span>
          </li>
        ))}
      </ol>
    </>
  )
}

function Conversation({
  item,
  mission,
  action,
  busy,
  formProps,
}: {
  item: ItemView
  mission: string
  action: string | null
  busy: boolean
  formProps: ReturnType<typeof getFormProps>
}) {
  return (
    <ol className="conversation">
      {item.turns.map((turn, t) => (
        <li key={turn.turn} className="turn">
          <div className="turn-stem">
            <span className="story-label">Turn {t + 1}</span>
            <StemContent code={turn.stem} mission={mission} />
          </div>
          {turn.chosen !== null ? (
            <div className={`reply ${turn.feedback ? (turn.feedback.score >= 0.999 ? 'best' : 'weak') : ''}`}>
              <p>
                <strong>You: </strong>
                {turn.choices.find((c) => c.id === turn.chosen)?.text}
              </p>
              {turn.feedback ? (
                <p className="explanation">
                  {turn.feedback.redFlag ? <RedFlag /> : null} {verdict(turn.feedback.score)}. {turn.feedback.explanation}
                </p>
              ) : null}
            </div>
          ) : (
            <Form method="post" action={action ?? undefined} className="answer-form" preventScrollReset {...formProps}>
              <input type="hidden" name="intent" value="answer" />
              <input type="hidden" name="position" value={item.position} />
              <input type="hidden" name="turn" value={turn.turn} />
              <fieldset disabled={!action || busy}>
                <legend>What do you say?</legend>
                <div className="options">
                  {turn.choices.map((c) => (
                    <label key={c.id} className="option">
                      <input type="radio" name="option" value={c.id} required />
                      <span>{c.text}</span>
                    </label>
                  ))}
                </div>
                <button type="submit">{busy ? 'Saving…' : 'Reply'}</button>
              </fieldset>
            </Form>
          )}
        </li>
      ))}
      {item.answered ? (
        <li className="turn end">
          <p className="story-label">End of the conversation</p>
          {item.review ? (
            <p>
              Your path scored <strong>{percent(item.score)}</strong>.
            </p>
          ) : (
            <p className="muted">Your replies are recorded; feedback comes in the review.</p>
          )}
        </li>
      ) : null}
    </ol>
  )
}

/** A submitted answer before review: what was chosen, and the feedback if it is due now. */
function AnsweredItem({ item }: { item: ItemView }) {
  if (item.review) return <ItemFeedback item={item} />
  return (
    <div className="alert info" role="status">
      <p>
        <strong>Answer recorded.</strong>{' '}
        {item.type === 'free-text' ? 'A trainer will grade it.' : 'You see how it scored in the review, after you submit the quiz.'}
      </p>
      <ResponseSummary item={item} />
    </div>
  )
}

function ResponseSummary({ item }: { item: ItemView }) {
  const r = item.response
  if (!r) return null
  const text = (id: string) => item.options.find((o) => o.id === id)?.text ?? ''
  if (r.type === 'single') return <p>Your answer: {text(r.option)}</p>
  if (r.type === 'multiple') return <p>Your answer: {r.options.map(text).join('; ')}</p>
  if (r.type === 'ranking')
    return (
      <ol>
        {r.order.map((i) => (
          <li key={i}>{text(i)}</li>
        ))}
      </ol>
    )
  if (r.type === 'free-text') return <blockquote className="free-text-answer">{r.text}</blockquote>
  return null
}

/** Feedback for one answered item: score, the learner's choice, the best choice, every option's explanation. */
export function ItemFeedback({ item }: { item: ItemView }) {
  const review = item.review
  if (!review) return null
  const r = item.response
  const header = (
    <p className={`check-result ${resultClass(item.score)}`} role="status">
      {verdict(item.score)}
      {item.score !== null ? ` · ${percent(item.score)}` : ''} {item.redFlag ? <RedFlag /> : null}
    </p>
  )
  if (review.kind === 'free-text') {
    return (
      <div className="feedback">
        {header}
        <p className="story-label">Your answer</p>
        <ResponseSummary item={item} />
        {review.status === 'awaiting' ? (
          <p className="alert info">
            Awaiting review: a trainer will grade your answer against the rubric, and you will see their comment here.
          </p>
        ) : (
          <>
            <table className="rubric-result">
              <caption>Graded{review.gradedBy ? ` by ${review.gradedBy}` : ''}</caption>
              <tbody>
                {review.criteria.map((c) => (
                  <tr key={c.title}>
                    <th scope="row">{c.title}</th>
                    <td>{c.level}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {review.comment ? (
              <blockquote className="grader-comment">
                <p className="story-label">Trainer’s comment</p>
                {review.comment}
              </blockquote>
            ) : null}
            {review.modelAnswer ? (
              <div>
                <p className="story-label">A strong answer</p>
                <p>{review.modelAnswer}</p>
              </div>
            ) : null}
          </>
        )}
      </div>
    )
  }
  if (review.kind === 'conversation') return null
  const chosen = new Set(r?.type === 'single' ? [r.option] : r?.type === 'multiple' ? r.options : [])
  const best = review.best
  const bestSet = new Set(best?.type === 'single' ? [best.option] : best?.type === 'multiple' ? best.options : [])
  if (item.type === 'ranking' && r?.type === 'ranking') {
    return (
      <div className="feedback">
        {header}
        <div className="grid two">
          <div>
            <p className="story-label">Your order</p>
            <ol>
              {r.order.map((id) => (
                <li key={id}>{review.options.find((o) => o.id === id)?.text}</li>
              ))}
            </ol>
          </div>
          <div>
            <p className="story-label">The best order</p>
            <ol>
              {review.options.map((o) => (
                <li key={o.id}>
                  {o.text} {o.redFlag ? <RedFlag /> : null}
                  <p className="explanation">{o.explanation}</p>
                </li>
              ))}
            </ol>
          </div>
        </div>
      </div>
    )
  }
  return (
    <div className="feedback">
      {header}
      <ul className="review-options">
        {review.options.map((o) => (
          <li key={o.id} className={`option${bestSet.has(o.id) ? ' best' : chosen.has(o.id) ? ' chosen-wrong' : ''}`}>
            <p>
              {chosen.has(o.id) ? <span className="badge">Your choice</span> : null}{' '}
              {bestSet.has(o.id) ? <span className="badge ok">Best</span> : null} {o.redFlag ? <RedFlag /> : null} {o.text}
            </p>
            <p className="explanation">{o.explanation}</p>
          </li>
        ))}
      </ul>
    </div>
  )
}

/** The review of an answered item after the quiz: the situation, the answer and all the feedback. */
export function ItemReview({ item, mission }: { item: ItemView; mission: string }) {
  return (
    <article className="card quiz-review-item" aria-labelledby={`review-${item.id}`}>
      <h3 id={`review-${item.id}`}>
        {item.position + 1}. {item.title}
      </h3>
      <StemContent code={item.stem} mission={mission} />
      {item.type === 'branching' ? <ConversationReview item={item} mission={mission} /> : <ItemFeedback item={item} />}
    </article>
  )
}

/** A conversation replayed: the path taken beside the best path, with every choice's explanation. */
export function ConversationReview({ item, mission }: { item: ItemView; mission: string }) {
  const review = item.review
  if (review?.kind !== 'conversation') return null
  const score = item.score
  return (
    <div className="feedback">
      <p className={`check-result ${resultClass(score)}`} role="status">
        Path score {percent(score)} {item.redFlag ? <RedFlag /> : null}
      </p>
      <div className="grid two replay">
        <div>
          <p className="story-label">The path taken</p>
          <ol className="conversation">
            {item.turns.map((turn) => (
              <li key={turn.turn} className="turn">
                <StemContent code={turn.stem} mission={mission} />
                <div className={`reply ${turn.feedback && turn.feedback.score >= 0.999 ? 'best' : 'weak'}`}>
                  <p>
                    <strong>Reply: </strong>
                    {turn.choices.find((c) => c.id === turn.chosen)?.text}
                  </p>
                  {turn.feedback ? (
                    <p className="explanation">
                      {turn.feedback.redFlag ? <RedFlag /> : null} {verdict(turn.feedback.score)} ({percent(turn.feedback.score)}).{' '}
                      {turn.feedback.explanation}
                    </p>
                  ) : null}
                </div>
              </li>
            ))}
          </ol>
        </div>
        <div>
          <p className="story-label">The best path</p>
          <ol className="conversation best-path">
            {review.best.map((step) => (
              <li key={step.node} className="turn">
                <div className="reply best">
                  <p>
                    <strong>Reply: </strong>
                    {step.choice}
                  </p>
                  <p className="explanation">{step.explanation}</p>
                </div>
              </li>
            ))}
          </ol>
        </div>
      </div>
      <details>
        <summary>Every reply at every turn</summary>
        {review.nodes.map((n) => (
          <div key={n.id}>
            <p className="story-label">Turn “{n.id}”</p>
            <ul className="review-options">
              {n.choices.map((c) => (
                <li key={c.id}>
                  <p>
                    {c.redFlag ? <RedFlag /> : null} {c.text}{' '}
                    <span className="muted">
                      ({percent(c.score)}
                      {c.next ? `, leads to “${c.next}”` : ', ends'})
                    </span>
                  </p>
                  <p className="explanation">{c.explanation}</p>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </details>
    </div>
  )
}
