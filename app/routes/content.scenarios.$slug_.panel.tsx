import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from 'react-router'
import { getFormProps } from '@conform-to/react'
import { Form, Link, useActionData, useLoaderData, useNavigation } from 'react-router'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, FormErrors } from '~/components/ui/field'
import { DISAGREEMENT_RANGE, MIN_ALPHA, MIN_PANEL } from '~/domain/scenarios/panel'
import { QuizInputError } from '~/models/quiz.server'
import { getPanel, savePanelRating } from '~/models/scenario-panel.server'
import { requireContentManager } from '~/utils/auth.server'
import { parseSubmission, replyDomainError, replyInvalid, useSchemaForm } from '~/utils/forms'
import { redirectWithToast } from '~/utils/toast.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Key panel: ${data?.title || 'scenario'} · Mission Ready` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireContentManager(request)
  return getPanel(params.slug ?? '', user.id)
}

const Score = z.number({ error: 'Score this option (0 to 1).' }).min(0, 'A score is between 0 and 1.').max(1, 'A score is between 0 and 1.')
/** One row per choice: its key (hidden) and this trainer's score; the model checks that every choice of the scenario has one. */
const PanelSchema = z.object({
  scores: z
    .array(z.object({ key: z.string().max(200), score: Score }))
    .max(200)
    .default([]),
})

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireContentManager(request)
  const slug = params.slug ?? ''
  const submission = parseSubmission(await request.formData(), PanelSchema)
  if (submission.status !== 'success') return replyInvalid(submission)
  try {
    await savePanelRating(slug, user.id, Object.fromEntries(submission.value.scores.map((s) => [s.key, s.score])))
  } catch (error) {
    if (error instanceof QuizInputError) return replyDomainError(submission, error)
    throw error
  }
  return redirectWithToast(`/content/scenarios/${slug}/panel`, { description: 'Your scores are saved.' })
}

const figure = (n: number | null) => (n === null ? '–' : n.toFixed(2))

export default function ScenarioPanel() {
  const panel = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const [form, fields] = useSchemaForm(PanelSchema, {
    lastResult: actionData?.result,
    defaultValue: { scores: panel.choices.map((c) => ({ key: c.key, score: panel.mine[c.key] })) },
  })
  const rows = fields.scores.getFieldList()
  const a = panel.agreement
  return (
    <div className="stack">
      <p>
        <Link to={`/content/scenarios/${panel.slug}`}>← Edit the scenario</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>Key panel: {panel.title || panel.slug}</h1>
          <p>
            Score each option yourself, from 0 (poor) to 1 (best), without looking at the editor. The other trainers’ scores and the
            agreement appear once you have given yours. With {MIN_PANEL} or more scores, publishing uses the panel’s key (each option’s mean
            score).
          </p>
        </div>
      </div>
      <FormErrors errors={form.errors} id={form.errorId} />
      {panel.choices.length === 0 ? (
        <p className="card">
          A {panel.type === 'ranking' ? 'ranking is keyed by its order' : 'free-text item is graded with its rubric'}: it has no options for
          a panel to score.
        </p>
      ) : (
        <>
          <section className="card" aria-labelledby="situation">
            <h2 id="situation">The situation</h2>
            <p className="pre-wrap">{panel.stem}</p>
          </section>
          <Form method="post" className="card stack" aria-labelledby="your-scores" {...getFormProps(form)}>
            <h2 id="your-scores">Your scores</h2>
            {panel.choices.map((c, i) => {
              const row = rows[i]?.getFieldset()
              if (!row) return null
              return (
                <div key={c.key} className="panel-choice">
                  <p>
                    <strong>{c.label}.</strong> {c.text}
                  </p>
                  <input type="hidden" name={row.key.name} value={c.key} />
                  <Field
                    label={`Your score for ${c.label.toLowerCase()}`}
                    meta={row.score}
                    type="number"
                    step={c.multiple ? 1 : 0.05}
                    hint={c.multiple ? '1 if it belongs in the answer, 0 if not' : '0 (poor) to 1 (best)'}
                  />
                </div>
              )
            })}
            <div className="row">
              <button type="submit" disabled={busy}>
                {busy ? 'Saving…' : panel.complete ? 'Update my scores' : 'Save my scores'}
              </button>
            </div>
          </Form>
          <section className="card" aria-labelledby="agreement">
            <h2 id="agreement">The panel’s agreement</h2>
            {!a ? (
              <p className="muted">
                {panel.raters === 0
                  ? 'Nobody has scored this scenario yet.'
                  : `${panel.raters} trainer${panel.raters === 1 ? ' has' : 's have'} scored it.`}{' '}
                Give your own scores to see theirs and the agreement.
              </p>
            ) : (
              <>
                <p>
                  {a.raters} rater{a.raters === 1 ? '' : 's'}: {a.names.join(', ')}. Mean difference between raters{' '}
                  {figure(a.meanDifference)}; Krippendorff’s α {figure(a.alpha)}{' '}
                  <span className="muted">(1 is full agreement; below {MIN_ALPHA} the panel disagrees).</span>
                </p>
                {a.raters < MIN_PANEL ? (
                  <p className="muted">A panel needs at least {MIN_PANEL} raters; until then publishing uses the editor’s scores.</p>
                ) : a.disagrees ? (
                  <p className="alert warn" role="status">
                    The panel disagrees: talk the marked options through and score again. Publishing now needs an override with a reason,
                    recorded in the audit log.
                  </p>
                ) : (
                  <p className="alert success">The panel agrees: publishing uses its key.</p>
                )}
                <div className="table-wrap">
                  <table>
                    <caption>Scores per option (an option scored more than {DISAGREEMENT_RANGE} apart is marked)</caption>
                    <thead>
                      <tr>
                        <th scope="col">Option</th>
                        {a.names.map((n) => (
                          <th key={n} scope="col">
                            {n}
                          </th>
                        ))}
                        <th scope="col">Mean difference</th>
                        <th scope="col">Panel key</th>
                      </tr>
                    </thead>
                    <tbody>
                      {panel.choices.map((c, i) => {
                        const o = a.options[i]!
                        return (
                          <tr key={c.key} className={o.disagree ? 'disagree' : undefined}>
                            <th scope="row">
                              {c.label} {o.disagree ? <span className="badge red-flag">Disagreement</span> : null}
                            </th>
                            {a.byRater[c.key]!.map((s, j) =>
                              s === null ? (
                                <td key={j} className="muted">
                                  to score again (the text changed)
                                </td>
                              ) : (
                                <td key={j}>{figure(s)}</td>
                              ),
                            )}
                            <td>{figure(o.meanDifference)}</td>
                            <td>{figure(panel.panelKey?.[c.key] ?? null)}</td>
                          </tr>
                        )
                      })}
                    </tbody>
                  </table>
                </div>
              </>
            )}
          </section>
        </>
      )}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
