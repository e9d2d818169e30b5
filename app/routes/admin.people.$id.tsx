import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from 'react-router'
import { data, Form, Link, redirect, useActionData, useLoaderData, useNavigation, useSearchParams } from 'react-router'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Alert, CheckboxGroup, Field, SelectField, SubmitButton } from '~/components/ui/field'
import { ROLE_LABELS, ROLES } from '~/domain/permissions/permissions'
import { NameSchema } from '~/domain/auth/schemas'
import { invitePerson } from '~/models/account.server'
import { erasePerson } from '~/models/personal-data.server'
import { deactivatePerson, getPerson, PersonError, reactivatePerson, updatePerson } from '~/models/user.server'
import { requireAdmin } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { failure, parseForm } from '~/utils/forms'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.person.name || data?.person.email || 'Person'} · People · Mission Ready` },
]

const UpdateSchema = z.object({
  intent: z.literal('update'),
  name: NameSchema,
  role: z.enum(ROLES, 'Choose a role.'),
  teamIds: z.array(z.string().max(40)).max(50),
})
const IntentSchema = z.object({ intent: z.enum(['update', 'deactivate', 'reactivate', 'resend', 'erase'], 'Unknown action.') })

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer } = await requireAdmin(request)
  const [person, teams] = await Promise.all([
    getPerson(params.id ?? ''),
    db.team.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } }),
  ])
  if (!person) throw new Response('Not found', { status: 404 })
  return { person, teams, isSelf: viewer.id === person.id }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, user } = await requireAdmin(request)
  const id = params.id ?? ''
  const formData = await request.formData()
  const intent = IntentSchema.safeParse({ intent: formData.get('intent') })
  if (!intent.success) return data(failure({ form: 'Unknown action.' }), { status: 400 })
  try {
    switch (intent.data.intent) {
      case 'update': {
        const parsed = parseForm(UpdateSchema, formData, { arrays: ['teamIds'] })
        if (!parsed.ok) return data(parsed, { status: 400 })
        await updatePerson(viewer, id, parsed.data)
        return redirect(`/admin/people/${id}?saved=1`)
      }
      case 'deactivate':
        await deactivatePerson(viewer, id)
        return redirect(`/admin/people/${id}?saved=deactivated`)
      case 'reactivate':
        await reactivatePerson(viewer, id)
        return redirect(`/admin/people/${id}?saved=reactivated`)
      case 'erase': {
        if (formData.get('confirm') !== 'ERASE')
          return data(failure({ erase: 'Type ERASE in capitals to confirm: this cannot be undone.' }), { status: 400 })
        await erasePerson(viewer.id, id)
        return redirect('/admin/people?erased=1')
      }
      case 'resend': {
        const person = await getPerson(id)
        if (!person) throw new Response('Not found', { status: 404 })
        if (person.status !== 'invited')
          return data(failure({ form: 'Only people who have not accepted their invite can get a new one.' }), { status: 400 })
        await invitePerson({
          email: person.email,
          name: person.name,
          role: person.role as (typeof ROLES)[number],
          teamIds: person.teams.map((t) => t.id),
          startDate: person.startDate ?? undefined,
          invitedById: user.id,
        })
        return redirect(`/admin/people/${id}?invited=1`)
      }
    }
  } catch (error) {
    if (error instanceof PersonError)
      return data(
        failure(
          { [error.field === 'status' ? 'form' : error.field]: error.message },
          Object.fromEntries(formData) as Record<string, string>,
        ),
        { status: 400 },
      )
    throw error
  }
}

const SAVED: Record<string, string> = {
  '1': 'Changes saved.',
  deactivated: 'Deactivated. They are signed out and cannot sign in.',
  reactivated: 'Reactivated.',
}

export default function EditPerson() {
  const { person, teams, isSelf } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [params] = useSearchParams()
  const errors = actionData && !actionData.ok ? actionData.errors : {}
  const values = (actionData && !actionData.ok ? actionData.values : {}) as Record<string, string | string[]>
  const busy = navigation.state === 'submitting'
  const saved = params.get('saved')
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
      {saved && SAVED[saved] ? <Alert tone="success">{SAVED[saved]}</Alert> : null}
      {params.get('invited') ? (
        <Alert tone="success">
          Invite sent to {person.email}. {'The link is in the outbox if no mail server is set up.'}
        </Alert>
      ) : null}
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}

      <section className="card">
        <h2>Role and teams</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="update" />
          <Field label="Name" name="name" required defaultValue={String(values.name ?? person.name)} error={errors.name} />
          <SelectField label="Role" name="role" defaultValue={String(values.role ?? person.role)} error={errors.role}>
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
            selected={Array.isArray(values.teamIds) ? values.teamIds : person.teams.map((t) => t.id)}
            error={errors.teamIds}
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
          <Form method="post" className="stack">
            <p>
              When someone leaves, erase their personal data: name, email, teams, onboarding, reflections, observations and readiness. Their
              quiz answers stay, anonymised, so item statistics keep their counts. This cannot be undone.
            </p>
            <Field label="Type ERASE to confirm" name="confirm" autoComplete="off" error={errors.erase} />
            <button type="submit" name="intent" value="erase" className="danger">
              Erase their personal data
            </button>
          </Form>
        )}
      </section>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
