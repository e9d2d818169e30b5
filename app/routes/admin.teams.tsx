import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from 'react-router'
import { data, Form, redirect, useActionData, useLoaderData, useNavigation, useSearchParams } from 'react-router'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Alert, CheckboxGroup, Field, SelectField, SubmitButton } from '~/components/ui/field'
import { WORK_ROLE_LABELS, WORK_ROLES } from '~/domain/scenarios/scenario'
import { createTeam, listPossibleLeaders, listTeams, TeamError, updateTeam } from '~/models/team.server'
import { requireAdmin } from '~/utils/auth.server'
import { failure, parseForm } from '~/utils/forms'

export const meta: MetaFunction = () => [{ title: 'Teams · Mission Ready' }]

const TeamSchema = z.object({
  intent: z.enum(['create', 'update']),
  teamId: z.string().max(40).optional(),
  name: z.string().trim().min(1, 'Give the team a name.').max(80, 'Use at most 80 characters.'),
  leaderIds: z.array(z.string().max(40)).max(50),
  workRole: z.enum(['', ...WORK_ROLES], { message: 'Choose the team’s work from the list.' }).default(''),
})

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request)
  const [teams, leaders] = await Promise.all([listTeams(), listPossibleLeaders()])
  return { teams, leaders }
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireAdmin(request)
  const formData = await request.formData()
  const parsed = parseForm(TeamSchema, formData, { arrays: ['leaderIds'] })
  if (!parsed.ok) return data({ ...parsed, teamId: String(formData.get('teamId') ?? '') }, { status: 400 })
  const { intent, teamId, name, leaderIds, workRole } = parsed.data
  try {
    if (intent === 'create') await createTeam(name, leaderIds, user.id, workRole || null)
    else await updateTeam(teamId ?? '', name, leaderIds, user.id, workRole || null)
  } catch (error) {
    if (error instanceof TeamError)
      return data({ ...failure({ [error.field]: error.message }, { name, leaderIds }), teamId: teamId ?? '' }, { status: 400 })
    throw error
  }
  return redirect(`/admin/teams?saved=${encodeURIComponent(name)}`)
}

type Leader = { id: string; name: string; email: string; role: string }

function TeamForm({
  team,
  leaders,
  busy,
}: {
  team?: { id: string; name: string; workRole: string | null; leaders: { id: string }[] }
  leaders: Leader[]
  busy: boolean
}) {
  const actionData = useActionData<typeof action>()
  const mine = actionData && !actionData.ok && actionData.teamId === (team?.id ?? '')
  const errors = mine ? actionData.errors : {}
  const values = (mine ? actionData.values : {}) as Record<string, string | string[]>
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value={team ? 'update' : 'create'} />
      {team ? <input type="hidden" name="teamId" value={team.id} /> : <input type="hidden" name="teamId" value="" />}
      <Field label="Team name" name="name" required defaultValue={String(values.name ?? team?.name ?? '')} error={errors.name} />
      <SelectField
        label="Their work"
        name="workRole"
        defaultValue={String(values.workRole ?? team?.workRole ?? '')}
        error={errors.workRole}
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
        name="leaderIds"
        hint="Leaders see the people of this team and their readiness."
        options={leaders.map((l) => ({ value: l.id, label: `${l.name} (${l.role})` }))}
        selected={Array.isArray(values.leaderIds) ? values.leaderIds : (team?.leaders.map((l) => l.id) ?? [])}
        error={errors.leaderIds}
      />
      <SubmitButton busy={busy} busyLabel="Saving…">
        {team ? 'Save team' : 'Create team'}
      </SubmitButton>
    </Form>
  )
}

export default function Teams() {
  const { teams, leaders } = useLoaderData<typeof loader>()
  const navigation = useNavigation()
  const [params] = useSearchParams()
  const busy = navigation.state === 'submitting'
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>Teams</h1>
          <p>Create teams, rename them and choose who leads them. A leader may lead several teams.</p>
        </div>
      </div>
      {params.get('saved') ? <Alert tone="success">Saved “{params.get('saved')}”.</Alert> : null}
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
            <details>
              <summary>Rename or change leaders</summary>
              <TeamForm team={team} leaders={leaders} busy={busy} />
            </details>
          </section>
        ))}
      </div>
      <section className="card" style={{ maxWidth: '36rem' }}>
        <h2>New team</h2>
        <TeamForm leaders={leaders} busy={busy} />
      </section>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
