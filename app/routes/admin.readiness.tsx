import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from 'react-router'
import { data, Form, redirect, useActionData, useLoaderData, useNavigation, useSearchParams } from 'react-router'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useBodyLimit } from '~/components/use-body-limit'
import { Alert, Field, TextareaField } from '~/components/ui/field'
import { FrameworkProblems, getFrameworkForEditing, saveFramework } from '~/models/framework.server'
import { updateReadinessSettings } from '~/models/organisation.server'
import { readinessSettings, rebuildReadiness } from '~/models/readiness.server'
import { requireAdmin } from '~/utils/auth.server'
import { useDateFormat } from '~/components/use-dates'

export const meta: MetaFunction = () => [{ title: 'Readiness settings · Mission Ready' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request)
  const [settings, framework] = await Promise.all([readinessSettings(), getFrameworkForEditing()])
  return { settings, framework }
}

const SettingsSchema = z
  .object({
    intent: z.literal('settings'),
    halfLifeDays: z.coerce
      .number({ error: 'Enter a number of days.' })
      .int('Enter whole days.')
      .min(7, 'At least 7 days.')
      .max(3650, 'At most 3,650 days (ten years).'),
    readyLowerBound: z.coerce.number({ error: 'Enter a percentage.' }).min(30, 'Between 30% and 95%.').max(95, 'Between 30% and 95%.'),
    roleModelLowerBound: z.coerce.number({ error: 'Enter a percentage.' }).min(31, 'Between 31% and 99%.').max(99, 'Between 31% and 99%.'),
  })
  .refine((s) => s.roleModelLowerBound > s.readyLowerBound, { path: ['roleModelLowerBound'], message: 'Role model must be above ready.' })
const FrameworkSchema = z.object({
  intent: z.literal('framework'),
  source: z.string().min(1, 'The framework cannot be empty.').max(50_000, 'The framework is too long.'),
})

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireAdmin(request)
  const raw = Object.fromEntries(await request.formData())
  if (raw.intent === 'framework') {
    const parsed = FrameworkSchema.safeParse(raw)
    if (!parsed.success)
      return data(
        { form: 'framework' as const, error: parsed.error.issues[0]!.message, errors: {} as Record<string, string> },
        { status: 400 },
      )
    try {
      await saveFramework(parsed.data.source, user.id)
    } catch (error) {
      if (error instanceof FrameworkProblems)
        return data({ form: 'framework' as const, error: error.message, errors: {} as Record<string, string> }, { status: 400 })
      throw error
    }
    return redirect('/admin/readiness?saved=framework')
  }
  const parsed = SettingsSchema.safeParse(raw)
  if (!parsed.success) {
    const errors: Record<string, string> = {}
    for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message
    return data({ form: 'settings' as const, error: 'Check the highlighted settings.', errors }, { status: 400 })
  }
  const s = parsed.data
  await updateReadinessSettings(
    { halfLifeDays: s.halfLifeDays, readyLowerBound: s.readyLowerBound / 100, roleModelLowerBound: s.roleModelLowerBound / 100 },
    user.id,
  )
  // Every estimate depends on these settings: recompute them now.
  await rebuildReadiness()
  return redirect('/admin/readiness?saved=settings')
}

export default function ReadinessAdmin() {
  const dateTime = useDateFormat('dateTime')
  const { settings, framework } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const limit = useBodyLimit()
  const [params] = useSearchParams()
  const busy = navigation.state === 'submitting'
  const errors = actionData?.form === 'settings' ? actionData.errors : {}
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>Readiness settings</h1>
          <p>How readiness is estimated, and the competency framework it is measured against.</p>
        </div>
      </div>
      {params.get('saved') === 'settings' ? (
        <Alert tone="success">Settings saved; every estimate has been recomputed with them.</Alert>
      ) : null}
      {params.get('saved') === 'framework' ? (
        <Alert tone="success">Framework saved as a new version; readiness has been recomputed.</Alert>
      ) : null}
      <section className="card" aria-labelledby="settings">
        <h2 id="settings">The model</h2>
        {actionData?.form === 'settings' ? <Alert tone="error">{actionData.error}</Alert> : null}
        <Form method="post" className="row inline-fields" noValidate>
          <input type="hidden" name="intent" value="settings" />
          <Field
            label="Half-life (days)"
            name="halfLifeDays"
            type="number"
            min={7}
            max={3650}
            defaultValue={settings.halfLifeDays}
            error={errors.halfLifeDays}
            hint="Evidence this old counts half."
          />
          <Field
            label="Ready from (%)"
            name="readyLowerBound"
            type="number"
            min={30}
            max={95}
            defaultValue={Math.round(settings.readyLowerBound * 100)}
            error={errors.readyLowerBound}
            hint="Lower end of the 80% interval."
          />
          <Field
            label="Role model from (%)"
            name="roleModelLowerBound"
            type="number"
            min={31}
            max={99}
            defaultValue={Math.round(settings.roleModelLowerBound * 100)}
            error={errors.roleModelLowerBound}
            hint="Must be above ready."
          />
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
        {actionData?.form === 'framework' ? (
          <div className="alert error" role="alert">
            <pre className="problems-text">{actionData.error}</pre>
          </div>
        ) : null}
        <Form method="post" className="stack" onSubmit={limit.onSubmit}>
          <input type="hidden" name="intent" value="framework" />
          <TextareaField
            label="Framework (YAML)"
            name="source"
            className="mdx-input"
            rows={24}
            defaultValue={framework.source}
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
