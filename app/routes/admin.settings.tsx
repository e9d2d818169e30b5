import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from 'react-router'
import { getFormProps } from '@conform-to/react'
import { data, Form, useActionData, useLoaderData, useNavigation } from 'react-router'
import { useEffect, useState } from 'react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useBodyLimit } from '~/components/use-body-limit'
import { Field, FormErrors, SelectField, SubmitButton, TextareaField } from '~/components/ui/field'
import { getOrganisation, updateOrganisation } from '~/models/organisation.server'
import { hasLinkedSso, RequireSsoError, setRequireSso } from '~/models/sso.server'
import { ssoSettings } from '~/utils/oidc.server'
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

const RequireSsoSchema = z.object({ requireSso: z.enum(['on', 'off'], { error: 'Choose whether single sign-on is required.' }) })

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request)
  const org = await getOrganisation()
  const settings = ssoSettings()
  const sso = settings
    ? { label: settings.label, required: 'requireSso' in org && org.requireSso, adminLinked: await hasLinkedSso(admin.user.id) }
    : null
  return { org, timeZones: timeZoneNames(), sso }
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request)
  const formData = await request.formData()
  if (formData.get('intent') === 'requireSso') {
    const parsed = parseSubmission(formData, RequireSsoSchema)
    const refuse = (message: string) =>
      data({ result: parsed.reply({ formErrors: [message] }), form: 'requireSso' as const }, { status: 400 })
    if (parsed.status !== 'success') return refuse('Choose whether single sign-on is required.')
    const settings = ssoSettings()
    const on = parsed.value.requireSso === 'on'
    try {
      await setRequireSso(settings, on, admin.user.id)
    } catch (error) {
      if (error instanceof RequireSsoError) return refuse(error.message)
      throw error
    }
    return redirectWithToast('/admin/settings', {
      description: on
        ? `Everyone now signs in with ${settings?.label ?? 'single sign-on'}; passwords are refused.`
        : 'People can sign in with their password again.',
    })
  }
  const submission = parseSubmission(formData, SettingsSchema)
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
  const { org, timeZones, sso } = useLoaderData<typeof loader>()
  // The browser's own zone is only known after hydration; suggested while the zone is still the default.
  const [browserZone, setBrowserZone] = useState<string | null>(null)
  useEffect(() => setBrowserZone(runtimeTimeZone()), [])
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const limit = useBodyLimit()
  const ssoErrors = actionData && 'form' in actionData ? actionData.result.error?.[''] : undefined
  const [form, fields] = useSchemaForm(SettingsSchema, {
    lastResult: actionData && !('form' in actionData) ? actionData.result : undefined,
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
        <SubmitButton busy={navigation.state === 'submitting' && !navigation.formData?.get('intent')} busyLabel="Saving…">
          Save
        </SubmitButton>
      </Form>
      <section aria-labelledby="sso-heading" style={{ marginTop: '2rem' }}>
        <h2 id="sso-heading">Single sign-on</h2>
        <FormErrors errors={ssoErrors ?? undefined} id="sso-errors" />
        {!sso ? (
          <p className="muted">
            Single sign-on is not set up on this server, so it cannot be required. To offer it, set OIDC_ISSUER, OIDC_CLIENT_ID,
            OIDC_CLIENT_SECRET and OIDC_ALLOWED_DOMAINS when starting the app.
          </p>
        ) : sso.required ? (
          <Form method="post">
            <p>
              Everyone signs in with <strong>{sso.label}</strong>. Password sign-in, password resets and passwords on invites are refused.
            </p>
            <input type="hidden" name="intent" value="requireSso" />
            <input type="hidden" name="requireSso" value="off" />
            <SubmitButton className="secondary" busy={navigation.formData?.get('intent') === 'requireSso'} busyLabel="Saving…">
              Allow passwords again
            </SubmitButton>
          </Form>
        ) : (
          <Form method="post">
            <p>
              People can sign in with their password or with <strong>{sso.label}</strong>. Requiring {sso.label} refuses passwords for
              everyone, admins included.
            </p>
            {sso.adminLinked ? null : (
              <p className="muted" id="sso-lockout">
                To make sure you cannot lock yourself out, sign in with {sso.label} yourself first (sign out, then use the button on the
                sign-in page); then you can require it here.
              </p>
            )}
            <input type="hidden" name="intent" value="requireSso" />
            <input type="hidden" name="requireSso" value="on" />
            <SubmitButton
              disabled={!sso.adminLinked}
              aria-describedby={sso.adminLinked ? undefined : 'sso-lockout'}
              busy={navigation.formData?.get('intent') === 'requireSso'}
              busyLabel="Saving…"
            >
              Require {sso.label} for everyone
            </SubmitButton>
          </Form>
        )}
      </section>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
