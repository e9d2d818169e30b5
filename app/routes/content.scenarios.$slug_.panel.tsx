import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from 'react-router'
import { data, Form, Link, redirect, useActionData, useLoaderData, useNavigation, useSearchParams } from 'react-router'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field } from '~/components/ui/field'
import { DISAGREEMENT_RANGE, MIN_ALPHA, MIN_PANEL } from '~/domain/scenarios/panel'
import { QuizInputError } from '~/models/quiz.server'
import { getPanel, savePanelRating } from '~/models/scenario-panel.server'
import { requireContentManager } from '~/utils/auth.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Key panel: ${data?.title || 'scenario'} · Mission Ready` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireContentManager(request)
  return getPanel(params.slug ?? '', user.id)
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireContentManager(request)
  const slug = params.slug ?? ''
  const form = await request.formData()
  // Each choice's score arrives as `score:<choice key>`; the model checks every key and value.
  const scores: Record<string, number> = {}
  for (const [name, value] of form) {
    if (name.startsWith('score:') && typeof value === 'string' && value.trim() !== '') scores[name.slice('score:'.length)] = Number(value)
  }
  try {
    await savePanelRating(slug, user.id, scores)
  } catch (error) {
    if (error instanceof QuizInputError) return data({ error: error.message }, { status: 400 })
    throw error
  }
  return redirect(`/content/scenarios/${slug}/panel?scored=1`)
}

const figure = (n: number | null) => (n === null ? '–' : n.toFixed(2))

export default function ScenarioPanel() {
  const panel = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [params] = useSearchParams()
  const busy = useNavigation().state === 'submitting'
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
      {params.get('scored') && !actionData ? (
        <p className="alert success" role="status">
          Your scores are saved.
        </p>
      ) : null}
      {actionData?.error ? (
        <p className="alert error" role="alert">
          {actionData.error}
        </p>
      ) : null}
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
          <Form method="post" className="card stack" aria-labelledby="your-scores">
            <h2 id="your-scores">Your scores</h2>
            {panel.choices.map((c) => (
              <div key={c.key} className="panel-choice">
                <p>
                  <strong>{c.label}.</strong> {c.text}
                </p>
                <Field
                  label={`Your score for ${c.label.toLowerCase()}`}
                  name={`score:${c.key}`}
                  type="number"
                  min={0}
                  max={1}
                  step={c.multiple ? 1 : 0.05}
                  required
                  defaultValue={panel.mine[c.key] ?? ''}
                  hint={c.multiple ? '1 if it belongs in the answer, 0 if not' : '0 (poor) to 1 (best)'}
                />
              </div>
            ))}
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
