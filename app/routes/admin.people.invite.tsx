import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from 'react-router'
import { getFormProps } from '@conform-to/react'
import { Form, Link, useActionData, useLoaderData, useNavigation } from 'react-router'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { CheckboxGroup, Field, FormErrors, SelectField, SubmitButton } from '~/components/ui/field'
import { EmailSchema } from '~/domain/auth/schemas'
import { ROLE_LABELS, ROLES } from '~/domain/permissions/permissions'
import { InviteError, invitePerson } from '~/models/account.server'
import { requireAdmin } from '~/utils/auth.server'
import { listTeamNames } from '~/models/team.server'
import { getTimeZone } from '~/models/organisation.server'
import { startOfDay, today } from '~/domain/calendar/dates'
import { parseSubmission, replyDomainError, replyInvalid, useSchemaForm } from '~/utils/forms'
import { redirectWithToast } from '~/utils/toast.server'

export const meta: MetaFunction = () => [{ title: 'Invite someone · Mission Ready' }]

export const InviteSchema = z.object({
  email: EmailSchema,
  name: z.string().trim().max(100, 'Use at most 100 characters.').optional(),
  role: z.enum(ROLES, 'Choose a role.'),
  teamIds: z.array(z.string().max(40)).max(50, 'Choose at most 50 teams.'),
  // A day in the organisation's time zone: the action makes it the start of that day there.
  startDate: z.iso.date('Enter a date like 2026-12-01.').optional(),
})

/** What the admin reads after sending an invite (here and when sending a new link). */
function inviteSentMessage(email: string) {
  return `Invite sent to ${email}. The link is in the outbox if no mail server is set up.`
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request)
  const teams = await listTeamNames()
  return { teams, today: today(await getTimeZone()) }
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireAdmin(request)
  const submission = parseSubmission(await request.formData(), InviteSchema)
  if (submission.status !== 'success') return replyInvalid(submission)
  try {
    const { name, startDate, ...rest } = submission.value
    const zone = await getTimeZone()
    const { user: invited } = await invitePerson({
      ...rest,
      name: name ?? '',
      startDate: startDate ? startOfDay(startDate, zone) : undefined,
      invitedById: user.id,
    })
    return redirectWithToast(`/admin/people/${invited.id}`, { description: inviteSentMessage(invited.email) })
  } catch (error) {
    if (error instanceof InviteError) return replyDomainError(submission, error)
    throw error
  }
}

const asList = (value: unknown) => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [])

export default function Invite() {
  const { teams, today } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useSchemaForm(InviteSchema, {
    lastResult: actionData?.result,
    defaultValue: { role: 'learner', startDate: today, teamIds: [] },
  })
  return (
    <div className="card" style={{ maxWidth: '36rem' }}>
      <h1>Invite someone</h1>
      <p className="muted">They get a link by mail, valid for 7 days, to set their name and password.</p>
      <FormErrors errors={form.errors} id={form.errorId} />
      <Form method="post" {...getFormProps(form)}>
        <Field label="Email" meta={fields.email} type="email" autoFocus />
        <Field label="Name (optional)" meta={fields.name} hint="They can correct it when they accept." />
        <SelectField label="Role" meta={fields.role}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </SelectField>
        <CheckboxGroup
          legend="Teams"
          name={fields.teamIds.name}
          options={teams.map((t) => ({ value: t.id, label: t.name }))}
          selected={asList(fields.teamIds.initialValue)}
          error={fields.teamIds.errors?.join(' ')}
        />
        <Field label="Start date" meta={fields.startDate} type="date" hint="Onboarding due dates count from this day." />
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
