import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from 'react-router'
import { getFormProps } from '@conform-to/react'
import { Form, Link, useActionData, useLoaderData, useNavigation } from 'react-router'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, FormErrors, SubmitButton } from '~/components/ui/field'
import { SsoOnly } from '~/components/sso-only'
import { EmailSchema } from '~/domain/auth/schemas'
import { queuePasswordReset } from '~/models/account.server'
import { ssoOnlyRefusal } from '~/models/sso.server'
import { ssoSettings } from '~/utils/oidc.server'
import { parseSubmission, replyInvalid, useSchemaForm } from '~/utils/forms'
import { redirectWithToast } from '~/utils/toast.server'

export const meta: MetaFunction = () => [{ title: 'Reset your password · Mission Ready' }]

export const ForgotPasswordSchema = z.object({ email: EmailSchema })

/** The same answer whether or not an account uses the address, so the form tells no one who has one. */
const RESET_SENT = {
  title: 'Check your mail',
  description:
    'If an active account uses that address, a reset link is on its way. It works once, for 1 hour. Nothing after a few minutes? Check your spam folder, or ask your administrator.',
}

export async function loader(_: LoaderFunctionArgs) {
  return { ssoOnly: await ssoOnlyRefusal(ssoSettings()) }
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseSubmission(await request.formData(), ForgotPasswordSchema)
  // Passwords are refused when the organisation signs in with single sign-on: no reset links either.
  const ssoOnly = await ssoOnlyRefusal(ssoSettings())
  if (ssoOnly) return replyInvalid(submission, { status: 403, formErrors: [ssoOnly] })
  if (submission.status !== 'success') return replyInvalid(submission)
  // Not awaited: the answer takes as long whether or not the address has an account (models/account.server).
  queuePasswordReset(submission.value.email)
  return redirectWithToast('/login', RESET_SENT)
}

export default function ForgotPassword() {
  const { ssoOnly } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useSchemaForm(ForgotPasswordSchema, { lastResult: actionData?.result })
  if (ssoOnly) return <SsoOnly message={ssoOnly} />
  return (
    <div className="card narrow">
      <h1>Reset your password</h1>
      <p className="muted">Enter the email you sign in with and we will send you a link to choose a new password.</p>
      <FormErrors errors={form.errors} id={form.errorId} />
      <Form method="post" {...getFormProps(form)}>
        <Field label="Email" meta={fields.email} type="email" autoComplete="email" autoFocus />
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
