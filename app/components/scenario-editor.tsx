// The scenario editor's form: the situation in MDX, options (or a conversation's nodes, or a
// rubric) as structured fields. It keeps the whole definition in state and posts it as JSON; the
// server validates it (app/domain/scenarios/scenario.ts) and its problems come back by field path.
import { ITEM_TYPE_LABELS, ITEM_TYPES, type ScenarioDraft } from '~/domain/scenarios/scenario'
import { ConversationGraph } from './conversation-graph'
import { Field, SelectField, TextareaField } from './ui/field'

type Choice = ScenarioDraft['options'][number]
export type EditableScenario = ScenarioDraft

/** The DOM id of a field, from its path in the definition (`options.2.explanation`). */
export const fieldId = (path: string) => `f-${path.replace(/\./g, '-')}`

type Path = (string | number)[]

function setIn<T>(value: T, path: Path, next: unknown): T {
  if (path.length === 0) return next as T
  const [key, ...rest] = path
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>
  copy[key!] = setIn(copy[key!], rest, next)
  return copy as T
}

const blankChoice = (): Choice => ({ text: '', explanation: '', redFlag: false })
const score = (value: string) => (value === '' ? undefined : Number(value))

export function ScenarioForm({
  value,
  onChange,
  errors,
  competencies,
  warnings = {},
}: {
  value: EditableScenario
  onChange: (next: EditableScenario) => void
  errors: Record<string, string>
  competencies: { id: string; title: string }[]
  /** Fairness warnings from the bank linter, by field: advice, not errors. */
  warnings?: Record<string, string>
}) {
  const set = (path: Path, next: unknown) => onChange(setIn(value, path, next))
  const err = (path: string) => errors[path]
  const warn = (path: string) => warnings[path]
  const remove = (path: Path, index: number) => {
    const list = path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], value) as unknown[]
    set(
      path,
      list.filter((_, i) => i !== index),
    )
  }
  const add = (path: Path, item: unknown) => {
    const list = path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], value) as unknown[]
    set(path, [...list, item])
  }
  const hasOptions = value.type === 'single' || value.type === 'multiple' || value.type === 'ranking'

  return (
    <div className="stack scenario-form">
      <div className="grid two">
        <Field
          label="Title"
          id={fieldId('title')}
          value={value.title}
          onChange={(e) => set(['title'], e.currentTarget.value)}
          error={err('title')}
          maxLength={120}
          required
        />
        <SelectField
          label="Type"
          id={fieldId('type')}
          value={value.type}
          onChange={(e) => set(['type'], e.currentTarget.value)}
          error={err('type')}
        >
          {ITEM_TYPES.map((t) => (
            <option key={t} value={t}>
              {ITEM_TYPE_LABELS[t]}
            </option>
          ))}
        </SelectField>
      </div>

      <fieldset className="card" id={fieldId('competencies')}>
        <legend>Competencies measured</legend>
        {err('competencies') ? (
          <p className="field-error" role="alert">
            {err('competencies')}
          </p>
        ) : null}
        {value.competencies.map((c, i) => (
          <div key={i} className="row inline-fields">
            <SelectField
              label={`Competency ${i + 1}`}
              id={fieldId(`competencies.${i}.id`)}
              value={c.id}
              onChange={(e) => set(['competencies', i, 'id'], e.currentTarget.value)}
              error={err(`competencies.${i}.id`)}
            >
              <option value="">Choose…</option>
              {competencies.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.title}
                </option>
              ))}
            </SelectField>
            <Field
              label="Weight"
              type="number"
              min={0.1}
              max={1}
              step={0.1}
              id={fieldId(`competencies.${i}.weight`)}
              value={c.weight}
              onChange={(e) => set(['competencies', i, 'weight'], Number(e.currentTarget.value))}
              error={err(`competencies.${i}.weight`)}
            />
            <button
              type="button"
              className="secondary"
              onClick={() => remove(['competencies'], i)}
              aria-label={`Remove competency ${i + 1}`}
            >
              Remove
            </button>
          </div>
        ))}
        {value.competencies.length < 4 ? (
          <button type="button" className="secondary" onClick={() => add(['competencies'], { id: '', weight: 1 })}>
            Add a competency
          </button>
        ) : null}
      </fieldset>

      <TextareaField
        label="The situation (MDX)"
        id={fieldId('stem')}
        className="mdx-input"
        rows={6}
        value={value.stem}
        onChange={(e) => set(['stem'], e.currentTarget.value)}
        error={err('stem')}
        hint="Markdown, with <Callout> and <Story> if needed. The same validator as lessons checks it."
      />

      {hasOptions ? (
        <fieldset className="card" id={fieldId('options')}>
          <legend>{value.type === 'ranking' ? 'Responses, in the best order (the first is the best)' : 'Options'}</legend>
          {err('options') ? (
            <p className="field-error" role="alert">
              {err('options')}
            </p>
          ) : null}
          <Warning text={warn('options')} />
          <ol className="option-editor">
            {value.options.map((o, i) => (
              <li key={i} className="card">
                <ChoiceFields
                  prefix={['options', i]}
                  choice={o}
                  set={set}
                  err={err}
                  warn={warn}
                  withScore={value.type !== 'ranking'}
                  scoreHint={value.type === 'multiple' ? '1 if it belongs in the answer, 0 if not' : '0 (poor) to 1 (best)'}
                />
                <div className="row">
                  {value.type === 'ranking' && i > 0 ? (
                    <button type="button" className="secondary" onClick={() => set(['options'], swap(value.options, i, i - 1))}>
                      Move up
                    </button>
                  ) : null}
                  <button type="button" className="secondary" onClick={() => remove(['options'], i)}>
                    Remove option {i + 1}
                  </button>
                </div>
              </li>
            ))}
          </ol>
          <button type="button" className="secondary" onClick={() => add(['options'], blankChoice())}>
            Add an option
          </button>
        </fieldset>
      ) : null}

      {value.type === 'branching' ? (
        <fieldset className="card" id={fieldId('nodes')}>
          <legend>Conversation: the first node is where it starts</legend>
          {err('nodes') ? (
            <p className="field-error" role="alert">
              {err('nodes')}
            </p>
          ) : null}
          <ConversationGraph nodes={value.nodes} />
          <ol className="node-editor">
            {value.nodes.map((n, i) => (
              <li key={i} className="card">
                <Field
                  label={`Node ${i + 1} id`}
                  id={fieldId(`nodes.${i}.id`)}
                  value={n.id}
                  onChange={(e) => set(['nodes', i, 'id'], e.currentTarget.value)}
                  error={err(`nodes.${i}.id`)}
                  hint="Lower-case letters, digits and dashes"
                />
                <TextareaField
                  label="What happens (MDX)"
                  className="mdx-input"
                  rows={3}
                  id={fieldId(`nodes.${i}.stem`)}
                  value={n.stem}
                  onChange={(e) => set(['nodes', i, 'stem'], e.currentTarget.value)}
                  error={err(`nodes.${i}.stem`)}
                />
                <TurnCompetencies
                  id={fieldId(`nodes.${i}.competencies`)}
                  measured={value.competencies.flatMap((c) =>
                    c.id ? [{ id: c.id, title: competencies.find((x) => x.id === c.id)?.title ?? c.id }] : [],
                  )}
                  chosen={n.competencies ?? []}
                  onChange={(next) => set(['nodes', i, 'competencies'], next.length > 0 ? next : undefined)}
                  error={err(`nodes.${i}.competencies`)}
                />
                {err(`nodes.${i}.choices`) ? (
                  <p className="field-error" role="alert">
                    {err(`nodes.${i}.choices`)}
                  </p>
                ) : null}
                <ol className="option-editor">
                  {n.choices.map((c, j) => (
                    <li key={j}>
                      <ChoiceFields
                        prefix={['nodes', i, 'choices', j]}
                        choice={c}
                        set={set}
                        err={err}
                        warn={warn}
                        withScore
                        scoreHint="0 (poor) to 1 (best)"
                      />
                      <SelectField
                        label="Leads to"
                        id={fieldId(`nodes.${i}.choices.${j}.next`)}
                        value={c.next ?? ''}
                        onChange={(e) => set(['nodes', i, 'choices', j, 'next'], e.currentTarget.value || undefined)}
                        error={err(`nodes.${i}.choices.${j}.next`)}
                      >
                        <option value="">End of the conversation</option>
                        {value.nodes
                          .filter((other) => other.id && other.id !== n.id)
                          .map((other) => (
                            <option key={other.id} value={other.id}>
                              {other.id}
                            </option>
                          ))}
                      </SelectField>
                      <button type="button" className="secondary" onClick={() => remove(['nodes', i, 'choices'], j)}>
                        Remove choice {j + 1}
                      </button>
                    </li>
                  ))}
                </ol>
                <div className="row">
                  <button type="button" className="secondary" onClick={() => add(['nodes', i, 'choices'], blankChoice())}>
                    Add a choice
                  </button>
                  <button type="button" className="secondary" onClick={() => remove(['nodes'], i)}>
                    Remove node {i + 1}
                  </button>
                </div>
              </li>
            ))}
          </ol>
          <button
            type="button"
            className="secondary"
            onClick={() => add(['nodes'], { id: `node-${value.nodes.length + 1}`, stem: '', choices: [blankChoice(), blankChoice()] })}
          >
            Add a node
          </button>
        </fieldset>
      ) : null}

      {value.type === 'free-text' ? (
        <fieldset className="card" id={fieldId('rubric')}>
          <legend>Rubric</legend>
          {err('rubric') ? (
            <p className="field-error" role="alert">
              {err('rubric')}
            </p>
          ) : null}
          {value.rubric.map((c, i) => (
            <div key={i} className="card">
              <div className="grid two">
                <Field
                  label={`Criterion ${i + 1}`}
                  id={fieldId(`rubric.${i}.title`)}
                  value={c.title}
                  onChange={(e) => set(['rubric', i, 'title'], e.currentTarget.value)}
                  error={err(`rubric.${i}.title`)}
                />
                <Field
                  label="Id"
                  id={fieldId(`rubric.${i}.id`)}
                  value={c.id}
                  onChange={(e) => set(['rubric', i, 'id'], e.currentTarget.value)}
                  error={err(`rubric.${i}.id`)}
                />
              </div>
              {err(`rubric.${i}.levels`) ? (
                <p className="field-error" role="alert">
                  {err(`rubric.${i}.levels`)}
                </p>
              ) : null}
              {c.levels.map((l, j) => (
                <div key={j} className="row inline-fields">
                  <Field
                    label={`Level ${j + 1}`}
                    id={fieldId(`rubric.${i}.levels.${j}.label`)}
                    value={l.label}
                    onChange={(e) => set(['rubric', i, 'levels', j, 'label'], e.currentTarget.value)}
                    error={err(`rubric.${i}.levels.${j}.label`)}
                  />
                  <Field
                    label="Score"
                    type="number"
                    min={0}
                    max={1}
                    step={0.05}
                    id={fieldId(`rubric.${i}.levels.${j}.score`)}
                    value={l.score}
                    onChange={(e) => set(['rubric', i, 'levels', j, 'score'], Number(e.currentTarget.value))}
                    error={err(`rubric.${i}.levels.${j}.score`)}
                  />
                  <button type="button" className="secondary" onClick={() => remove(['rubric', i, 'levels'], j)}>
                    Remove level
                  </button>
                </div>
              ))}
              <div className="row">
                <button
                  type="button"
                  className="secondary"
                  onClick={() => add(['rubric', i, 'levels'], { label: '', score: 1, description: '' })}
                >
                  Add a level
                </button>
                <button type="button" className="secondary" onClick={() => remove(['rubric'], i)}>
                  Remove criterion
                </button>
              </div>
            </div>
          ))}
          <button
            type="button"
            className="secondary"
            onClick={() =>
              add(['rubric'], {
                id: `criterion-${value.rubric.length + 1}`,
                title: '',
                levels: [
                  { label: 'Missing', score: 0, description: '' },
                  { label: 'Clearly', score: 1, description: '' },
                ],
              })
            }
          >
            Add a criterion
          </button>
          <TextareaField
            label="Model answer"
            id={fieldId('modelAnswer')}
            rows={3}
            value={value.modelAnswer}
            onChange={(e) => set(['modelAnswer'], e.currentTarget.value)}
            error={err('modelAnswer')}
            hint="Learners see it with their grade."
          />
        </fieldset>
      ) : null}
    </div>
  )
}

function swap<T>(list: T[], a: number, b: number): T[] {
  const next = [...list]
  ;[next[a], next[b]] = [next[b]!, next[a]!]
  return next
}

function Warning({ text }: { text?: string }) {
  return text ? <p className="field-warning">Fairness: {text}</p> : null
}

function ChoiceFields({
  prefix,
  choice,
  set,
  err,
  warn,
  withScore,
  scoreHint,
}: {
  prefix: Path
  choice: Choice
  set: (path: Path, v: unknown) => void
  err: (p: string) => string | undefined
  warn: (p: string) => string | undefined
  withScore: boolean
  scoreHint: string
}) {
  const p = prefix.join('.')
  const n = Number(prefix[prefix.length - 1]) + 1
  return (
    <div className="choice-fields">
      <TextareaField
        label={`Text of ${prefix.includes('choices') ? 'choice' : 'option'} ${n}`}
        rows={2}
        id={fieldId(`${p}.text`)}
        value={choice.text}
        onChange={(e) => set([...prefix, 'text'], e.currentTarget.value)}
        error={err(`${p}.text`)}
      />
      <Warning text={warn(`${p}.text`)} />
      <div className="row inline-fields">
        {withScore ? (
          <Field
            label="Score"
            type="number"
            min={0}
            max={1}
            step={0.05}
            id={fieldId(`${p}.score`)}
            value={choice.score ?? ''}
            onChange={(e) => set([...prefix, 'score'], score(e.currentTarget.value))}
            error={err(`${p}.score`)}
            hint={scoreHint}
          />
        ) : null}
        <label className="checkbox">
          <input
            type="checkbox"
            id={fieldId(`${p}.redFlag`)}
            checked={choice.redFlag ?? false}
            onChange={(e) => set([...prefix, 'redFlag'], e.currentTarget.checked)}
          />{' '}
          Red flag (harms the relationship)
        </label>
      </div>
      <Warning text={[warn(`${p}.score`), warn(`${p}.redFlag`)].filter(Boolean).join(' ') || undefined} />
      <TextareaField
        label="Explanation"
        rows={2}
        id={fieldId(`${p}.explanation`)}
        value={choice.explanation}
        onChange={(e) => set([...prefix, 'explanation'], e.currentTarget.value)}
        error={err(`${p}.explanation`)}
        hint="Why it is strong or weak; learners read it in their review."
      />
    </div>
  )
}

/** Which of the scenario's competencies one turn's decision is evidence for; none ticked means all of them. */
function TurnCompetencies({
  id,
  measured,
  chosen,
  onChange,
  error,
}: {
  id: string
  measured: { id: string; title: string }[]
  chosen: string[]
  onChange: (next: string[]) => void
  error?: string
}) {
  if (measured.length < 2 && !error) return null
  return (
    <fieldset className="turn-competencies" id={id}>
      <legend>
        This decision is evidence for <span className="muted small">(none ticked: every competency of the scenario)</span>
      </legend>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {measured.map((c) => (
        <label key={c.id} className="checkbox">
          <input
            type="checkbox"
            checked={chosen.includes(c.id)}
            onChange={(e) => onChange(e.currentTarget.checked ? [...chosen, c.id] : chosen.filter((x) => x !== c.id))}
          />{' '}
          {c.title}
        </label>
      ))}
    </fieldset>
  )
}
