import type { ActionFunctionArgs, MetaFunction } from 'react-router'
import { getFormProps } from '@conform-to/react'
import { Form, Link, useActionData, useNavigation } from 'react-router'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, SubmitButton } from '~/components/ui/field'
import { EmailSchema } from '~/domain/auth/schemas'
import { queuePasswordReset } from '~/models/account.server'
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

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseSubmission(await request.formData(), ForgotPasswordSchema)
  if (submission.status !== 'success') return replyInvalid(submission)
  // Not awaited: the answer takes as long whether or not the address has an account (models/account.server).
  queuePasswordReset(submission.value.email)
  return redirectWithToast('/login', RESET_SENT)
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useSchemaForm(ForgotPasswordSchema, { lastResult: actionData?.result })
  return (
    <div className="card narrow">
      <h1>Reset your password</h1>
      <p className="muted">Enter the email you sign in with and we will send you a link to choose a new password.</p>
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
