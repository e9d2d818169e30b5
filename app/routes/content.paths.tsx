import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from 'react-router'
import { getFormProps, getInputProps } from '@conform-to/react'
import { Form, Link, redirect, useActionData, useLoaderData, useNavigation } from 'react-router'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, FormErrors, SelectField, SubmitButton } from '~/components/ui/field'
import {
  assignPath,
  createLesson,
  createModule,
  createPath,
  getStructure,
  moveLesson,
  moveModule,
  savePathSteps,
  StructureError,
} from '~/models/structure.server'
import { requireContentManager } from '~/utils/auth.server'
import { parseSubmission, replyDomainError, replyInvalid, useSchemaForm } from '~/utils/forms'
import { redirectWithToast } from '~/utils/toast.server'
import { getTimeZone } from '~/models/organisation.server'
import { startOfDay, today } from '~/domain/calendar/dates'

export const meta: MetaFunction = () => [{ title: 'Modules and paths · Mission Ready' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireContentManager(request)
  return { ...(await getStructure()), today: today(await getTimeZone()) }
}

const UNKNOWN_INTENT = 'That action is not available here.'
const Title = z
  .string({ error: 'Use at least 3 characters.' })
  .trim()
  .min(3, 'Use at least 3 characters.')
  .max(120, 'Use at most 120 characters.')
const Slug = z.string().max(80)
const Direction = z.enum(['up', 'down']).transform((d) => (d === 'up' ? -1 : 1) as -1 | 1)

const CreateModuleSchema = z.object({
  intent: z.literal('create-module'),
  title: Title,
  summary: z
    .string({ error: 'Summarise the module in a sentence.' })
    .trim()
    .min(10, 'Summarise the module in a sentence.')
    .max(300, 'Use at most 300 characters.'),
})
const MoveModuleSchema = z.object({ intent: z.literal('move-module'), slug: Slug, direction: Direction })
const CreateLessonSchema = z.object({
  intent: z.literal('create-lesson'),
  module: z.string({ error: 'Choose a module.' }).max(80),
  title: Title,
})
const MoveLessonSchema = z.object({ intent: z.literal('move-lesson'), slug: Slug, direction: Direction })
const CreatePathSchema = z.object({ intent: z.literal('create-path'), title: Title })
/** One row of a path's table: ticked or not, its place in the order, and its due offset. */
const StepSchema = z.object({
  module: Slug,
  include: z.boolean().default(false),
  order: z.number({ error: 'Enter a position like 1, 2, 3.' }).int('Enter a position like 1, 2, 3.').min(1).max(999).optional(),
  dueDays: z
    .number({ error: 'Enter whole days from 0 to 365.' })
    .int('Enter whole days from 0 to 365.')
    .min(0, 'Enter whole days from 0 to 365.')
    .max(365, 'Enter whole days from 0 to 365.'),
})
const SavePathSchema = z
  .object({ intent: z.literal('save-path'), path: Slug, steps: z.array(StepSchema).max(200).default([]) })
  .refine((form) => form.steps.some((s) => s.include), { message: 'A path needs at least one module.' })
const AssignSchema = z.object({
  intent: z.literal('assign'),
  path: z.string({ error: 'Choose a path.' }).max(80),
  target: z
    .string({ error: 'Choose a team or a person.' })
    .max(60)
    .regex(/^(team|user):.+$/, 'Choose a team or a person.'),
  startDate: z.iso.date({ error: 'Enter a start date like 2026-12-01.' }),
})

const ActionSchema = z.discriminatedUnion(
  'intent',
  [CreateModuleSchema, MoveModuleSchema, CreateLessonSchema, MoveLessonSchema, CreatePathSchema, SavePathSchema, AssignSchema],
  { error: UNKNOWN_INTENT },
)
type Intent = z.infer<typeof ActionSchema>['intent']

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireContentManager(request)
  const submission = parseSubmission(await request.formData(), ActionSchema)
  // The reply carries what was sent, intent and path included, so only the form it answers shows it (useReplyFor).
  if (submission.status !== 'success') return replyInvalid(submission, submission.error?.intent ? { formErrors: [UNKNOWN_INTENT] } : {})
  const input = submission.value
  try {
    switch (input.intent) {
      case 'create-module':
        await createModule(input.title, input.summary)
        return redirectWithToast('/content/paths', { description: `Module “${input.title}” created. Add its lessons below.` })
      case 'move-module':
        await moveModule(input.slug, input.direction)
        return redirect(`/content/paths#module-${input.slug}`)
      case 'create-lesson': {
        const lesson = await createLesson(input.module, input.title, user.id)
        return redirectWithToast(`/content/lessons/${lesson.slug}`, { description: 'Lesson created as a draft. Write it, then publish.' })
      }
      case 'move-lesson':
        await moveLesson(input.slug, input.direction)
        return redirect('/content/paths')
      case 'create-path':
        await createPath(input.title)
        return redirectWithToast('/content/paths', { description: `Path “${input.title}” created. Tick its modules below.` })
      case 'save-path': {
        const steps = input.steps
          .filter((s) => s.include)
          .map((s) => ({ module: s.module, dueDays: s.dueDays, order: s.order ?? 999 }))
          .sort((a, b) => a.order - b.order || a.dueDays - b.dueDays)
        await savePathSteps(input.path, steps)
        return redirectWithToast(`/content/paths#path-${input.path}`, { description: 'Path saved.' })
      }
      case 'assign': {
        const [kind, id] = input.target.split(':') as ['team' | 'user', string]
        const count = await assignPath(
          input.path,
          kind === 'team' ? { teamId: id } : { userId: id },
          startOfDay(input.startDate, await getTimeZone()),
        )
        return redirectWithToast('/content/paths', { description: `Path assigned to ${count} ${count === 1 ? 'person' : 'people'}.` })
      }
    }
  } catch (error) {
    if (error instanceof StructureError) return replyDomainError(submission, error)
    throw error
  }
}

/** The last reply, if it answers this form. */
function useReplyFor(intent: Intent, path?: string) {
  const result = useActionData<typeof action>()?.result
  const sent = result?.initialValue
  if (!result || sent?.intent !== intent || (path !== undefined && sent?.path !== path)) return undefined
  return result
}

export default function Structure() {
  const { modules, paths, teams, people, today } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  // A reply no form on the page asked for (an action that does not exist) is said at the top.
  const intents: readonly string[] = ActionSchema.options.map((o) => o.shape.intent.value)
  const known = intents.includes(String(actionData?.result.initialValue?.intent ?? ''))
  const stray = actionData && !known ? actionData.result.error?.[''] : undefined
  return (
    <div className="stack">
      <p>
        <Link to="/content">← Content</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>Modules and paths</h1>
          <p>Order the modules and their lessons, build onboarding paths with due dates, and assign them.</p>
        </div>
      </div>
      <FormErrors errors={stray ?? undefined} />

      <section className="card" aria-labelledby="modules-heading">
        <h2 id="modules-heading">Modules</h2>
        <ol className="structure">
          {modules.map((m, i) => (
            <li key={m.slug} id={`module-${m.slug}`}>
              <div className="row" style={{ justifyContent: 'space-between' }}>
                <strong>{m.title}</strong>
                <MoveButtons intent="move-module" slug={m.slug} title={m.title} first={i === 0} last={i === modules.length - 1} />
              </div>
              <ol className="structure-lessons">
                {m.lessons.map((l, j) => (
                  <li key={l.slug} className="row" style={{ justifyContent: 'space-between' }}>
                    <span>
                      <Link to={`/content/lessons/${l.slug}`}>{l.title}</Link>
                      {l.published ? null : <span className="badge invited"> not published</span>}
                    </span>
                    <MoveButtons intent="move-lesson" slug={l.slug} title={l.title} first={j === 0} last={j === m.lessons.length - 1} />
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ol>
        <div className="grid">
          <NewLessonForm modules={modules} />
          <NewModuleForm />
        </div>
      </section>

      {paths.map((p) => (
        <PathForm key={p.slug} path={p} modules={modules} />
      ))}

      <div className="grid">
        <AssignForm paths={paths} teams={teams} people={people} today={today} />
        <NewPathForm />
      </div>
    </div>
  )
}

type Structure = ReturnType<typeof useLoaderData<typeof loader>>

function useBusy(intent: Intent, path?: string) {
  const navigation = useNavigation()
  return (
    navigation.state === 'submitting' &&
    navigation.formData?.get('intent') === intent &&
    (path === undefined || navigation.formData?.get('path') === path)
  )
}

function MoveButtons({
  intent,
  slug,
  title,
  first,
  last,
}: {
  intent: 'move-module' | 'move-lesson'
  slug: string
  title: string
  first: boolean
  last: boolean
}) {
  return (
    <Form method="post" className="row">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="slug" value={slug} />
      <button type="submit" name="direction" value="up" className="secondary" disabled={first} aria-label={`Move ${title} up`}>
        ↑
      </button>
      <button type="submit" name="direction" value="down" className="secondary" disabled={last} aria-label={`Move ${title} down`}>
        ↓
      </button>
    </Form>
  )
}

function NewLessonForm({ modules }: { modules: Structure['modules'] }) {
  const [form, fields] = useSchemaForm(CreateLessonSchema, { id: 'create-lesson', lastResult: useReplyFor('create-lesson') })
  return (
    <Form method="post" className="card" {...getFormProps(form)}>
      <h3>New lesson</h3>
      <FormErrors errors={form.errors} id={form.errorId} />
      <input type="hidden" name="intent" value="create-lesson" />
      <SelectField label="Module" meta={fields.module}>
        <option value="">Choose…</option>
        {modules.map((m) => (
          <option key={m.slug} value={m.slug}>
            {m.title}
          </option>
        ))}
      </SelectField>
      <Field label="Lesson title" meta={fields.title} />
      <SubmitButton busy={useBusy('create-lesson')} busyLabel="Creating…">
        Create and edit
      </SubmitButton>
    </Form>
  )
}

function NewModuleForm() {
  const [form, fields] = useSchemaForm(CreateModuleSchema, { id: 'create-module', lastResult: useReplyFor('create-module') })
  return (
    <Form method="post" className="card" {...getFormProps(form)}>
      <h3>New module</h3>
      <FormErrors errors={form.errors} id={form.errorId} />
      <input type="hidden" name="intent" value="create-module" />
      <Field label="Module title" meta={fields.title} />
      <Field label="Summary" meta={fields.summary} />
      <SubmitButton busy={useBusy('create-module')} busyLabel="Creating…">
        Create module
      </SubmitButton>
    </Form>
  )
}

function PathForm({ path: p, modules }: { path: Structure['paths'][number]; modules: Structure['modules'] }) {
  const [form, fields] = useSchemaForm(SavePathSchema, {
    id: `path-form-${p.slug}`,
    lastResult: useReplyFor('save-path', p.slug),
    defaultValue: {
      path: p.slug,
      steps: modules.map((m) => {
        const step = p.steps.findIndex((s) => s.module === m.slug)
        return {
          module: m.slug,
          include: step !== -1,
          order: step === -1 ? undefined : step + 1,
          dueDays: step === -1 ? 7 : p.steps[step]!.dueDays,
        }
      }),
    },
  })
  const rows = fields.steps.getFieldList()
  return (
    <section id={`path-${p.slug}`} className="card" aria-labelledby={`path-${p.slug}-heading`}>
      <h2 id={`path-${p.slug}-heading`}>Path: {p.title}</h2>
      <p className="muted">
        Assigned to {p.assigned} {p.assigned === 1 ? 'person' : 'people'}. Tick the modules it includes, in order, each due a number of days
        after the start date.
      </p>
      <FormErrors errors={form.errors} id={form.errorId} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="save-path" />
        <input type="hidden" name={fields.path.name} value={p.slug} />
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">In the path</th>
                <th scope="col">Order</th>
                <th scope="col">Due after (days)</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => {
                const m = modules[i]
                if (!m) return null
                const step = row.getFieldset()
                const { key: includeKey, ...include } = getInputProps(step.include, { type: 'checkbox' })
                const { key: orderKey, ...order } = getInputProps(step.order, { type: 'text', ariaAttributes: false })
                const { key: dueKey, ...due } = getInputProps(step.dueDays, { type: 'text', ariaAttributes: false })
                const orderError = step.order.errors?.join(' ')
                const dueError = step.dueDays.errors?.join(' ')
                return (
                  <tr key={row.key}>
                    <td>
                      <input type="hidden" name={step.module.name} value={m.slug} />
                      <label className="row">
                        <input key={includeKey} {...include} /> {m.title}
                      </label>
                    </td>
                    <td>
                      <input
                        key={orderKey}
                        {...order}
                        inputMode="numeric"
                        aria-label={`Order of ${m.title}`}
                        aria-invalid={orderError ? true : undefined}
                        aria-describedby={orderError ? step.order.errorId : undefined}
                        style={{ maxWidth: '5rem' }}
                      />
                      {orderError ? (
                        <p className="field-error" id={step.order.errorId}>
                          {orderError}
                        </p>
                      ) : null}
                    </td>
                    <td>
                      <input
                        key={dueKey}
                        {...due}
                        inputMode="numeric"
                        aria-label={`Days until ${m.title} is due`}
                        aria-invalid={dueError ? true : undefined}
                        aria-describedby={dueError ? step.dueDays.errorId : undefined}
                        style={{ maxWidth: '6rem' }}
                      />
                      {dueError ? (
                        <p className="field-error" id={step.dueDays.errorId}>
                          {dueError}
                        </p>
                      ) : null}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
        <p>
          <SubmitButton busy={useBusy('save-path', p.slug)} busyLabel="Saving…">
            Save path
          </SubmitButton>
        </p>
      </Form>
    </section>
  )
}

function AssignForm({ paths, teams, people, today }: Pick<Structure, 'paths' | 'teams' | 'people' | 'today'>) {
  const [form, fields] = useSchemaForm(AssignSchema, {
    id: 'assign',
    lastResult: useReplyFor('assign'),
    defaultValue: { path: paths[0]?.slug, startDate: today },
  })
  return (
    <Form method="post" className="card" aria-labelledby="assign-heading" {...getFormProps(form)}>
      <h2 id="assign-heading">Assign a path</h2>
      <FormErrors errors={form.errors} id={form.errorId} />
      <input type="hidden" name="intent" value="assign" />
      <SelectField label="Path" meta={fields.path}>
        {paths.map((p) => (
          <option key={p.slug} value={p.slug}>
            {p.title}
          </option>
        ))}
      </SelectField>
      <SelectField label="To" meta={fields.target}>
        <option value="">Choose a team or a person…</option>
        <optgroup label="Teams">
          {teams.map((t) => (
            <option key={t.id} value={`team:${t.id}`}>
              {t.name} ({t.members})
            </option>
          ))}
        </optgroup>
        <optgroup label="People">
          {people.map((u) => (
            <option key={u.id} value={`user:${u.id}`}>
              {u.name || u.email}
            </option>
          ))}
        </optgroup>
      </SelectField>
      <Field
        label="Start date"
        meta={fields.startDate}
        type="date"
        hint="Due dates count from this day. Reassigning moves the start date."
      />
      <SubmitButton busy={useBusy('assign')} busyLabel="Assigning…">
        Assign
      </SubmitButton>
    </Form>
  )
}

function NewPathForm() {
  const [form, fields] = useSchemaForm(CreatePathSchema, { id: 'create-path', lastResult: useReplyFor('create-path') })
  return (
    <Form method="post" className="card" {...getFormProps(form)}>
      <h2>New path</h2>
      <FormErrors errors={form.errors} id={form.errorId} />
      <input type="hidden" name="intent" value="create-path" />
      <Field label="Path title" meta={fields.title} />
      <SubmitButton busy={useBusy('create-path')} busyLabel="Creating…">
        Create path
      </SubmitButton>
    </Form>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
