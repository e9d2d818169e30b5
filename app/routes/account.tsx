import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from 'react-router'
import { data, Form, redirect, useActionData, useLoaderData, useNavigation } from 'react-router'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, SubmitButton } from '~/components/ui/field'
import { PASSWORD_MIN_LENGTH } from '~/domain/auth/password-policy'
import { checkNewPassword, NewPasswordFields } from '~/domain/auth/schemas'
import { ROLE_LABELS } from '~/domain/permissions/permissions'
import { changePassword, signOutEverywhere } from '~/models/account.server'
import { requireAuth } from '~/utils/auth.server'
import { failure, parseForm } from '~/utils/forms'
import { clientIp } from '~/utils/request-context.server'
import { clearedSessionCookieHeader, sessionCookieHeader } from '~/utils/session.server'

export const meta: MetaFunction = () => [{ title: 'Account · Mission Ready' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireAuth(request)
  return { user: { ...user, roleLabel: ROLE_LABELS[user.role] } }
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireAuth(request)
  const schema = z
    .object({ currentPassword: z.string().min(1, 'Enter your current password.').max(1024), ...NewPasswordFields })
    .superRefine((v, ctx) => checkNewPassword(v, ctx, user.email))
  const form = await request.formData()
  if (form.get('intent') === 'sign-out-everywhere') {
    await signOutEverywhere(user.id)
    return redirect('/login', { headers: { 'Set-Cookie': await clearedSessionCookieHeader() } })
  }
  const parsed = parseForm(schema, form)
  if (!parsed.ok) return data(parsed, { status: 400 })
  const result = await changePassword(user.id, parsed.data.currentPassword, parsed.data.password, clientIp())
  if (!result.ok) return data(failure({ [result.field]: result.message }), { status: 400 })
  return redirect('/?welcome=password', { headers: { 'Set-Cookie': await sessionCookieHeader(result.sessionToken) } })
}

export default function Account() {
  const { user } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const errors = actionData && !actionData.ok ? actionData.errors : {}
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>Your account</h1>
          <p>
            {user.name} · {user.email} · {user.roleLabel}
          </p>
        </div>
        <a className="button secondary" href="/account/export" download>
          Download my data
        </a>
      </div>
      <section className="card" style={{ maxWidth: '32rem' }}>
        <h2>Change your password</h2>
        <p className="muted">Saving signs you out everywhere else.</p>
        <Form method="post" noValidate>
          <Field
            label="Current password"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
            error={errors.currentPassword}
          />
          <Field
            label="New password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
            error={errors.password}
          />
          <Field
            label="Repeat the new password"
            name="confirmPassword"
            type="password"
            autoComplete="new-password"
            required
            error={errors.confirmPassword}
          />
          <SubmitButton busy={navigation.state === 'submitting'} busyLabel="Saving…">
            Change password
          </SubmitButton>
        </Form>
      </section>
      <section className="card" style={{ maxWidth: '32rem' }}>
        <h2>Sign out everywhere</h2>
        <p className="muted">Ends every session of yours, on every browser and device, this one included.</p>
        <Form method="post">
          <input type="hidden" name="intent" value="sign-out-everywhere" />
          <button type="submit" className="button secondary">
            Sign out everywhere
          </button>
        </Form>
      </section>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
