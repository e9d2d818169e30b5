import type { ActionFunctionArgs, MetaFunction } from 'react-router'
import { data, Form, Link, redirect, useActionData, useNavigation, useSearchParams } from 'react-router'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Alert, Field, SubmitButton } from '~/components/ui/field'
import { EmailSchema } from '~/domain/auth/schemas'
import { queuePasswordReset } from '~/models/account.server'
import { parseForm } from '~/utils/forms'

export const meta: MetaFunction = () => [{ title: 'Reset your password · Mission Ready' }]

const ForgotSchema = z.object({ email: EmailSchema })

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(ForgotSchema, await request.formData())
  if (!parsed.ok) return data(parsed, { status: 400 })
  queuePasswordReset(parsed.data.email)
  return redirect('/forgot-password?sent=1')
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>()
  const [params] = useSearchParams()
  const navigation = useNavigation()
  if (params.get('sent')) {
    return (
      <div className="card narrow">
        <h1>Check your mail</h1>
        <Alert tone="success">If an active account uses that address, a reset link is on its way. It works once, for 1 hour.</Alert>
        <p className="muted">Nothing arrived after a few minutes? Check your spam folder, or ask your administrator.</p>
        <Link to="/login">Back to sign in</Link>
      </div>
    )
  }
  const errors = actionData && !actionData.ok ? actionData.errors : {}
  const values = actionData && !actionData.ok ? actionData.values : {}
  return (
    <div className="card narrow">
      <h1>Reset your password</h1>
      <p className="muted">Enter the email you sign in with and we will send you a link to choose a new password.</p>
      <Form method="post" noValidate>
        <Field
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          autoFocus
          defaultValue={String(values.email ?? '')}
          error={errors.email}
        />
        <SubmitButton busy={navigation.state === 'submitting'} busyLabel="Sending…">
          Send reset link
        </SubmitButton>
      </Form>
      <p style={{ marginTop: '1rem' }}>
        <Link to="/login">Back to sign in</Link>
      </p>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
