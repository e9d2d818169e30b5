import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from 'react-router'
import { getFormProps } from '@conform-to/react'
import { Form, Link, useActionData, useLoaderData, useNavigation } from 'react-router'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, FormErrors, SelectField, SubmitButton, TextareaField } from '~/components/ui/field'
import { ReadinessOverview } from '~/components/readiness-overview'
import { OnboardingPath } from '~/components/onboarding-path'
import { getOnboarding } from '~/models/learning.server'
import { getEmployeeReadiness } from '~/models/readiness-views.server'
import { OBSERVATION_LABELS } from '~/domain/readiness/model'
import { recordObservation } from '~/models/readiness.server'
import { getPerson } from '~/models/user.server'
import { requireCanSeePerson } from '~/utils/auth.server'
import { findActiveCompetency } from '~/models/competency.server'
import { parseSubmission, replyInvalid, useSchemaForm } from '~/utils/forms'
import { redirectWithToast } from '~/utils/toast.server'
import { useDateFormat, useDates } from '~/components/use-dates'
import { observationDayProblem } from '~/domain/calendar/days'
import { getTimeZone } from '~/models/organisation.server'
import { startOfDay } from '~/domain/calendar/dates'

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

const NOTE_MAX_LENGTH = 500

const ObservationSchema = z.object({
  competencyId: z.string({ error: 'Choose what you saw.' }).min(1, 'Choose what you saw.').max(60),
  rating: z.coerce
    .number({ error: 'Choose how well it went.' })
    .int()
    .min(0, 'Choose how well it went.')
    .max(3, 'Choose how well it went.'),
  note: z
    .string()
    .overwrite((text) => text.replace(/\r\n?/g, '\n'))
    .trim()
    .max(NOTE_MAX_LENGTH, 'Keep the note to 500 characters or fewer.')
    .default(''),
  // A day (YYYY-MM-DD), checked against today in the organisation's time zone in the action.
  observedAt: z.string({ error: 'Give the date you saw it.' }).trim().max(40),
})

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer } = await requireCanSeePerson(request, params.id ?? '')
  const personId = params.id ?? ''
  const submission = parseSubmission(await request.formData(), ObservationSchema)
  if (viewer.id === personId)
    return replyInvalid(submission, { status: 403, formErrors: ['You cannot record an observation of yourself.'] })
  if (submission.status !== 'success') return replyInvalid(submission)
  const zone = await getTimeZone()
  const dayProblem = observationDayProblem(submission.value.observedAt, zone)
  if (dayProblem) return replyInvalid(submission, { fieldErrors: { observedAt: [dayProblem] } })
  const competency = await findActiveCompetency(submission.value.competencyId)
  if (!competency) return replyInvalid(submission, { fieldErrors: { competencyId: ['That competency is not part of the framework.'] } })
  await recordObservation({
    observerId: viewer.id,
    userId: personId,
    ...submission.value,
    observedAt: startOfDay(submission.value.observedAt, zone),
  })
  // Observations are recorded on a phone, often at the foot of a long page: the confirmation is a
  // toast, fixed at the top of the screen, and the page opens at the competency it counts for.
  return redirectWithToast(`/people/${personId}/readiness#competency-${competency.id}`, {
    title: 'Observation recorded',
    description: `${competency.title}: “${OBSERVATION_LABELS[submission.value.rating]}”. It counts as evidence now (seen on the job).`,
  })
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
  const [form, fields] = useSchemaForm(ObservationSchema, {
    lastResult: actionData?.result,
    defaultValue: { observedAt: dates.today() },
  })
  const competencies = readiness.pillars.flatMap((p) => p.competencies)
  const ratingError = fields.rating.errors?.join(' ')
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
      {canObserve ? (
        <details className="card observe" open={Boolean(actionData)}>
          <summary>
            <strong>Record what you saw on the job</strong>
          </summary>
          <Form method="post" className="stack" {...getFormProps(form)}>
            <FormErrors errors={form.errors} id={form.errorId} />
            <SelectField label="What did you see?" meta={fields.competencyId}>
              <option value="">Choose a competency…</option>
              {competencies.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </SelectField>
            <fieldset
              className="rating"
              aria-invalid={ratingError ? true : undefined}
              aria-describedby={ratingError ? `${fields.rating.id}-error` : undefined}
            >
              <legend>How well did it go?</legend>
              {OBSERVATION_LABELS.map((label, i) => (
                <label key={label} className="option">
                  <input
                    type="radio"
                    name={fields.rating.name}
                    value={i}
                    required
                    defaultChecked={fields.rating.initialValue === String(i)}
                  />{' '}
                  {label}
                </label>
              ))}
              {ratingError ? (
                <p id={`${fields.rating.id}-error`} className="field-error" role="alert">
                  {ratingError}
                </p>
              ) : null}
            </fieldset>
            <TextareaField label="A short note (optional)" meta={fields.note} rows={2} />
            <Field label="When" meta={fields.observedAt} type="date" />
            <SubmitButton busy={navigation.state === 'submitting'} busyLabel="Saving…">
              Save observation
            </SubmitButton>
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
