import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from 'react-router'
import { getFormProps } from '@conform-to/react'
import { Form, useActionData, useLoaderData, useNavigation } from 'react-router'
import { useEffect, useState } from 'react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useBodyLimit } from '~/components/use-body-limit'
import { Field, SelectField, SubmitButton, TextareaField } from '~/components/ui/field'
import { getOrganisation, updateOrganisation } from '~/models/organisation.server'
import { rebuildReadiness } from '~/models/readiness.server'
import { requireAdmin } from '~/utils/auth.server'
import { isTimeZone, runtimeTimeZone, timeZoneNames } from '~/domain/calendar/dates'
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
  // Left out (an older form, a script): the zone stays as it is.
  timeZone: z.string().trim().refine(isTimeZone, 'Choose a time zone from the list (an IANA name such as Europe/London).').optional(),
})

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request)
  const org = await getOrganisation()
  return { org, timeZones: timeZoneNames() }
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request)
  const submission = parseSubmission(await request.formData(), SettingsSchema)
  if (submission.status !== 'success') return replyInvalid(submission)
  const before = (await getOrganisation()).timeZone
  await updateOrganisation(submission.value, admin.user.id)
  const zoneChanged = submission.value.timeZone !== undefined && submission.value.timeZone !== before
  // Onboarding due dates end at local midnight: recompute them now rather than at the next daily job.
  if (zoneChanged) await rebuildReadiness()
  return redirectWithToast('/admin/settings', {
    description: zoneChanged
      ? `The organisation’s name, mission and time zone (${submission.value.timeZone}) are saved.`
      : 'The organisation’s name and mission are saved.',
  })
}

export default function Settings() {
  const { org, timeZones } = useLoaderData<typeof loader>()
  // The browser's own zone is only known after hydration; suggested while the zone is still the default.
  const [browserZone, setBrowserZone] = useState<string | null>(null)
  useEffect(() => setBrowserZone(runtimeTimeZone()), [])
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const limit = useBodyLimit()
  const [form, fields] = useSchemaForm(SettingsSchema, {
    lastResult: actionData?.result,
    defaultValue: { name: org.name, mission: org.mission, timeZone: org.timeZone },
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
        <SelectField
          label="Time zone"
          meta={fields.timeZone}
          hint={
            'Dates and times are shown in this zone, and “today” (observations, due dates, reminders) is today there.' +
            (browserZone && browserZone !== org.timeZone ? ` This browser is in ${browserZone}.` : '')
          }
        >
          {timeZones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll('_', ' ')}
            </option>
          ))}
        </SelectField>
        {browserZone && browserZone !== org.timeZone && org.timeZone === 'UTC' ? (
          <p>
            <button type="button" onClick={() => form.update({ name: fields.timeZone.name, value: browserZone })}>
              Use this browser’s time zone ({browserZone})
            </button>
          </p>
        ) : null}
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
