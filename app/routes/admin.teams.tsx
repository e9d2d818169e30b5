import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from 'react-router'
import { getFormProps } from '@conform-to/react'
import { Form, useActionData, useLoaderData, useNavigation } from 'react-router'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { CheckboxGroup, Field, FormErrors, SelectField, SubmitButton } from '~/components/ui/field'
import { WORK_ROLE_LABELS, WORK_ROLES } from '~/domain/scenarios/scenario'
import { createTeam, listPossibleLeaders, listTeams, TeamError, updateTeam } from '~/models/team.server'
import { requireAdmin } from '~/utils/auth.server'
import { intentOf, replyUnavailable } from '~/utils/form-intent'
import { parseSubmission, replyDomainError, replyInvalid, useSchemaForm } from '~/utils/forms'
import { redirectWithToast } from '~/utils/toast.server'

export const meta: MetaFunction = () => [{ title: 'Teams · Mission Ready' }]

const INTENTS = ['create', 'update'] as const

export const TeamSchema = z.object({
  intent: z.enum(INTENTS),
  teamId: z.string().max(40).optional(),
  name: z.string({ error: 'Give the team a name.' }).trim().min(1, 'Give the team a name.').max(80, 'Use at most 80 characters.'),
  leaderIds: z.array(z.string().max(40)).max(50, 'Choose at most 50 leaders.'),
  workRole: z.enum(WORK_ROLES, { error: 'Choose the team’s work from the list.' }).optional(),
})

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request)
  const [teams, leaders] = await Promise.all([listTeams(), listPossibleLeaders()])
  return { teams, leaders }
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireAdmin(request)
  const formData = await request.formData()
  if (!intentOf(formData, INTENTS)) return replyUnavailable(formData)
  const submission = parseSubmission(formData, TeamSchema)
  if (submission.status !== 'success') return replyInvalid(submission)
  const { intent, teamId, name, leaderIds, workRole } = submission.value
  try {
    if (intent === 'create') await createTeam(name, leaderIds, user.id, workRole ?? null)
    else await updateTeam(teamId ?? '', name, leaderIds, user.id, workRole ?? null)
  } catch (error) {
    if (error instanceof TeamError) return replyDomainError(submission, error)
    throw error
  }
  return redirectWithToast('/admin/teams', { description: `Saved “${name}”.` })
}

type Leader = { id: string; name: string; email: string; role: string }
type Team = { id: string; name: string; workRole: string | null; leaders: { id: string }[] }

const asList = (value: unknown) => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [])

function TeamForm({ team, leaders, busy }: { team?: Team; leaders: Leader[]; busy: boolean }) {
  const actionData = useActionData<typeof action>()
  // The page has a form per team and one for a new team: each shows only the answer to its own.
  const result = actionData?.result
  const mine =
    result && (result.initialValue?.teamId ?? '') === (team?.id ?? '') && result.initialValue?.intent === (team ? 'update' : 'create')
  const [form, fields] = useSchemaForm(TeamSchema, {
    id: `team-${team?.id ?? 'new'}`,
    lastResult: mine ? result : null,
    defaultValue: {
      intent: team ? 'update' : 'create',
      teamId: team?.id,
      name: team?.name ?? '',
      workRole: (team?.workRole ?? undefined) as (typeof WORK_ROLES)[number] | undefined,
      leaderIds: team?.leaders.map((l) => l.id) ?? [],
    },
  })
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors errors={form.errors} id={form.errorId} />
      <input type="hidden" name="intent" value={team ? 'update' : 'create'} />
      <input type="hidden" name="teamId" value={team?.id ?? ''} />
      <Field label="Team name" meta={fields.name} />
      <SelectField
        label="Their work"
        meta={fields.workRole}
        hint="Quizzes prefer scenarios written for this work when they draw a few of many."
      >
        <option value="">Not set: every scenario alike</option>
        {WORK_ROLES.map((r) => (
          <option key={r} value={r}>
            {WORK_ROLE_LABELS[r]}
          </option>
        ))}
      </SelectField>
      <CheckboxGroup
        legend="Leaders"
        name={fields.leaderIds.name}
        hint="Leaders see the people of this team and their readiness."
        options={leaders.map((l) => ({ value: l.id, label: `${l.name} (${l.role})` }))}
        selected={asList(fields.leaderIds.initialValue)}
        error={fields.leaderIds.errors?.join(' ')}
      />
      <SubmitButton busy={busy} busyLabel="Saving…">
        {team ? 'Save team' : 'Create team'}
      </SubmitButton>
    </Form>
  )
}

export default function Teams() {
  const { teams, leaders } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  const answered = actionData?.result.initialValue?.intent
  const unknownIntent = answered !== 'create' && answered !== 'update' ? actionData?.result.error?.[''] : undefined
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>Teams</h1>
          <p>Create teams, rename them and choose who leads them. A leader may lead several teams.</p>
        </div>
      </div>
      <FormErrors errors={unknownIntent ?? undefined} />
      <div className="grid">
        {teams.length === 0 ? <div className="card empty">No teams yet. Create the first one below.</div> : null}
        {teams.map((team) => (
          <section key={team.id} className="card" aria-label={team.name}>
            <h2>{team.name}</h2>
            <p className="muted">
              {team.memberCount} {team.memberCount === 1 ? 'person' : 'people'}
              {team.workRole ? ` · ${WORK_ROLE_LABELS[team.workRole as keyof typeof WORK_ROLE_LABELS] ?? team.workRole}` : ''} · led by{' '}
              {team.leaders.map((l) => l.name).join(', ') || 'no one yet'}
            </p>
            <details open={(answered === 'update' && actionData?.result.initialValue?.teamId === team.id) || undefined}>
              <summary>Rename or change leaders</summary>
              <TeamForm team={team} leaders={leaders} busy={busy} />
            </details>
          </section>
        ))}
      </div>
      <section className="card" style={{ maxWidth: '36rem' }}>
        <h2>New team</h2>
        {/* A new form once a team is created: what was typed for the last one is not left in it. */}
        <TeamForm key={teams.length} leaders={leaders} busy={busy} />
      </section>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
