import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from 'react-router'
import { getFormProps } from '@conform-to/react'
import { Form, redirect, useActionData, useLoaderData, useNavigation } from 'react-router'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, FormErrors, SubmitButton } from '~/components/ui/field'
import { PASSWORD_MIN_LENGTH } from '~/domain/auth/password-policy'
import { checkNewPassword, checkPasswordsMatch, NewPasswordFields } from '~/domain/auth/schemas'
import { ROLE_LABELS } from '~/domain/permissions/permissions'
import { changePassword, signOutEverywhere } from '~/models/account.server'
import { digestChoice, setWeeklyDigest } from '~/models/digest.server'
import { hasLinkedSso } from '~/models/sso.server'
import { ssoSettings } from '~/utils/oidc.server'
import { requireAuth } from '~/utils/auth.server'
import { intentOf, replyUnavailable } from '~/utils/form-intent'
import { parseSubmission, replyInvalid, useSchemaForm } from '~/utils/forms'
import { clientIp } from '~/utils/request-context.server'
import { clearedSessionCookieHeader, sessionCookieHeader } from '~/utils/session.server'
import { redirectWithToast } from '~/utils/toast.server'

export const meta: MetaFunction = () => [{ title: 'Account · Mission Ready' }]

const INTENTS = ['change-password', 'sign-out-everywhere', 'weekly-digest'] as const

const DigestSchema = z.object({
  intent: z.literal('weekly-digest'),
  on: z.enum(['true', 'false'], { error: 'Choose whether to get the weekly digest.' }),
})

const ChangePasswordFields = {
  intent: z.literal('change-password'),
  currentPassword: z.string({ error: 'Enter your current password.' }).max(1024, 'That password is too long.'),
  ...NewPasswordFields,
}
/** The form's schema; the server adds the password policy, which needs the account's email. */
export const ChangePasswordSchema = z.object(ChangePasswordFields).superRefine(checkPasswordsMatch)

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireAuth(request)
  const settings = ssoSettings()
  const sso = settings ? { label: settings.label, linked: await hasLinkedSso(user.id) } : null
  return { user: { ...user, roleLabel: ROLE_LABELS[user.role] }, digest: await digestChoice(user.id), sso }
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireAuth(request)
  const formData = await request.formData()
  const intent = intentOf(formData, INTENTS)
  if (!intent) return replyUnavailable(formData)
  if (intent === 'sign-out-everywhere') {
    await signOutEverywhere(user.id)
    return redirect('/login', { headers: { 'Set-Cookie': await clearedSessionCookieHeader() } })
  }
  if (intent === 'weekly-digest') {
    const submission = parseSubmission(formData, DigestSchema)
    if (submission.status !== 'success') return replyInvalid(submission)
    const on = submission.value.on === 'true'
    await setWeeklyDigest(user.id, on)
    return redirectWithToast('/account', {
      description: on
        ? 'You will get the weekly digest of your teams every Monday.'
        : 'The weekly digest is off. Turn it on here at any time.',
    })
  }
  const schema = z.object(ChangePasswordFields).superRefine((v, ctx) => checkNewPassword(v, ctx, user.email))
  const submission = parseSubmission(formData, schema)
  if (submission.status !== 'success') return replyInvalid(submission)
  const result = await changePassword(user.id, submission.value.currentPassword, submission.value.password, clientIp())
  if (!result.ok) return replyInvalid(submission, { fieldErrors: { [result.field]: [result.message] } })
  return redirectWithToast(
    '/',
    { description: 'Your password has been changed. Other devices were signed out.' },
    { headers: { 'Set-Cookie': await sessionCookieHeader(result.sessionToken) } },
  )
}

export default function Account() {
  const { user, digest, sso } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useSchemaForm(ChangePasswordSchema, { lastResult: actionData?.result })
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
      <FormErrors errors={form.errors} id={form.errorId} />
      {sso ? (
        <section className="card" style={{ maxWidth: '32rem' }} data-sso-linked={sso.linked}>
          <h2>Single sign-on</h2>
          <p>
            {sso.linked
              ? `Signed in with ${sso.label}: your account is linked, so “Sign in with ${sso.label}” on the sign-in page opens it.`
              : `Not linked yet. Use “Sign in with ${sso.label}” on the sign-in page once, and your account is linked to it.`}
          </p>
        </section>
      ) : null}
      <section className="card" style={{ maxWidth: '32rem' }}>
        <h2>Change your password</h2>
        <p className="muted">Saving signs you out everywhere else.</p>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="change-password" />
          <Field label="Current password" meta={fields.currentPassword} type="password" autoComplete="current-password" />
          <Field
            label="New password"
            meta={fields.password}
            type="password"
            autoComplete="new-password"
            hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
          />
          <Field label="Repeat the new password" meta={fields.confirmPassword} type="password" autoComplete="new-password" />
          <SubmitButton busy={navigation.state === 'submitting'} busyLabel="Saving…">
            Change password
          </SubmitButton>
        </Form>
      </section>
      {digest.leads ? (
        <section className="card" style={{ maxWidth: '32rem' }}>
          <h2>Weekly digest</h2>
          <p className="muted">
            {digest.on
              ? 'Every Monday morning you get one mail about the teams you lead: who became client-ready, who slipped, red flags and overdue onboarding.'
              : 'Off: you get no weekly mail about the teams you lead.'}
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="weekly-digest" />
            <input type="hidden" name="on" value={digest.on ? 'false' : 'true'} />
            <button type="submit" className="button secondary">
              {digest.on ? 'Turn the weekly digest off' : 'Turn the weekly digest on'}
            </button>
          </Form>
        </section>
      ) : null}
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
