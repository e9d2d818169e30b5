import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from 'react-router'
import { getFormProps } from '@conform-to/react'
import { Form, Link, useActionData, useLoaderData, useNavigation } from 'react-router'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, FormErrors, SelectField } from '~/components/ui/field'
import { ITEM_TYPE_LABELS, ITEM_TYPES } from '~/domain/scenarios/scenario'
import { pct } from '~/domain/scenarios/lint'
import { createScenario, listScenariosForTrainer, publishedBankFigures, ScenarioProblems } from '~/models/scenario-authoring.server'
import { requireContentManager } from '~/utils/auth.server'
import { listCompetencies } from '~/models/competency.server'
import { countAwaitingGrade } from '~/models/grading.server'
import { parseSubmission, replyInvalid, useSchemaForm } from '~/utils/forms'
import { redirectWithToast } from '~/utils/toast.server'

export const meta: MetaFunction = () => [{ title: 'Scenarios · Mission Ready' }]

const FilterSchema = z.object({
  type: z.enum(ITEM_TYPES).optional().catch(undefined),
  competency: z.string().max(60).optional().catch(undefined),
  status: z.enum(['draft', 'published']).optional().catch(undefined),
})

export async function loader({ request }: LoaderFunctionArgs) {
  await requireContentManager(request)
  const filter = FilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  const [scenarios, competencies, awaiting, bank] = await Promise.all([
    listScenariosForTrainer(filter),
    listCompetencies(),
    countAwaitingGrade(),
    publishedBankFigures(),
  ])
  return { scenarios, competencies, filter, awaiting, bank }
}

const NewSchema = z.object({
  slug: z
    .string({ error: 'Give the scenario an address: 3–80 lower-case letters, digits and dashes.' })
    .trim()
    .max(80, 'Use 3–80 lower-case letters, digits and dashes, starting with a letter.')
    .regex(/^[a-z][a-z0-9-]{2,79}$/, 'Use 3–80 lower-case letters, digits and dashes, starting with a letter.'),
  title: z
    .string({ error: 'Give the scenario a title.' })
    .trim()
    .min(3, 'Give the scenario a title.')
    .max(120, 'Use at most 120 characters.'),
  type: z.enum(ITEM_TYPES, 'Choose a type.'),
})

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireContentManager(request)
  const submission = parseSubmission(await request.formData(), NewSchema)
  if (submission.status !== 'success') return replyInvalid(submission)
  try {
    await createScenario(submission.value, user.id)
  } catch (error) {
    if (error instanceof ScenarioProblems) return replyInvalid(submission, { fieldErrors: { slug: [error.problems[0]!.message] } })
    throw error
  }
  return redirectWithToast(`/content/scenarios/${submission.value.slug}`, {
    description: 'Scenario created as a draft. Write the situation and its options, then publish.',
  })
}

export default function Scenarios() {
  const { scenarios, competencies, filter, awaiting, bank } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useSchemaForm(NewSchema, { lastResult: actionData?.result, defaultValue: { type: 'single' } })
  const title = (id: string) => competencies.find((c) => c.id === id)?.title ?? id
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>Scenarios</h1>
          <p>The item bank the quizzes draw from. Edit a scenario, preview it as a learner, publish a new version.</p>
        </div>
        <div className="row">
          <Link className="button secondary" to="/content">
            Lessons
          </Link>
          <Link className="button" to="/content/grading">
            Grading queue{awaiting > 0 ? ` (${awaiting})` : ''}
          </Link>
        </div>
      </div>
      <BankFairness bank={bank} />
      <Form method="get" className="card row inline-fields" aria-label="Filter scenarios">
        <SelectField label="Type" name="type" defaultValue={filter.type ?? ''}>
          <option value="">All types</option>
          {ITEM_TYPES.map((t) => (
            <option key={t} value={t}>
              {ITEM_TYPE_LABELS[t]}
            </option>
          ))}
        </SelectField>
        <SelectField label="Competency" name="competency" defaultValue={filter.competency ?? ''}>
          <option value="">All competencies</option>
          {competencies.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </SelectField>
        <SelectField label="Status" name="status" defaultValue={filter.status ?? ''}>
          <option value="">Any</option>
          <option value="draft">Has a draft</option>
          <option value="published">Published</option>
        </SelectField>
        <button type="submit" className="secondary">
          Filter
        </button>
      </Form>
      {scenarios.length === 0 ? (
        <div className="card empty">
          <p>No scenarios match these filters.</p>
        </div>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Scenarios</caption>
            <thead>
              <tr>
                <th scope="col">Scenario</th>
                <th scope="col">Type</th>
                <th scope="col">Competencies</th>
                <th scope="col">Version</th>
                <th scope="col">Answers</th>
              </tr>
            </thead>
            <tbody>
              {scenarios.map((s) => (
                <tr key={s.slug}>
                  <td>
                    <Link to={`/content/scenarios/${s.slug}`}>{s.title}</Link>
                    {s.hasDraft ? <span className="badge invited"> Draft</span> : null}
                  </td>
                  <td>{ITEM_TYPE_LABELS[s.type]}</td>
                  <td>{s.competencies.map(title).join(', ')}</td>
                  <td>{s.version ? `v${s.version}` : 'Not published'}</td>
                  <td>{s.version ? <Link to={`/content/scenarios/${s.slug}/statistics`}>{s.answers}</Link> : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section className="card" aria-labelledby="new-scenario">
        <h2 id="new-scenario">New scenario</h2>
        <FormErrors errors={form.errors} id={form.errorId} />
        <Form method="post" className="row inline-fields" {...getFormProps(form)}>
          <Field label="Title" meta={fields.title} />
          <Field label="Slug (its address)" meta={fields.slug} hint="e.g. the-late-checkout" />
          <SelectField label="Type" meta={fields.type}>
            {ITEM_TYPES.map((t) => (
              <option key={t} value={t}>
                {ITEM_TYPE_LABELS[t]}
              </option>
            ))}
          </SelectField>
          <button type="submit" disabled={navigation.state === 'submitting'}>
            Create
          </button>
        </Form>
      </section>
    </div>
  )
}

/** How far a guesser gets in the published bank: the figures should sit near chance. */
function BankFairness({ bank }: { bank: Awaited<ReturnType<typeof publishedBankFigures>> }) {
  const f = bank.figures
  if (f.bots.items === 0) return null
  return (
    <section className="card" aria-labelledby="bank-fairness">
      <h2 id="bank-fairness">Can a guesser pass?</h2>
      <p className="muted">
        Over the {f.bots.items} published items with options. A bank measures judgement when answering by form (length, position) scores no
        better than a blind guess.
      </p>
      <dl className="figures">
        <div>
          <dt>Key is the longest option</dt>
          <dd>
            {f.keyLongest.longest} of {f.keyLongest.items} ({pct(f.keyLongest.share)}; chance {pct(f.keyLongest.chance)})
          </dd>
        </div>
        <div>
          <dt>Where the key sits in the file</dt>
          <dd>
            {Object.entries(f.keyPosition)
              .map(([at, n]) => `position ${Number(at) + 1}: ${n}`)
              .join(', ') || '–'}
          </dd>
        </div>
        <div>
          <dt>Correct options in multiple response</dt>
          <dd>
            {Object.entries(f.multipleCorrect)
              .map(([k, n]) => `${k} right: ${n}`)
              .join(', ') || '–'}
          </dd>
        </div>
        <div>
          <dt>Mean score when always choosing…</dt>
          <dd>
            the longest {f.bots.longest.toFixed(2)} · the shortest {f.bots.shortest.toFixed(2)} · the first {f.bots.first.toFixed(2)} · the
            last {f.bots.last.toFixed(2)} · blind guess {f.bots.blind.toFixed(2)}
          </dd>
        </div>
      </dl>
      {bank.problems.length > 0 ? (
        <ul className="alert warn">
          {bank.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : (
        <p className="alert success">Every figure sits near chance.</p>
      )}
    </section>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
