import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from 'react-router'
import { data, Form, Link, redirect, useActionData, useNavigation, useSearchParams } from 'react-router'
import { z } from 'zod'
import { Alert, Field, SubmitButton } from '~/components/ui/field'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { safeRedirect } from '~/domain/auth/safe-redirect'
import { waitPhrase } from '~/domain/auth/throttle'
import { signIn } from '~/models/account.server'
import { getAuth } from '~/utils/auth.server'
import { failure, parseForm } from '~/utils/forms'
import { clientIp } from '~/utils/request-context.server'
import { rememberDevice } from '~/domain/auth/known-devices'
import { deviceCookieHeader, readKnownDevices, sessionCookieHeader } from '~/utils/session.server'

export const meta: MetaFunction = () => [{ title: 'Sign in · Mission Ready' }]

const SignInSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter your email address.')
    .max(254, 'That email address is too long.')
    .pipe(z.email('Enter an email address like name@example.com.')),
  password: z.string().min(1, 'Enter your password.').max(1024, 'That password is too long.'),
  redirectTo: z.string().max(2048).optional(),
})

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getAuth(request)) throw redirect(safeRedirect(new URL(request.url).searchParams.get('redirectTo')))
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(SignInSchema, await request.formData())
  if (!parsed.ok) return data(parsed, { status: 400 })
  const { email, password, redirectTo } = parsed.data
  const knownDevices = await readKnownDevices(request)
  const result = await signIn({ email, password, ip: clientIp(), knownDevices })
  if (!result.ok) {
    const values = { email, redirectTo: redirectTo ?? '' }
    if (result.reason === 'throttled') {
      const wait = waitPhrase(result.retryAt, new Date())
      return data(failure({ form: `Too many failed sign-ins. Try again in ${wait.text}.` }, values), {
        status: 429,
        headers: { 'Retry-After': String(wait.seconds) },
      })
    }
    if (result.reason === 'deactivated') {
      return data(failure({ form: 'This account has been deactivated. Ask an administrator if you need access again.' }, values), {
        status: 403,
      })
    }
    return data(failure({ form: 'That email and password do not match an account.' }, values), { status: 400 })
  }
  const headers = new Headers()
  headers.append('Set-Cookie', await sessionCookieHeader(result.token))
  // This browser may keep signing in to the account whatever failures others cause (domain/auth/known-devices).
  headers.append('Set-Cookie', await deviceCookieHeader(rememberDevice(knownDevices, result.userId, result.deviceId)))
  return redirect(safeRedirect(redirectTo), { headers })
}

export default function Login() {
  const actionData = useActionData<typeof action>()
  const [params] = useSearchParams()
  const navigation = useNavigation()
  const errors = actionData && !actionData.ok ? actionData.errors : {}
  const values = actionData && !actionData.ok ? actionData.values : {}
  return (
    <div className="card narrow">
      <h1>Sign in</h1>
      <p className="muted">Welcome back. Sign in to continue your training.</p>
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={String(values.redirectTo ?? params.get('redirectTo') ?? '')} />
        <Field
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          defaultValue={String(values.email ?? '')}
          error={errors.email}
        />
        <Field label="Password" name="password" type="password" autoComplete="current-password" required error={errors.password} />
        <SubmitButton busy={navigation.state === 'submitting'} busyLabel="Signing in…">
          Sign in
        </SubmitButton>
      </Form>
      <p style={{ marginTop: '1rem' }}>
        <Link to="/forgot-password">Forgot your password?</Link>
      </p>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
