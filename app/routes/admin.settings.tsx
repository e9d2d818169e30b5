import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from 'react-router'
import { getFormProps } from '@conform-to/react'
import { Form, useActionData, useLoaderData, useNavigation } from 'react-router'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useBodyLimit } from '~/components/use-body-limit'
import { Field, SubmitButton, TextareaField } from '~/components/ui/field'
import { getOrganisation, updateOrganisation } from '~/models/organisation.server'
import { requireAdmin } from '~/utils/auth.server'
import { parseSubmission, replyInvalid, useSchemaForm } from '~/utils/forms'
import { redirectWithToast } from '~/utils/toast.server'

export const meta: MetaFunction = () => [{ title: 'Organisation · Mission Ready' }]

const SettingsSchema = z.object({
  name: z
    .string({ error: 'Give the organisation a name.' })
    .trim()
    .min(1, 'Give the organisation a name.')
    .max(120, 'Use at most 120 characters.'),
  mission: z
    .string({ error: 'Write the mission statement.' })
    .trim()
    .min(10, 'Write the mission in at least a sentence (10 characters or more).')
    .max(1000, 'Keep the mission under 1,000 characters: people should be able to remember it.'),
})

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request)
  return { org: await getOrganisation() }
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAdmin(request)
  const submission = parseSubmission(await request.formData(), SettingsSchema)
  if (submission.status !== 'success') return replyInvalid(submission)
  await updateOrganisation(submission.value)
  return redirectWithToast('/admin/settings', { description: 'The organisation’s name and mission are saved.' })
}

export default function Settings() {
  const { org } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const limit = useBodyLimit()
  const [form, fields] = useSchemaForm(SettingsSchema, {
    lastResult: actionData?.result,
    defaultValue: { name: org.name, mission: org.mission },
  })
  const formProps = getFormProps(form)
  return (
    <div className="card" style={{ maxWidth: '44rem' }}>
      <h1>Organisation</h1>
      <p className="muted">The mission statement appears on everyone’s home page and inside lessons.</p>
      <Form method="post" {...formProps} onSubmit={limit.guard(formProps.onSubmit)}>
        <Field label="Organisation name" meta={fields.name} error={limit.errorFor('name')} />
        <TextareaField
          label="Mission statement"
          meta={fields.mission}
          error={limit.errorFor('mission')}
          hint="Specific to your organisation, so every employee can say how their own job serves it."
        />
        <SubmitButton busy={navigation.state === 'submitting'} busyLabel="Saving…">
          Save
        </SubmitButton>
      </Form>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
