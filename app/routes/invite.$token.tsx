import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from 'react-router'
import { data, Form, redirect, useActionData, useLoaderData, useNavigation } from 'react-router'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { TokenProblem } from '~/components/token-problem'
import { Field, SubmitButton } from '~/components/ui/field'
import { PASSWORD_MIN_LENGTH } from '~/domain/auth/password-policy'
import { checkNewPassword, NameSchema, NewPasswordFields } from '~/domain/auth/schemas'
import { acceptInvite, lookupToken } from '~/models/account.server'
import { getOrganisation } from '~/models/organisation.server'
import { parseForm, type FieldErrors } from '~/utils/forms'
import { sessionCookieHeader } from '~/utils/session.server'

export const meta: MetaFunction = () => [{ title: 'Accept your invite · Mission Ready' }, { name: 'referrer', content: 'no-referrer' }]

export async function loader({ params }: LoaderFunctionArgs) {
  const [found, org] = await Promise.all([lookupToken('invite', params.token ?? ''), getOrganisation()])
  if (found.state !== 'valid') return { state: found.state }
  return { state: 'valid' as const, email: found.user.email, name: found.user.name, orgName: org.name }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? ''
  const found = await lookupToken('invite', token)
  if (found.state !== 'valid') return data({ ok: false as const, state: found.state, errors: {}, values: {} }, { status: 410 })
  const schema = z.object({ name: NameSchema, ...NewPasswordFields }).superRefine((v, ctx) => checkNewPassword(v, ctx, found.user.email))
  const parsed = parseForm(schema, await request.formData())
  if (!parsed.ok) return data({ ...parsed, state: 'valid' as const }, { status: 400 })
  const result = await acceptInvite(token, { name: parsed.data.name, password: parsed.data.password })
  if (!result.ok) return data({ ok: false as const, state: result.state, errors: {}, values: {} }, { status: 410 })
  return redirect('/?welcome=1', { headers: { 'Set-Cookie': await sessionCookieHeader(result.sessionToken) } })
}

export default function AcceptInvite() {
  const loaderData = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const state = actionData?.state ?? loaderData.state
  if (state !== 'valid' || loaderData.state !== 'valid')
    return <TokenProblem purpose="invite" state={state === 'valid' ? 'unknown' : state} />
  const errors: FieldErrors = actionData?.errors ?? {}
  const values = (actionData?.values ?? {}) as Record<string, string>
  return (
    <div className="card narrow">
      <h1>Welcome to {loaderData.orgName}</h1>
      <p className="muted">
        Set up your account for <strong>{loaderData.email}</strong>. You will go straight to your home page.
      </p>
      <Form method="post" noValidate>
        <Field
          label="Your name"
          name="name"
          autoComplete="name"
          required
          autoFocus
          defaultValue={values.name ?? loaderData.name}
          error={errors.name}
          hint="As your colleagues know you."
        />
        <Field
          label="Choose a password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint={`At least ${PASSWORD_MIN_LENGTH} characters; a short sentence works well.`}
          error={errors.password}
        />
        <Field
          label="Repeat the password"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          error={errors.confirmPassword}
        />
        <SubmitButton busy={navigation.state === 'submitting'} busyLabel="Setting up…">
          Create my account
        </SubmitButton>
      </Form>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
