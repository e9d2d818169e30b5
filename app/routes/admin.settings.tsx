import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from 'react-router'
import { data, Form, redirect, useActionData, useLoaderData, useNavigation, useSearchParams } from 'react-router'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useBodyLimit } from '~/components/use-body-limit'
import { Alert, Field, SubmitButton, TextareaField } from '~/components/ui/field'
import { getOrganisation, updateOrganisation } from '~/models/organisation.server'
import { requireAdmin } from '~/utils/auth.server'
import { parseForm } from '~/utils/forms'

export const meta: MetaFunction = () => [{ title: 'Organisation · Mission Ready' }]

const SettingsSchema = z.object({
  name: z.string().trim().min(1, 'Give the organisation a name.').max(120, 'Use at most 120 characters.'),
  mission: z
    .string()
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
  const parsed = parseForm(SettingsSchema, await request.formData())
  if (!parsed.ok) return data(parsed, { status: 400 })
  await updateOrganisation(parsed.data)
  return redirect('/admin/settings?saved=1')
}

export default function Settings() {
  const { org } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const limit = useBodyLimit()
  const [params] = useSearchParams()
  const errors = actionData && !actionData.ok ? actionData.errors : {}
  const values = (actionData && !actionData.ok ? actionData.values : {}) as Record<string, string>
  return (
    <div className="card" style={{ maxWidth: '44rem' }}>
      <h1>Organisation</h1>
      <p className="muted">The mission statement appears on everyone’s home page and inside lessons.</p>
      {params.get('saved') ? <Alert tone="success">Saved.</Alert> : null}
      <Form method="post" noValidate onSubmit={limit.onSubmit}>
        <Field
          label="Organisation name"
          name="name"
          required
          defaultValue={values.name ?? org.name}
          error={limit.errorFor('name') ?? errors.name}
        />
        <TextareaField
          label="Mission statement"
          name="mission"
          required
          defaultValue={values.mission ?? org.mission}
          error={limit.errorFor('mission') ?? errors.mission}
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
