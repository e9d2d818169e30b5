import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from 'react-router'
import { data, Form, Link, redirect, useActionData, useLoaderData, useNavigation, useSearchParams } from 'react-router'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Alert, Field, SelectField, SubmitButton } from '~/components/ui/field'
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
import { getTimeZone } from '~/models/organisation.server'
import { startOfDay, today } from '~/utils/dates'

export const meta: MetaFunction = () => [{ title: 'Modules and paths · Mission Ready' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireContentManager(request)
  return { ...(await getStructure()), today: today(await getTimeZone()) }
}

const Title = z.string().trim().min(3, 'Use at least 3 characters.').max(120, 'Use at most 120 characters.')
const Direction = z.enum(['up', 'down']).transform((d) => (d === 'up' ? -1 : 1) as -1 | 1)
const ActionSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('create-module'),
    title: Title,
    summary: z.string().trim().min(10, 'Summarise the module in a sentence.').max(300),
  }),
  z.object({ intent: z.literal('move-module'), slug: z.string().max(80), direction: Direction }),
  z.object({ intent: z.literal('create-lesson'), module: z.string().min(1, 'Choose a module.').max(80), title: Title }),
  z.object({ intent: z.literal('move-lesson'), slug: z.string().max(80), direction: Direction }),
  z.object({ intent: z.literal('create-path'), title: Title }),
  z.object({ intent: z.literal('save-path'), path: z.string().max(80) }),
  z.object({
    intent: z.literal('assign'),
    path: z.string().min(1, 'Choose a path.').max(80),
    target: z
      .string()
      .regex(/^(team|user):.+$/, 'Choose a team or a person.')
      .max(60),
    startDate: z.iso.date('Enter a start date like 2026-12-01.'),
  }),
])

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireContentManager(request)
  const formData = await request.formData()
  const values = Object.fromEntries(formData) as Record<string, string>
  const parsed = ActionSchema.safeParse(values)
  if (!parsed.success) {
    const errors: Record<string, string> = {}
    for (const i of parsed.error.issues) errors[String(i.path[0] ?? 'form')] ??= i.message
    return data({ intent: values.intent, errors, values }, { status: 400 })
  }
  const input = parsed.data
  try {
    switch (input.intent) {
      case 'create-module':
        await createModule(input.title, input.summary)
        return redirect('/content/paths?done=module')
      case 'move-module':
        await moveModule(input.slug, input.direction)
        return redirect(`/content/paths#module-${input.slug}`)
      case 'create-lesson': {
        const lesson = await createLesson(input.module, input.title, user.id)
        return redirect(`/content/lessons/${lesson.slug}`)
      }
      case 'move-lesson':
        await moveLesson(input.slug, input.direction)
        return redirect('/content/paths')
      case 'create-path':
        await createPath(input.title)
        return redirect('/content/paths?done=path')
      case 'save-path': {
        const steps = []
        for (const [key, value] of formData) {
          const m = /^include:(.+)$/.exec(key)
          if (!m || value !== 'on') continue
          const order = Number(formData.get(`order:${m[1]}`))
          const dueDays = Number(formData.get(`due:${m[1]}`))
          if (!Number.isInteger(dueDays) || dueDays < 0 || dueDays > 365) {
            return data({ intent: 'save-path', errors: { [`due:${m[1]}`]: 'Enter whole days from 0 to 365.' }, values }, { status: 400 })
          }
          steps.push({ module: m[1]!, dueDays, order: Number.isFinite(order) ? order : 999 })
        }
        if (steps.length === 0)
          return data({ intent: 'save-path', errors: { form: 'A path needs at least one module.' }, values }, { status: 400 })
        steps.sort((a, b) => a.order - b.order || a.dueDays - b.dueDays)
        await savePathSteps(input.path, steps)
        return redirect(`/content/paths?done=saved#path-${input.path}`)
      }
      case 'assign': {
        const [kind, id] = input.target.split(':') as ['team' | 'user', string]
        const count = await assignPath(
          input.path,
          kind === 'team' ? { teamId: id } : { userId: id },
          startOfDay(input.startDate, await getTimeZone()),
        )
        return redirect(`/content/paths?assigned=${count}`)
      }
    }
  } catch (error) {
    if (error instanceof StructureError)
      return data({ intent: input.intent, errors: { [error.field]: error.message }, values }, { status: 400 })
    throw error
  }
}

export default function Structure() {
  const { modules, paths, teams, people, today } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [params] = useSearchParams()
  const busy = navigation.state === 'submitting'
  const errorsFor = (intent: string) => (actionData && actionData.intent === intent ? actionData.errors : {}) as Record<string, string>
  const valuesFor = (intent: string) => (actionData && actionData.intent === intent ? actionData.values : {}) as Record<string, string>
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
      {params.get('assigned') ? (
        <Alert tone="success">
          Path assigned to {params.get('assigned')} {params.get('assigned') === '1' ? 'person' : 'people'}.
        </Alert>
      ) : null}
      {params.get('done') ? <Alert tone="success">Saved.</Alert> : null}

      <section className="card" aria-labelledby="modules-heading">
        <h2 id="modules-heading">Modules</h2>
        <ol className="structure">
          {modules.map((m, i) => (
            <li key={m.slug} id={`module-${m.slug}`}>
              <div className="row" style={{ justifyContent: 'space-between' }}>
                <strong>{m.title}</strong>
                <Form method="post" className="row">
                  <input type="hidden" name="intent" value="move-module" />
                  <input type="hidden" name="slug" value={m.slug} />
                  <button
                    type="submit"
                    name="direction"
                    value="up"
                    className="secondary"
                    disabled={i === 0}
                    aria-label={`Move ${m.title} up`}
                  >
                    ↑
                  </button>
                  <button
                    type="submit"
                    name="direction"
                    value="down"
                    className="secondary"
                    disabled={i === modules.length - 1}
                    aria-label={`Move ${m.title} down`}
                  >
                    ↓
                  </button>
                </Form>
              </div>
              <ol className="structure-lessons">
                {m.lessons.map((l, j) => (
                  <li key={l.slug} className="row" style={{ justifyContent: 'space-between' }}>
                    <span>
                      <Link to={`/content/lessons/${l.slug}`}>{l.title}</Link>
                      {l.published ? null : <span className="badge invited"> not published</span>}
                    </span>
                    <Form method="post" className="row">
                      <input type="hidden" name="intent" value="move-lesson" />
                      <input type="hidden" name="slug" value={l.slug} />
                      <button
                        type="submit"
                        name="direction"
                        value="up"
                        className="secondary"
                        disabled={j === 0}
                        aria-label={`Move ${l.title} up`}
                      >
                        ↑
                      </button>
                      <button
                        type="submit"
                        name="direction"
                        value="down"
                        className="secondary"
                        disabled={j === m.lessons.length - 1}
                        aria-label={`Move ${l.title} down`}
                      >
                        ↓
                      </button>
                    </Form>
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ol>
        <div className="grid">
          <Form method="post" className="card">
            <h3>New lesson</h3>
            <input type="hidden" name="intent" value="create-lesson" />
            <SelectField
              label="Module"
              name="module"
              defaultValue={valuesFor('create-lesson').module ?? ''}
              error={errorsFor('create-lesson').module}
            >
              <option value="">Choose…</option>
              {modules.map((m) => (
                <option key={m.slug} value={m.slug}>
                  {m.title}
                </option>
              ))}
            </SelectField>
            <Field
              label="Lesson title"
              name="title"
              defaultValue={valuesFor('create-lesson').title ?? ''}
              error={errorsFor('create-lesson').title}
            />
            <SubmitButton busy={busy} busyLabel="Creating…">
              Create and edit
            </SubmitButton>
          </Form>
          <Form method="post" className="card">
            <h3>New module</h3>
            <input type="hidden" name="intent" value="create-module" />
            <Field
              label="Module title"
              name="title"
              defaultValue={valuesFor('create-module').title ?? ''}
              error={errorsFor('create-module').title}
            />
            <Field
              label="Summary"
              name="summary"
              defaultValue={valuesFor('create-module').summary ?? ''}
              error={errorsFor('create-module').summary}
            />
            <SubmitButton busy={busy} busyLabel="Creating…">
              Create module
            </SubmitButton>
          </Form>
        </div>
      </section>

      {paths.map((p) => {
        const errors =
          actionData && actionData.intent === 'save-path' && actionData.values.path === p.slug
            ? (actionData.errors as Record<string, string>)
            : {}
        return (
          <section key={p.slug} id={`path-${p.slug}`} className="card" aria-labelledby={`path-${p.slug}-heading`}>
            <h2 id={`path-${p.slug}-heading`}>Path: {p.title}</h2>
            <p className="muted">
              Assigned to {p.assigned} {p.assigned === 1 ? 'person' : 'people'}. Tick the modules it includes, in order, each due a number
              of days after the start date.
            </p>
            {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
            <Form method="post">
              <input type="hidden" name="intent" value="save-path" />
              <input type="hidden" name="path" value={p.slug} />
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
                    {modules.map((m) => {
                      const step = p.steps.findIndex((s) => s.module === m.slug)
                      return (
                        <tr key={m.slug}>
                          <td>
                            <label className="row">
                              <input type="checkbox" name={`include:${m.slug}`} defaultChecked={step !== -1} /> {m.title}
                            </label>
                          </td>
                          <td>
                            <input
                              type="text"
                              inputMode="numeric"
                              name={`order:${m.slug}`}
                              defaultValue={step === -1 ? '' : step + 1}
                              aria-label={`Order of ${m.title}`}
                              style={{ maxWidth: '5rem' }}
                            />
                          </td>
                          <td>
                            <input
                              type="text"
                              inputMode="numeric"
                              name={`due:${m.slug}`}
                              defaultValue={step === -1 ? '7' : String(p.steps[step]!.dueDays)}
                              aria-label={`Days until ${m.title} is due`}
                              aria-invalid={errors[`due:${m.slug}`] ? true : undefined}
                              style={{ maxWidth: '6rem' }}
                            />
                            {errors[`due:${m.slug}`] ? <p className="field-error">{errors[`due:${m.slug}`]}</p> : null}
                          </td>
                        </tr>
                      )
                    })}
                  </tbody>
                </table>
              </div>
              <p>
                <SubmitButton busy={busy} busyLabel="Saving…">
                  Save path
                </SubmitButton>
              </p>
            </Form>
          </section>
        )
      })}

      <div className="grid">
        <Form method="post" className="card" aria-labelledby="assign-heading">
          <h2 id="assign-heading">Assign a path</h2>
          {errorsFor('assign').form ? <Alert tone="error">{errorsFor('assign').form}</Alert> : null}
          <input type="hidden" name="intent" value="assign" />
          <SelectField
            label="Path"
            name="path"
            defaultValue={valuesFor('assign').path ?? paths[0]?.slug ?? ''}
            error={errorsFor('assign').path}
          >
            {paths.map((p) => (
              <option key={p.slug} value={p.slug}>
                {p.title}
              </option>
            ))}
          </SelectField>
          <SelectField label="To" name="target" defaultValue={valuesFor('assign').target ?? ''} error={errorsFor('assign').target}>
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
            name="startDate"
            type="date"
            defaultValue={valuesFor('assign').startDate ?? today}
            error={errorsFor('assign').startDate}
            hint="Due dates count from this day. Reassigning moves the start date."
          />
          <SubmitButton busy={busy} busyLabel="Assigning…">
            Assign
          </SubmitButton>
        </Form>
        <Form method="post" className="card">
          <h2>New path</h2>
          <input type="hidden" name="intent" value="create-path" />
          <Field
            label="Path title"
            name="title"
            defaultValue={valuesFor('create-path').title ?? ''}
            error={errorsFor('create-path').title}
          />
          <SubmitButton busy={busy} busyLabel="Creating…">
            Create path
          </SubmitButton>
        </Form>
      </div>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
