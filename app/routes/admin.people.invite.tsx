import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from 'react-router'
import { data, Form, Link, redirect, useActionData, useLoaderData, useNavigation } from 'react-router'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { CheckboxGroup, Field, SelectField, SubmitButton } from '~/components/ui/field'
import { EmailSchema } from '~/domain/auth/schemas'
import { ROLE_LABELS, ROLES } from '~/domain/permissions/permissions'
import { InviteError, invitePerson } from '~/models/account.server'
import { requireAdmin } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { failure, parseForm } from '~/utils/forms'
import { getTimeZone } from '~/models/organisation.server'
import { startOfDay, today } from '~/domain/calendar/dates'

export const meta: MetaFunction = () => [{ title: 'Invite someone · Mission Ready' }]

const InviteSchema = z.object({
  email: EmailSchema,
  name: z.string().trim().max(100, 'Use at most 100 characters.'),
  role: z.enum(ROLES, 'Choose a role.'),
  teamIds: z.array(z.string().max(40)).max(50),
  startDate: z.preprocess(
    (v) => (v === '' ? undefined : v),
    // A day in the organisation's time zone: the action makes it the start of that day there.
    z.iso.date('Enter a date like 2026-12-01.').optional(),
  ),
})

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request)
  const teams = await db.team.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } })
  return { teams, today: today(await getTimeZone()) }
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireAdmin(request)
  const formData = await request.formData()
  const parsed = parseForm(InviteSchema, formData, { arrays: ['teamIds'] })
  if (!parsed.ok) return data(parsed, { status: 400 })
  try {
    const { startDate } = parsed.data
    const zone = await getTimeZone()
    const { user: invited } = await invitePerson({
      ...parsed.data,
      startDate: startDate ? startOfDay(startDate, zone) : undefined,
      invitedById: user.id,
    })
    return redirect(`/admin/people/${invited.id}?invited=1`)
  } catch (error) {
    if (error instanceof InviteError) {
      return data(failure({ [error.field]: error.message }, Object.fromEntries(formData) as Record<string, string>), { status: 400 })
    }
    throw error
  }
}

export default function Invite() {
  const { teams, today } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const errors = actionData && !actionData.ok ? actionData.errors : {}
  const values = (actionData && !actionData.ok ? actionData.values : {}) as Record<string, string | string[]>
  const selectedTeams = Array.isArray(values.teamIds) ? values.teamIds : values.teamIds ? [values.teamIds] : []
  return (
    <div className="card" style={{ maxWidth: '36rem' }}>
      <h1>Invite someone</h1>
      <p className="muted">They get a link by mail, valid for 7 days, to set their name and password.</p>
      <Form method="post" noValidate>
        <Field label="Email" name="email" type="email" required autoFocus defaultValue={String(values.email ?? '')} error={errors.email} />
        <Field
          label="Name (optional)"
          name="name"
          defaultValue={String(values.name ?? '')}
          error={errors.name}
          hint="They can correct it when they accept."
        />
        <SelectField label="Role" name="role" defaultValue={String(values.role ?? 'learner')} error={errors.role}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </SelectField>
        <CheckboxGroup
          legend="Teams"
          name="teamIds"
          options={teams.map((t) => ({ value: t.id, label: t.name }))}
          selected={selectedTeams}
          error={errors.teamIds}
        />
        <Field
          label="Start date"
          name="startDate"
          type="date"
          defaultValue={String(values.startDate ?? today)}
          error={errors.startDate}
          hint="Onboarding due dates count from this day."
        />
        <div className="row">
          <SubmitButton busy={navigation.state === 'submitting'} busyLabel="Sending invite…">
            Send invite
          </SubmitButton>
          <Link to="/admin/people">Cancel</Link>
        </div>
      </Form>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
