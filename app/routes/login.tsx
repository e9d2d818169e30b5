import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from 'react-router'
import { getFormProps } from '@conform-to/react'
import { Form, Link, redirect, useActionData, useNavigation, useSearchParams } from 'react-router'
import { z } from 'zod'
import { Field, FormErrors, SubmitButton } from '~/components/ui/field'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { safeRedirect } from '~/domain/auth/safe-redirect'
import { waitPhrase } from '~/domain/auth/throttle'
import { signIn } from '~/models/account.server'
import { getAuth } from '~/utils/auth.server'
import { parseSubmission, replyInvalid, useSchemaForm } from '~/utils/forms'
import { clientIp } from '~/utils/request-context.server'
import { rememberDevice } from '~/domain/auth/known-devices'
import { deviceCookieHeader, readKnownDevices, sessionCookieHeader } from '~/utils/session.server'

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
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseSubmission(await request.formData(), SignInSchema)
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
        formErrors: ['This account has been deactivated. Ask an administrator if you need access again.'],
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
  const actionData = useActionData<typeof action>()
  const [params] = useSearchParams()
  const navigation = useNavigation()
  const [form, fields] = useSchemaForm(SignInSchema, { lastResult: actionData?.result })
  return (
    <div className="card narrow">
      <h1>Sign in</h1>
      <p className="muted">Welcome back. Sign in to continue your training.</p>
      <FormErrors errors={form.errors} id={form.errorId} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? ''} />
        <Field label="Email" meta={fields.email} type="email" autoComplete="username" autoFocus />
        <Field label="Password" meta={fields.password} type="password" autoComplete="current-password" />
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
