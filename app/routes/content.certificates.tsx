import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from 'react-router'
import { getFormProps, getInputProps } from '@conform-to/react'
import { Form, Link, useActionData, useLoaderData, useNavigation } from 'react-router'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, FormErrors, SelectField, SubmitButton } from '~/components/ui/field'
import { DEFAULT_VALID_MONTHS, describeValidity, MAX_VALID_DAYS, monthsToDays, validityOf } from '~/domain/certificates/certificates'
import { DomainError } from '~/domain/errors'
import { listCertificateRules, saveCertificateRule } from '~/models/certificates.server'
import { requireContentManager } from '~/utils/auth.server'
import { parseSubmission, replyDomainError, replyInvalid, useSchemaForm } from '~/utils/forms'
import { redirectWithToast } from '~/utils/toast.server'

export const meta: MetaFunction = () => [{ title: 'Certificates · Content · Mission Ready' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireContentManager(request)
  return listCertificateRules()
}

const PERIOD = `Enter a whole number: up to 120 months or ${MAX_VALID_DAYS} days.`
const CertificateRuleSchema = z
  .object({
    intent: z.literal('save-certificate', { error: 'That action is not available here.' }),
    scope: z.enum(['path', 'module'], { error: 'Choose a path or a module.' }),
    target: z.string({ error: 'Choose a path or a module.' }).max(80, 'Choose a path or a module.'),
    active: z.boolean().default(false),
    title: z
      .string({ error: 'Give the certificate a title of at least 3 characters.' })
      .trim()
      .min(3, 'Give the certificate a title of at least 3 characters.')
      .max(120, 'Use at most 120 characters.'),
    amount: z.number({ error: PERIOD }).int(PERIOD).min(1, PERIOD).max(MAX_VALID_DAYS, PERIOD),
    unit: z.enum(['months', 'days'], { error: 'Choose months or days.' }),
  })
  .refine((f) => f.unit === 'days' || f.amount <= 120, { message: PERIOD, path: ['amount'] })

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireContentManager(request)
  const submission = parseSubmission(await request.formData(), CertificateRuleSchema)
  if (submission.status !== 'success') return replyInvalid(submission)
  const input = submission.value
  const validDays = input.unit === 'months' ? monthsToDays(input.amount) : input.amount
  try {
    const { granted } = await saveCertificateRule(
      { scope: input.scope, target: input.target, active: input.active, title: input.title, validDays },
      user.id,
    )
    return redirectWithToast(`/content/certificates#certificate-${input.scope}-${input.target}`, {
      description: input.active
        ? `Certificate “${input.title}” is on, valid ${describeValidity(validDays)}.${granted > 0 ? ` Granted to ${granted} ${granted === 1 ? 'person' : 'people'} already ready.` : ''}`
        : 'Certificate turned off. Certificates already granted stay valid until they expire.',
    })
  } catch (error) {
    if (error instanceof DomainError) return replyDomainError(submission, error)
    throw error
  }
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>
type Target = Data['paths'][number] | Data['modules'][number]

export default function CertificateRules() {
  const { paths, modules } = useLoaderData<typeof loader>()
  return (
    <div className="stack">
      <p>
        <Link to="/content">← Content</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>Certificates</h1>
          <p>
            A path or module can grant a certificate once every competency it covers is ready (not merely its lessons completed), valid for
            a set time. Learners are reminded 30 and 7 days before it expires; recertification is due when it expires or when readiness
            drops below ready. These settings live in the app: a content sync never changes them.
          </p>
        </div>
      </div>
      <section aria-labelledby="paths-heading" className="stack">
        <h2 id="paths-heading">Paths</h2>
        {paths.length === 0 ? <p className="card empty">No paths yet: create one on Modules and paths.</p> : null}
        {paths.map((p) => (
          <RuleForm key={p.slug} target={p} />
        ))}
      </section>
      <section aria-labelledby="modules-heading" className="stack">
        <h2 id="modules-heading">Modules</h2>
        {modules.length === 0 ? <p className="card empty">No modules yet: create one on Modules and paths.</p> : null}
        {modules.map((m) => (
          <RuleForm key={m.slug} target={m} />
        ))}
      </section>
    </div>
  )
}

function RuleForm({ target: t }: { target: Target }) {
  const reply = useActionData<typeof action>()?.result
  const mine = reply && reply.initialValue?.target === t.slug && reply.initialValue?.scope === t.scope ? reply : undefined
  const validity = validityOf(t.rule?.validDays ?? monthsToDays(DEFAULT_VALID_MONTHS))
  const [form, fields] = useSchemaForm(CertificateRuleSchema, {
    id: `certificate-${t.scope}-${t.slug}`,
    lastResult: mine,
    defaultValue: {
      intent: 'save-certificate',
      scope: t.scope,
      target: t.slug,
      active: t.rule?.active ?? false,
      title: t.rule?.title ?? t.title,
      amount: validity.amount,
      unit: validity.unit,
    },
  })
  const navigation = useNavigation()
  const busy =
    navigation.state === 'submitting' && navigation.formData?.get('target') === t.slug && navigation.formData?.get('scope') === t.scope
  const { key: activeKey, ...active } = getInputProps(fields.active, { type: 'checkbox' })
  const name = `the ${t.scope} ${t.title}`
  return (
    <Form method="post" className="card" aria-label={`Certificate for ${name}`} {...getFormProps(form)}>
      <h3>
        {t.title} <span className="muted small">({t.scope})</span>{' '}
        {t.rule?.active ? <span className="badge done">Certificate on</span> : <span className="badge upcoming">No certificate</span>}
      </h3>
      <p className="muted small">
        {t.competencies.length === 0
          ? 'It covers no competencies yet (no published lessons or quiz), so it cannot grant a certificate.'
          : `Certifies ${t.competencies.join(', ')}.`}
        {t.rule?.active ? ` ${t.rule.valid} valid ${t.rule.valid === 1 ? 'certificate' : 'certificates'} now.` : null}
      </p>
      <FormErrors errors={form.errors} id={form.errorId} />
      <input type="hidden" name="intent" value="save-certificate" />
      <input type="hidden" name="scope" value={t.scope} />
      <input type="hidden" name="target" value={t.slug} />
      {fields.target.errors ? <FormErrors errors={fields.target.errors} /> : null}
      <label className="checkbox">
        <input key={activeKey} {...active} /> Grant a certificate for this {t.scope}
      </label>
      <div className="certificate-rule-fields">
        <Field label="Certificate title" meta={fields.title} />
        <Field label="Valid for" meta={fields.amount} inputMode="numeric" />
        <SelectField label="Unit" meta={fields.unit}>
          <option value="months">months</option>
          <option value="days">days</option>
        </SelectField>
      </div>
      <SubmitButton busy={busy} busyLabel="Saving…">
        Save
      </SubmitButton>
    </Form>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
