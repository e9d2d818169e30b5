import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from 'react-router'
import { getFormProps } from '@conform-to/react'
import { data, Form, useActionData, useLoaderData, useNavigation } from 'react-router'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { TokenProblem } from '~/components/token-problem'
import { Field, FormErrors, SubmitButton } from '~/components/ui/field'
import { checkNewPassword, checkPasswordsMatch, NewPasswordFields } from '~/domain/auth/schemas'
import { PASSWORD_MIN_LENGTH } from '~/domain/auth/password-policy'
import { lookupToken, resetPassword } from '~/models/account.server'
import { ssoOnlyRefusal } from '~/models/sso.server'
import { ssoSettings } from '~/utils/oidc.server'
import { SsoOnly } from '~/components/sso-only'
import { parseSubmission, replyInvalid, useSchemaForm } from '~/utils/forms'
import { sessionCookieHeader } from '~/utils/session.server'
import { redirectWithToast } from '~/utils/toast.server'

export const meta: MetaFunction = () => [{ title: 'Choose a new password · Mission Ready' }, { name: 'referrer', content: 'no-referrer' }]

/** The form's schema; the server adds the password policy, which needs the account's email. */
export const ResetPasswordSchema = z.object(NewPasswordFields).superRefine(checkPasswordsMatch)

export async function loader({ params }: LoaderFunctionArgs) {
  const [found, ssoOnly] = await Promise.all([lookupToken('reset', params.token ?? ''), ssoOnlyRefusal(ssoSettings())])
  return found.state === 'valid' ? { state: 'valid' as const, email: found.user.email, ssoOnly } : { state: found.state }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const found = await lookupToken('reset', params.token ?? '')
  if (found.state !== 'valid') return data({ state: found.state }, { status: 410 })
  const schema = z.object(NewPasswordFields).superRefine((v, ctx) => checkNewPassword(v, ctx, found.user.email))
  const formData = await request.formData()
  // A link mailed before single sign-on was required must not set a password now.
  const ssoOnly = await ssoOnlyRefusal(ssoSettings())
  if (ssoOnly) return replyInvalid(parseSubmission(formData, ResetPasswordSchema), { status: 403, formErrors: [ssoOnly] })
  const submission = parseSubmission(formData, schema)
  if (submission.status !== 'success') return replyInvalid(submission)
  const result = await resetPassword(params.token ?? '', submission.value.password)
  if (!result.ok) return data({ state: result.state }, { status: 410 })
  return redirectWithToast(
    '/',
    { description: 'Your password has been changed and you are signed in.' },
    { headers: { 'Set-Cookie': await sessionCookieHeader(result.sessionToken) } },
  )
}

export default function ResetPassword() {
  const loaderData = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useSchemaForm(ResetPasswordSchema, { lastResult: actionData && 'result' in actionData ? actionData.result : null })
  const state = actionData && 'state' in actionData ? actionData.state : loaderData.state
  if ('ssoOnly' in loaderData && loaderData.ssoOnly) return <SsoOnly message={loaderData.ssoOnly} />
  if (state !== 'valid') return <TokenProblem purpose="reset" state={state} />
  return (
    <div className="card narrow">
      <h1>Choose a new password</h1>
      <p className="muted">For {'email' in loaderData ? loaderData.email : 'your account'}. Signing in elsewhere ends when you save.</p>
      <FormErrors errors={form.errors} id={form.errorId} />
      <Form method="post" {...getFormProps(form)}>
        <Field
          label="New password"
          meta={fields.password}
          type="password"
          autoComplete="new-password"
          autoFocus
          hint={`At least ${PASSWORD_MIN_LENGTH} characters; a short sentence works well.`}
        />
        <Field label="Repeat the new password" meta={fields.confirmPassword} type="password" autoComplete="new-password" />
        <SubmitButton busy={navigation.state === 'submitting'} busyLabel="Saving…">
          Save and sign in
        </SubmitButton>
      </Form>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
