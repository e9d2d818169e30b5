import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from 'react-router'
import { getFormProps } from '@conform-to/react'
import { data, Form, Link, redirect, useActionData, useLoaderData, useNavigation, useSearchParams } from 'react-router'
import { z } from 'zod'
import { Alert, Field, FormErrors, SubmitButton } from '~/components/ui/field'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { safeRedirect } from '~/domain/auth/safe-redirect'
import { DEACTIVATED_MESSAGE, ssoOnlyMessage } from '~/domain/auth/sso'
import { waitPhrase } from '~/domain/auth/throttle'
import { signIn } from '~/models/account.server'
import { ssoRequired } from '~/models/sso.server'
import { getAuth } from '~/utils/auth.server'
import { parseSubmission, replyInvalid, useSchemaForm } from '~/utils/forms'
import { clientIp } from '~/utils/request-context.server'
import { rememberDevice } from '~/domain/auth/known-devices'
import { deviceCookieHeader, readKnownDevices, sessionCookieHeader } from '~/utils/session.server'
import { ssoSettings, SsoUnavailableError, startSsoSignIn } from '~/utils/oidc.server'

export const meta: MetaFunction = () => [{ title: 'Sign in · Mission Ready' }]

const SignInSchema = z.object({
  email: z
    .string({ error: 'Enter your email address.' })
    .trim()
    .min(1, 'Enter your email address.')
    .max(254, 'That email address is too long.')
    .pipe(z.email('Enter an email address like name@example.com.')),
  password: z.string({ error: 'Enter your password.' }).max(1024, 'That password is too long.'),
  redirectTo: z.string().max(2048).optional(),
})

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getAuth(request)) throw redirect(safeRedirect(new URL(request.url).searchParams.get('redirectTo')))
  const settings = ssoSettings()
  return { sso: settings ? { label: settings.label, required: await ssoRequired(settings) } : null }
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData()
  const settings = ssoSettings()
  if (formData.get('intent') === 'sso') {
    if (!settings) return data({ ssoError: 'Single sign-on is not set up on this server. Sign in with your password.' }, { status: 404 })
    const redirectTo = formData.get('redirectTo')
    try {
      const started = await startSsoSignIn(settings, typeof redirectTo === 'string' ? redirectTo : undefined)
      return redirect(started.url, { headers: { 'Set-Cookie': started.cookie } })
    } catch (error) {
      if (!(error instanceof SsoUnavailableError)) throw error
      return data(
        {
          ssoError: `${settings.label} is not answering right now, so single sign-on cannot start. Try again in a few minutes; if it keeps happening, tell your administrator.`,
        },
        { status: 503 },
      )
    }
  }
  const submission = parseSubmission(formData, SignInSchema)
  // Refused before any password is checked: the page no longer offers the form, and a script must not get round that.
  if (settings && (await ssoRequired(settings)))
    return replyInvalid(submission, { status: 403, formErrors: [ssoOnlyMessage(settings.label)] })
  if (submission.status !== 'success') return replyInvalid(submission)
  const { email, password, redirectTo } = submission.value
  const knownDevices = await readKnownDevices(request)
  const result = await signIn({ email, password, ip: clientIp(), knownDevices })
  if (!result.ok) {
    if (result.reason === 'throttled') {
      const wait = waitPhrase(result.retryAt, new Date())
      return replyInvalid(submission, {
        status: 429,
        formErrors: [`Too many failed sign-ins. Try again in ${wait.text}.`],
        headers: { 'Retry-After': String(wait.seconds) },
      })
    }
    if (result.reason === 'deactivated') {
      return replyInvalid(submission, {
        status: 403,
        formErrors: [DEACTIVATED_MESSAGE],
      })
    }
    return replyInvalid(submission, { formErrors: ['That email and password do not match an account.'] })
  }
  const headers = new Headers()
  headers.append('Set-Cookie', await sessionCookieHeader(result.token))
  // This browser may keep signing in to the account whatever failures others cause (domain/auth/known-devices).
  headers.append('Set-Cookie', await deviceCookieHeader(rememberDevice(knownDevices, result.userId, result.deviceId)))
  return redirect(safeRedirect(redirectTo), { headers })
}

export default function Login() {
  const { sso } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [params] = useSearchParams()
  const navigation = useNavigation()
  const [form, fields] = useSchemaForm(SignInSchema, { lastResult: actionData && 'result' in actionData ? actionData.result : undefined })
  const ssoError = actionData && 'ssoError' in actionData ? actionData.ssoError : null
  const redirectTo = params.get('redirectTo') ?? ''
  const busy = (intent: string) => navigation.state === 'submitting' && navigation.formData?.get('intent') === intent
  // Without JavaScript the browser posts natively and follows the redirect to the provider, which the
  // Content-Security-Policy's form-action allows when single sign-on is configured (app/utils/oidc.server.ts: ssoFormOrigins).
  const ssoForm = sso ? (
    <Form method="post">
      <input type="hidden" name="intent" value="sso" />
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <SubmitButton busy={busy('sso')} busyLabel={`Opening ${sso.label}…`} className={sso.required ? undefined : 'secondary'}>
        Sign in with {sso.label}
      </SubmitButton>
    </Form>
  ) : null
  return (
    <div className="card narrow">
      <h1>Sign in</h1>
      <p className="muted">Welcome back. Sign in to continue your training.</p>
      {ssoError ? <Alert tone="error">{ssoError}</Alert> : null}
      <FormErrors errors={form.errors} id={form.errorId} />
      {sso?.required ? (
        <>
          <p>{ssoOnlyMessage(sso.label)} Use your work account:</p>
          {ssoForm}
        </>
      ) : (
        <>
          <Form method="post" {...getFormProps(form)}>
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <Field label="Email" meta={fields.email} type="email" autoComplete="username" autoFocus />
            <Field label="Password" meta={fields.password} type="password" autoComplete="current-password" />
            <SubmitButton busy={navigation.state === 'submitting' && !navigation.formData?.get('intent')} busyLabel="Signing in…">
              Sign in
            </SubmitButton>
          </Form>
          {ssoForm ? (
            <>
              <p className="muted" style={{ margin: '1rem 0 0.5rem' }}>
                Or, with your work account:
              </p>
              {ssoForm}
            </>
          ) : null}
          <p style={{ marginTop: '1rem' }}>
            <Link to="/forgot-password">Forgot your password?</Link>
          </p>
        </>
      )}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
