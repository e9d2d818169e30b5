import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from 'react-router'
import { data, Form, Link, redirect, useActionData, useLoaderData, useNavigation, useSearchParams } from 'react-router'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ReadinessOverview } from '~/components/readiness-overview'
import { OnboardingPath } from '~/components/onboarding-path'
import { getOnboarding } from '~/models/learning.server'
import { getEmployeeReadiness } from '~/models/readiness-views.server'
import { OBSERVATION_LABELS } from '~/domain/readiness/model'
import { recordObservation } from '~/models/readiness.server'
import { getPerson } from '~/models/user.server'
import { requireCanSeePerson } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { failure, parseForm } from '~/utils/forms'
import { useDateFormat, useDates } from '~/components/use-dates'
import { observationDayProblem } from '~/domain/calendar/days'
import { getTimeZone } from '~/models/organisation.server'
import { startOfDay } from '~/utils/dates'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.person.name ?? 'Person'}: readiness · Mission Ready` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer } = await requireCanSeePerson(request, params.id ?? '')
  const person = await getPerson(params.id ?? '')
  if (!person) throw new Response('Not found', { status: 404 })
  const [readiness, onboarding] = await Promise.all([getEmployeeReadiness(person.id), getOnboarding(person.id)])
  return {
    person: { id: person.id, name: person.name, teams: person.teams.map((t) => t.name) },
    readiness,
    onboarding,
    canObserve: viewer.id !== person.id,
  }
}

const ObservationSchema = z.object({
  competencyId: z.string({ error: 'Choose what you saw.' }).min(1, 'Choose what you saw.').max(60),
  rating: z.coerce
    .number({ error: 'Choose how well it went.' })
    .int()
    .min(0, 'Choose how well it went.')
    .max(3, 'Choose how well it went.'),
  note: z.string().trim().max(500, 'Keep the note under 500 characters.').default(''),
  // A day (YYYY-MM-DD), checked against today in the organisation's time zone in the action.
  observedAt: z.string({ error: 'Give the date you saw it.' }).trim().max(40),
})

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer } = await requireCanSeePerson(request, params.id ?? '')
  const personId = params.id ?? ''
  if (viewer.id === personId)
    return data(
      { ok: false as const, errors: { form: 'You cannot record an observation of yourself.' } as Record<string, string> },
      { status: 403 },
    )
  const parsed = parseForm(ObservationSchema, await request.formData())
  if (!parsed.ok) return data(parsed, { status: 400 })
  const zone = await getTimeZone()
  const dayProblem = observationDayProblem(parsed.data.observedAt, zone)
  if (dayProblem) return data(failure({ observedAt: dayProblem }, { ...parsed.data, rating: String(parsed.data.rating) }), { status: 400 })
  const competency = await db.competency.findFirst({ where: { id: parsed.data.competencyId, archivedAt: null } })
  if (!competency)
    return data(
      { ok: false as const, errors: { competencyId: 'That competency is not part of the framework.' } as Record<string, string> },
      { status: 400 },
    )
  await recordObservation({ observerId: viewer.id, userId: personId, ...parsed.data, observedAt: startOfDay(parsed.data.observedAt, zone) })
  return redirect(`/people/${personId}/readiness?observed=${competency.id}#competency-${competency.id}`)
}

const KIND: Record<string, string> = {
  check: 'Lesson Check',
  quiz: 'Quiz answer',
  grade: 'Graded answer',
  observation: 'Seen on the job',
  lesson: 'Lesson done',
}

export default function EmployeeReadiness() {
  const date = useDateFormat('date')
  const dates = useDates()
  const { person, readiness, onboarding, canObserve } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [params] = useSearchParams()
  const errors = (actionData && !actionData.ok ? actionData.errors : {}) as Record<string, string | undefined>
  const competencies = readiness.pillars.flatMap((p) => p.competencies)
  return (
    <div className="stack">
      <p>
        <Link to={`/people/${person.id}`}>← {person.name}</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>{person.name}: readiness</h1>
          <p>{person.teams.join(', ') || 'Not in a team'}. Every estimate below lists the evidence behind it.</p>
        </div>
      </div>
      {params.get('observed') ? (
        <p className="alert success" role="status">
          Observation recorded. It counts as evidence now (“seen on the job”).
        </p>
      ) : null}
      {canObserve ? (
        <details className="card observe" open={Boolean(actionData)}>
          <summary>
            <strong>Record what you saw on the job</strong>
          </summary>
          <Form method="post" className="stack">
            <div className="field">
              <label htmlFor="competencyId">What did you see?</label>
              <select id="competencyId" name="competencyId" required aria-invalid={errors.competencyId ? true : undefined}>
                <option value="">Choose a competency…</option>
                {competencies.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.title}
                  </option>
                ))}
              </select>
              {errors.competencyId ? <p className="field-error">{errors.competencyId}</p> : null}
            </div>
            <fieldset className="rating">
              <legend>How well did it go?</legend>
              {OBSERVATION_LABELS.map((label, i) => (
                <label key={label} className="option">
                  <input type="radio" name="rating" value={i} required /> {label}
                </label>
              ))}
              {errors.rating ? <p className="field-error">{errors.rating}</p> : null}
            </fieldset>
            <div className="field">
              <label htmlFor="note">A short note (optional)</label>
              <textarea id="note" name="note" rows={2} maxLength={500} />
              {errors.note ? <p className="field-error">{errors.note}</p> : null}
            </div>
            <div className="field">
              <label htmlFor="observedAt">When</label>
              <input id="observedAt" name="observedAt" type="date" defaultValue={dates.today()} required />
              {errors.observedAt ? <p className="field-error">{errors.observedAt}</p> : null}
            </div>
            {errors.form ? <p className="alert error">{errors.form}</p> : null}
            <button type="submit" disabled={navigation.state === 'submitting'}>
              {navigation.state === 'submitting' ? 'Saving…' : 'Save observation'}
            </button>
          </Form>
        </details>
      ) : null}
      <ReadinessOverview data={readiness} self={false} />
      <section className="card" aria-labelledby="evidence">
        <h2 id="evidence">The evidence</h2>
        {competencies.map((c) => {
          const list = readiness.evidence[c.id] ?? []
          return (
            <details key={c.id} id={`evidence-${c.id}`}>
              <summary>
                {c.title} · {list.length} piece{list.length === 1 ? '' : 's'}
              </summary>
              {list.length === 0 ? (
                <p className="muted">No evidence yet.</p>
              ) : (
                <ul className="evidence-list">
                  {list.map((e, i) => (
                    <li key={i}>
                      <span className="muted">{date.format(new Date(e.at))}</span> · <strong>{KIND[e.kind]}</strong>
                      {e.score !== null ? ` · ${Math.round(e.score * 100)}% (weight ${e.weight})` : ''}
                      {e.redFlag ? <span className="badge red-flag">⚑ Red flag</span> : null} ·{' '}
                      {e.href ? <Link to={e.href}>{e.label}</Link> : e.label}
                    </li>
                  ))}
                </ul>
              )}
            </details>
          )
        })}
      </section>
      {onboarding.map((p) => (
        <OnboardingPath key={p.path.slug} path={p} />
      ))}
      <section className="card" aria-labelledby="reflections">
        <h2 id="reflections">How their job serves the mission: reflections</h2>
        {readiness.reflections.length === 0 ? (
          <p className="muted">No reflections written yet.</p>
        ) : (
          <ul className="evidence-list">
            {readiness.reflections.map((r, i) => (
              <li key={i}>
                <p className="muted small">
                  {r.lesson} · {date.format(new Date(r.at))}
                </p>
                <p>
                  <strong>{r.prompt}</strong>
                </p>
                <blockquote className="free-text-answer">{r.text}</blockquote>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
