import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from 'react-router'
import { getFormProps } from '@conform-to/react'
import { data, Form, useActionData, useLoaderData, useNavigation } from 'react-router'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { TokenProblem } from '~/components/token-problem'
import { Field, FormErrors, SubmitButton } from '~/components/ui/field'
import { PASSWORD_MIN_LENGTH } from '~/domain/auth/password-policy'
import { checkNewPassword, checkPasswordsMatch, NameSchema, NewPasswordFields } from '~/domain/auth/schemas'
import { acceptInvite, lookupToken } from '~/models/account.server'
import { ssoOnlyRefusal } from '~/models/sso.server'
import { ssoSettings } from '~/utils/oidc.server'
import { SsoOnly } from '~/components/sso-only'
import { getOrganisation } from '~/models/organisation.server'
import { parseSubmission, replyInvalid, useSchemaForm } from '~/utils/forms'
import { sessionCookieHeader } from '~/utils/session.server'
import { redirectWithToast } from '~/utils/toast.server'

export const meta: MetaFunction = () => [{ title: 'Accept your invite · Mission Ready' }, { name: 'referrer', content: 'no-referrer' }]

const AcceptFields = { name: NameSchema, ...NewPasswordFields }
/** The form's schema; the server adds the password policy, which needs the invited email. */
export const AcceptInviteSchema = z.object(AcceptFields).superRefine(checkPasswordsMatch)

export async function loader({ params }: LoaderFunctionArgs) {
  const [found, org, ssoOnly] = await Promise.all([
    lookupToken('invite', params.token ?? ''),
    getOrganisation(),
    ssoOnlyRefusal(ssoSettings()),
  ])
  if (found.state !== 'valid') return { state: found.state }
  return { state: 'valid' as const, email: found.user.email, name: found.user.name, orgName: org.name, ssoOnly }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? ''
  const found = await lookupToken('invite', token)
  if (found.state !== 'valid') return data({ state: found.state }, { status: 410 })
  const schema = z.object(AcceptFields).superRefine((v, ctx) => checkNewPassword(v, ctx, found.user.email))
  const formData = await request.formData()
  // The invited person signs in with single sign-on instead, which activates them.
  const ssoOnly = await ssoOnlyRefusal(ssoSettings())
  if (ssoOnly) return replyInvalid(parseSubmission(formData, AcceptInviteSchema), { status: 403, formErrors: [ssoOnly] })
  const submission = parseSubmission(formData, schema)
  if (submission.status !== 'success') return replyInvalid(submission)
  const { name, password } = submission.value
  const result = await acceptInvite(token, { name, password })
  if (!result.ok) return data({ state: result.state }, { status: 410 })
  return redirectWithToast(
    '/',
    { description: `Your account is ready. Welcome aboard, ${name}!` },
    { headers: { 'Set-Cookie': await sessionCookieHeader(result.sessionToken) } },
  )
}

export default function AcceptInvite() {
  const loaderData = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useSchemaForm(AcceptInviteSchema, {
    lastResult: actionData && 'result' in actionData ? actionData.result : null,
    defaultValue: { name: 'name' in loaderData ? loaderData.name : '' },
  })
  const state = actionData && 'state' in actionData ? actionData.state : loaderData.state
  if (state !== 'valid' || loaderData.state !== 'valid')
    return <TokenProblem purpose="invite" state={state === 'valid' ? 'unknown' : state} />
  if (loaderData.ssoOnly) return <SsoOnly message={loaderData.ssoOnly} title={`Welcome to ${loaderData.orgName}`} />
  return (
    <div className="card narrow">
      <h1>Welcome to {loaderData.orgName}</h1>
      <p className="muted">
        Set up your account for <strong>{loaderData.email}</strong>. You will go straight to your home page.
      </p>
      <FormErrors errors={form.errors} id={form.errorId} />
      <Form method="post" {...getFormProps(form)}>
        <Field label="Your name" meta={fields.name} autoComplete="name" autoFocus hint="As your colleagues know you." />
        <Field
          label="Choose a password"
          meta={fields.password}
          type="password"
          autoComplete="new-password"
          hint={`At least ${PASSWORD_MIN_LENGTH} characters; a short sentence works well.`}
        />
        <Field label="Repeat the password" meta={fields.confirmPassword} type="password" autoComplete="new-password" />
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
