import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from 'react-router'
import { getFormProps } from '@conform-to/react'
import { Form, Link, useActionData, useLoaderData, useNavigation } from 'react-router'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { CheckboxGroup, Field, FormErrors, SelectField, SubmitButton } from '~/components/ui/field'
import { ROLE_LABELS, ROLES } from '~/domain/permissions/permissions'
import { NameSchema } from '~/domain/auth/schemas'
import { invitePerson } from '~/models/account.server'
import { ssoLinkOf, ssoRequired, unlinkSso } from '~/models/sso.server'
import { DEFAULT_SSO_LABEL } from '~/domain/auth/sso'
import { ssoSettings } from '~/utils/oidc.server'
import { useDateFormat } from '~/components/use-dates'
import { erasePerson } from '~/models/personal-data.server'
import { deactivatePerson, getPerson, PersonError, reactivatePerson, updatePerson } from '~/models/user.server'
import { requireAdmin } from '~/utils/auth.server'
import { listTeamNames } from '~/models/team.server'
import { intentOf, replyUnavailable } from '~/utils/form-intent'
import { parseSubmission, replyDomainError, replyInvalid, useSchemaForm } from '~/utils/forms'
import { redirectWithToast } from '~/utils/toast.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.person.name || data?.person.email || 'Person'} · People · Mission Ready` },
]

const INTENTS = ['update', 'deactivate', 'reactivate', 'resend', 'erase', 'unlinkSso'] as const

export const UpdatePersonSchema = z.object({
  intent: z.literal('update'),
  name: NameSchema,
  role: z.enum(ROLES, 'Choose a role.'),
  teamIds: z.array(z.string().max(40)).max(50, 'Choose at most 50 teams.'),
})
export const ErasePersonSchema = z.object({
  intent: z.literal('erase'),
  confirm: z.literal('ERASE', { error: 'Type ERASE in capitals to confirm: this cannot be undone.' }),
})
export const UnlinkSsoSchema = z.object({
  intent: z.literal('unlinkSso'),
  // The link the page showed (a fingerprint of the subject), so a stale page unlinks nothing newer.
  linked: z.string({ error: 'Reload the page and try again.' }).regex(/^[0-9a-f]{16}$/, 'Reload the page and try again.'),
})
// The page's six forms, told apart by their intent (checked first: an unknown one gets a plain 400).
const PersonActionSchema = z.discriminatedUnion('intent', [
  UpdatePersonSchema,
  z.object({ intent: z.literal('deactivate') }),
  z.object({ intent: z.literal('reactivate') }),
  z.object({ intent: z.literal('resend') }),
  ErasePersonSchema,
  UnlinkSsoSchema,
])

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer } = await requireAdmin(request)
  const id = params.id ?? ''
  const settings = ssoSettings()
  const [person, teams, link, required] = await Promise.all([getPerson(id), listTeamNames(), ssoLinkOf(id), ssoRequired(settings)])
  if (!person || !link) throw new Response('Not found', { status: 404 })
  // Shown while single sign-on is configured, or while the person is still linked from when it was.
  const sso =
    settings || link.linked
      ? {
          label: settings?.label ?? DEFAULT_SSO_LABEL,
          required,
          linked: link.linked,
          since: link.since?.toISOString() ?? null,
          fingerprint: link.fingerprint,
        }
      : null
  return { person, teams, isSelf: viewer.id === person.id, sso }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, user } = await requireAdmin(request)
  const id = params.id ?? ''
  const formData = await request.formData()
  if (!intentOf(formData, INTENTS)) return replyUnavailable(formData)
  const submission = parseSubmission(formData, PersonActionSchema)
  if (submission.status !== 'success') return replyInvalid(submission)
  const here = `/admin/people/${id}`
  try {
    const value = submission.value
    switch (value.intent) {
      case 'update':
        await updatePerson(viewer, id, value)
        return redirectWithToast(here, { description: 'Changes saved.' })
      case 'deactivate':
        await deactivatePerson(viewer, id)
        return redirectWithToast(here, { description: 'Deactivated. They are signed out and cannot sign in.' })
      case 'reactivate':
        await reactivatePerson(viewer, id)
        return redirectWithToast(here, { description: 'Reactivated.' })
      case 'erase':
        await erasePerson(viewer.id, id)
        return redirectWithToast('/admin/people', {
          description: 'Their personal data was erased; their answers stay, anonymised, for item statistics.',
        })
      case 'unlinkSso': {
        const label = ssoSettings()?.label ?? DEFAULT_SSO_LABEL
        const outcome = await unlinkSso(viewer.id, id, value.linked)
        if (!outcome) throw new Response('Not found', { status: 404 })
        if (outcome === 'not_linked')
          return redirectWithToast(here, { type: 'message', description: `Their account was not linked to ${label}: nothing changed.` })
        if (outcome === 'changed')
          return redirectWithToast(here, {
            type: 'message',
            description: `They have linked another ${label} account since this page was loaded: nothing changed. Check it and unlink again if needed.`,
          })
        return redirectWithToast(here, {
          description: `Unlinked from ${label}. Their next sign-in with ${label} links the account they use then.`,
        })
      }
      case 'resend': {
        const person = await getPerson(id)
        if (!person) throw new Response('Not found', { status: 404 })
        if (person.status !== 'invited')
          return replyInvalid(submission, { formErrors: ['Only people who have not accepted their invite can get a new one.'] })
        await invitePerson({
          email: person.email,
          name: person.name,
          role: person.role as (typeof ROLES)[number],
          teamIds: person.teams.map((t) => t.id),
          startDate: person.startDate ?? undefined,
          invitedById: user.id,
        })
        return redirectWithToast(here, {
          description: `Invite sent to ${person.email}. The link is in the outbox if no mail server is set up.`,
        })
      }
    }
  } catch (error) {
    if (error instanceof PersonError) return replyDomainError(submission, error)
    throw error
  }
}

const asList = (value: unknown) => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [])

export default function EditPerson() {
  const { person, teams, isSelf, sso } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  // Each form shows the answer to its own intent; the others' (and an unknown one's) show at the top.
  const result = actionData?.result
  const answered = result?.initialValue?.intent
  const [updateForm, updateFields] = useSchemaForm(UpdatePersonSchema, {
    id: 'person-update',
    lastResult: answered === 'update' ? result : null,
    defaultValue: {
      intent: 'update',
      name: person.name,
      role: person.role as (typeof ROLES)[number],
      teamIds: person.teams.map((t) => t.id),
    },
  })
  const [eraseForm, eraseFields] = useSchemaForm(ErasePersonSchema, {
    id: 'person-erase',
    lastResult: answered === 'erase' ? result : null,
  })
  const pageErrors = answered === 'update' || answered === 'erase' ? undefined : (result?.error?.[''] ?? undefined)
  return (
    <div className="stack" style={{ maxWidth: '40rem' }}>
      <p>
        <Link to="/admin/people">← People</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>{person.name || person.email}</h1>
          <p>
            {person.email} · <span className={`badge ${person.status}`}>{person.status}</span>
          </p>
        </div>
        <Link to={`/people/${person.id}`}>Profile</Link>
      </div>
      <FormErrors errors={pageErrors} />

      <section className="card">
        <h2>Role and teams</h2>
        <FormErrors errors={updateForm.errors} id={updateForm.errorId} />
        <Form method="post" {...getFormProps(updateForm)}>
          <input type="hidden" name="intent" value="update" />
          <Field label="Name" meta={updateFields.name} />
          <SelectField label="Role" meta={updateFields.role}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </SelectField>
          <CheckboxGroup
            legend="Teams"
            name={updateFields.teamIds.name}
            options={teams.map((t) => ({ value: t.id, label: t.name }))}
            selected={asList(updateFields.teamIds.initialValue)}
            error={updateFields.teamIds.errors?.join(' ')}
          />
          <SubmitButton busy={busy} busyLabel="Saving…">
            Save changes
          </SubmitButton>
        </Form>
      </section>

      <section className="card">
        <h2>Access</h2>
        {person.status === 'invited' ? (
          <Form method="post">
            <p>They have not accepted their invite yet.</p>
            <button type="submit" name="intent" value="resend" className="secondary">
              Send a new invite link
            </button>
          </Form>
        ) : null}
        {person.status === 'deactivated' ? (
          <Form method="post">
            <p>Deactivated: they cannot sign in.</p>
            <button type="submit" name="intent" value="reactivate" className="secondary">
              Reactivate
            </button>
          </Form>
        ) : isSelf ? (
          <p className="muted">You cannot deactivate your own account.</p>
        ) : (
          <Form
            method="post"
            onSubmit={(e) => {
              if (!confirm(`Deactivate ${person.name || person.email}? They will be signed out at once.`)) e.preventDefault()
            }}
          >
            <p>Deactivating signs them out at once and stops them signing in. Their records stay.</p>
            <button type="submit" name="intent" value="deactivate" className="danger">
              Deactivate
            </button>
          </Form>
        )}
      </section>

      {sso ? <SingleSignOn sso={sso} name={person.name || person.email} isSelf={isSelf} /> : null}

      <section className="card" aria-labelledby="personal-data">
        <h2 id="personal-data">Personal data</h2>
        <p>
          <a href={`/admin/people/${person.id}/export`} download>
            Download everything stored about them (JSON)
          </a>
        </p>
        {isSelf || person.role === 'admin' ? (
          <p className="muted">An admin’s data cannot be erased; change their role first.</p>
        ) : (
          <Form method="post" className="stack" {...getFormProps(eraseForm)}>
            <p>
              When someone leaves, erase their personal data: name, email, teams, onboarding, reflections, observations and readiness. Their
              quiz answers stay, anonymised, so item statistics keep their counts. This cannot be undone.
            </p>
            <FormErrors errors={eraseForm.errors} id={eraseForm.errorId} />
            <input type="hidden" name="intent" value="erase" />
            <Field label="Type ERASE to confirm" meta={eraseFields.confirm} autoComplete="off" />
            <button type="submit" className="danger">
              Erase their personal data
            </button>
          </Form>
        )}
      </section>
    </div>
  )
}

type SsoSection = { label: string; required: boolean; linked: boolean; since: string | null; fingerprint: string | null }

function SingleSignOn({ sso, name, isSelf }: { sso: SsoSection; name: string; isSelf: boolean }) {
  const dateFormat = useDateFormat('date')
  const whose = isSelf ? 'Your' : 'Their'
  const after = isSelf
    ? `you stay signed in, and your next sign-in with ${sso.label} links the ${sso.label} account you use then`
    : `their next sign-in with ${sso.label} links the ${sso.label} account they use then, whichever it is`
  return (
    <section className="card" aria-labelledby="sso-heading">
      <h2 id="sso-heading">Single sign-on</h2>
      {sso.linked && sso.fingerprint ? (
        <Form
          method="post"
          className="stack"
          onSubmit={(e) => {
            if (!confirm(`Unlink ${isSelf ? 'your' : `${name}’s`} ${sso.label} account? Then ${after}.`)) e.preventDefault()
          }}
        >
          <p>
            {whose} account is linked to {sso.label}
            {sso.since ? (
              <>
                {' '}
                since <time dateTime={sso.since}>{dateFormat.format(new Date(sso.since))}</time>
              </>
            ) : null}
            : only that {sso.label} account can sign in to it.
          </p>
          <p>
            If {isSelf ? 'your' : 'their'} work account was recreated, Mission Ready refuses the new one as a possible account takeover.
            Unlink it, and {after}.
            {sso.required && isSelf ? ` Single sign-on stays required; you can still sign in with ${sso.label}.` : ''}
          </p>
          <input type="hidden" name="intent" value="unlinkSso" />
          <input type="hidden" name="linked" value={sso.fingerprint} />
          <button type="submit" className="secondary">
            Unlink {sso.label} account
          </button>
        </Form>
      ) : (
        <p>
          {whose} account is not linked to {sso.label}. {isSelf ? 'Your' : 'Their'} next sign-in with {sso.label} links the account{' '}
          {isSelf ? 'you' : 'they'} use then.
        </p>
      )}
    </section>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
