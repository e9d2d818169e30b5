import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from 'react-router'
import { data, Form, redirect, useActionData, useLoaderData, useNavigation } from 'react-router'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { TokenProblem } from '~/components/token-problem'
import { Field, SubmitButton } from '~/components/ui/field'
import { checkNewPassword, NewPasswordFields } from '~/domain/auth/schemas'
import { PASSWORD_MIN_LENGTH } from '~/domain/auth/password-policy'
import { lookupToken, resetPassword } from '~/models/account.server'
import { parseForm, type FieldErrors } from '~/utils/forms'
import { sessionCookieHeader } from '~/utils/session.server'

export const meta: MetaFunction = () => [{ title: 'Choose a new password · Mission Ready' }, { name: 'referrer', content: 'no-referrer' }]

export async function loader({ params }: LoaderFunctionArgs) {
  const found = await lookupToken('reset', params.token ?? '')
  return found.state === 'valid' ? { state: 'valid' as const, email: found.user.email } : { state: found.state }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const found = await lookupToken('reset', params.token ?? '')
  if (found.state !== 'valid') return data({ ok: false as const, state: found.state, errors: {}, values: {} }, { status: 410 })
  const schema = z.object(NewPasswordFields).superRefine((v, ctx) => checkNewPassword(v, ctx, found.user.email))
  const parsed = parseForm(schema, await request.formData())
  if (!parsed.ok) return data({ ...parsed, state: 'valid' as const }, { status: 400 })
  const result = await resetPassword(params.token ?? '', parsed.data.password)
  if (!result.ok) return data({ ok: false as const, state: result.state, errors: {}, values: {} }, { status: 410 })
  return redirect('/?welcome=reset', { headers: { 'Set-Cookie': await sessionCookieHeader(result.sessionToken) } })
}

export default function ResetPassword() {
  const loaderData = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const state = actionData?.state ?? loaderData.state
  if (state !== 'valid') return <TokenProblem purpose="reset" state={state} />
  const errors: FieldErrors = actionData?.errors ?? {}
  return (
    <div className="card narrow">
      <h1>Choose a new password</h1>
      <p className="muted">For {'email' in loaderData ? loaderData.email : 'your account'}. Signing in elsewhere ends when you save.</p>
      <Form method="post" noValidate>
        <Field
          label="New password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          autoFocus
          hint={`At least ${PASSWORD_MIN_LENGTH} characters; a short sentence works well.`}
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
          Save and sign in
        </SubmitButton>
      </Form>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
