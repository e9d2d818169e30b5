import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from 'react-router'
import { getFormProps } from '@conform-to/react'
import { Form, useActionData, useLoaderData, useNavigation } from 'react-router'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useBodyLimit } from '~/components/use-body-limit'
import { Field, FormErrors, TextareaField } from '~/components/ui/field'
import { FrameworkProblems, getFrameworkForEditing, saveFramework } from '~/models/framework.server'
import { updateReadinessSettings } from '~/models/organisation.server'
import { readinessSettings, rebuildReadiness } from '~/models/readiness.server'
import { requireAdmin } from '~/utils/auth.server'
import { useDateFormat } from '~/components/use-dates'
import { intentOf, replyUnavailable } from '~/utils/form-intent'
import { parseSubmission, replyInvalid, useSchemaForm } from '~/utils/forms'
import { redirectWithToast } from '~/utils/toast.server'

export const meta: MetaFunction = () => [{ title: 'Readiness settings · Mission Ready' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request)
  const [settings, framework] = await Promise.all([readinessSettings(), getFrameworkForEditing()])
  return { settings, framework }
}

const INTENTS = ['settings', 'framework'] as const

export const ReadinessSettingsSchema = z
  .object({
    intent: z.literal('settings'),
    halfLifeDays: z
      .number({ error: 'Enter a number of days.' })
      .int('Enter whole days.')
      .min(7, 'At least 7 days.')
      .max(3650, 'At most 3,650 days (ten years).'),
    readyLowerBound: z.number({ error: 'Enter a percentage.' }).min(30, 'Between 30% and 95%.').max(95, 'Between 30% and 95%.'),
    roleModelLowerBound: z.number({ error: 'Enter a percentage.' }).min(31, 'Between 31% and 99%.').max(99, 'Between 31% and 99%.'),
  })
  .refine((s) => s.roleModelLowerBound > s.readyLowerBound, { path: ['roleModelLowerBound'], message: 'Role model must be above ready.' })

const FRAMEWORK_MAX_LENGTH = 50_000
export const FrameworkSchema = z.object({
  intent: z.literal('framework'),
  source: z
    .string({ error: 'The framework cannot be empty.' })
    .min(1, 'The framework cannot be empty.')
    .max(FRAMEWORK_MAX_LENGTH, `The framework is too long: at most ${FRAMEWORK_MAX_LENGTH.toLocaleString('en-GB')} characters.`),
})

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireAdmin(request)
  const formData = await request.formData()
  const intent = intentOf(formData, INTENTS)
  if (!intent) return replyUnavailable(formData)
  if (intent === 'framework') {
    const submission = parseSubmission(formData, FrameworkSchema)
    if (submission.status !== 'success') return replyInvalid(submission)
    try {
      await saveFramework(submission.value.source, user.id)
    } catch (error) {
      if (error instanceof FrameworkProblems) return replyInvalid(submission, { formErrors: [error.message] })
      throw error
    }
    return redirectWithToast('/admin/readiness', { description: 'Framework saved as a new version; readiness has been recomputed.' })
  }
  const submission = parseSubmission(formData, ReadinessSettingsSchema)
  if (submission.status !== 'success') return replyInvalid(submission)
  const s = submission.value
  await updateReadinessSettings(
    { halfLifeDays: s.halfLifeDays, readyLowerBound: s.readyLowerBound / 100, roleModelLowerBound: s.roleModelLowerBound / 100 },
    user.id,
  )
  // Every estimate depends on these settings: recompute them now.
  await rebuildReadiness()
  return redirectWithToast('/admin/readiness', { description: 'Settings saved; every estimate has been recomputed with them.' })
}

export default function ReadinessAdmin() {
  const dateTime = useDateFormat('dateTime')
  const { settings, framework } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const limit = useBodyLimit()
  const busy = navigation.state === 'submitting'
  // Each form shows the answer to its own intent; an unknown intent's shows at the top.
  const result = actionData?.result
  const answered = result?.initialValue?.intent
  const [settingsForm, settingsFields] = useSchemaForm(ReadinessSettingsSchema, {
    id: 'readiness-settings',
    lastResult: answered === 'settings' ? result : null,
    defaultValue: {
      intent: 'settings',
      halfLifeDays: settings.halfLifeDays,
      readyLowerBound: Math.round(settings.readyLowerBound * 100),
      roleModelLowerBound: Math.round(settings.roleModelLowerBound * 100),
    },
  })
  const [frameworkForm, frameworkFields] = useSchemaForm(FrameworkSchema, {
    id: 'framework',
    lastResult: answered === 'framework' ? result : null,
    defaultValue: { intent: 'framework', source: framework.source },
  })
  const frameworkProps = getFormProps(frameworkForm)
  const pageErrors = answered === 'settings' || answered === 'framework' ? undefined : (result?.error?.[''] ?? undefined)
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>Readiness settings</h1>
          <p>How readiness is estimated, and the competency framework it is measured against.</p>
        </div>
      </div>
      <FormErrors errors={pageErrors} />
      <section className="card" aria-labelledby="settings">
        <h2 id="settings">The model</h2>
        <FormErrors errors={settingsForm.errors} id={settingsForm.errorId} />
        <Form method="post" className="row inline-fields" {...getFormProps(settingsForm)}>
          <input type="hidden" name="intent" value="settings" />
          <Field label="Half-life (days)" meta={settingsFields.halfLifeDays} type="number" hint="Evidence this old counts half." />
          <Field label="Ready from (%)" meta={settingsFields.readyLowerBound} type="number" hint="Lower end of the 90% interval." />
          <Field label="Role model from (%)" meta={settingsFields.roleModelLowerBound} type="number" hint="Must be above ready." />
          <button type="submit" disabled={busy}>
            Save and recompute
          </button>
        </Form>
      </section>
      <section className="card" aria-labelledby="framework">
        <h2 id="framework">Competency framework</h2>
        <p className="muted">
          Version {framework.current ?? '–'}. Pillars, then competencies (id, title, description, what “ready” looks like). A competency
          removed here is archived when evidence points at it, so history stays readable; otherwise it is deleted. Each save is a new
          version.
        </p>
        {frameworkForm.errors?.length ? (
          <div id={frameworkForm.errorId} className="alert error" role="alert">
            <pre className="problems-text">{frameworkForm.errors.join('\n')}</pre>
          </div>
        ) : null}
        <Form method="post" className="stack" {...frameworkProps} onSubmit={limit.guard(frameworkProps.onSubmit)}>
          <input type="hidden" name="intent" value="framework" />
          <TextareaField
            label="Framework (YAML)"
            meta={frameworkFields.source}
            className="mdx-input"
            rows={24}
            error={limit.errorFor('source')}
          />
          <div className="row">
            <button type="submit" disabled={busy}>
              Save as a new version
            </button>
          </div>
        </Form>
        {framework.archived.length > 0 ? (
          <>
            <h3>Archived competencies</h3>
            <ul>
              {framework.archived.map((a) => (
                <li key={a.id}>
                  {a.title}{' '}
                  <span className="muted">
                    ({a.id}, archived {dateTime.format(new Date(a.archivedAt))})
                  </span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <h3>Versions</h3>
        <ul>
          {framework.versions.map((v) => (
            <li key={v.number}>
              v{v.number} · {v.author ?? 'from content/framework.yaml'} · {dateTime.format(new Date(v.createdAt))}
            </li>
          ))}
        </ul>
      </section>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
