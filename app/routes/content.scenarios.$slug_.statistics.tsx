import type { LoaderFunctionArgs, MetaFunction } from 'react-router'
import { Link, useLoaderData } from 'react-router'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { percent } from '~/components/quiz-item'
import { ITEM_TYPE_LABELS } from '~/domain/scenarios/scenario'
import { scenarioStatistics } from '~/models/scenario-authoring.server'
import { requireContentManager } from '~/utils/auth.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Statistics: ${data?.versions[0]?.title ?? 'scenario'} · Mission Ready` },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireContentManager(request)
  return scenarioStatistics(params.slug ?? '')
}

const figure = (n: number | null) => (n === null ? '–' : n.toFixed(2))

export default function ScenarioStatistics() {
  const { slug, minimum, versions, competencies } = useLoaderData<typeof loader>()
  return (
    <div className="stack">
      <p>
        <Link to={`/content/scenarios/${slug}`}>← Edit the scenario</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>Item statistics: {versions[0]?.title}</h1>
          <p>
            Per published version, over submitted attempts. Figures appear once a version has {minimum} answers. Facility is the mean score;
            discrimination is how well the item score follows the rest of the attempt (below 0.2 is weak).
          </p>
        </div>
      </div>
      {versions.map((v) => (
        <section key={v.number} className="card" aria-labelledby={`v${v.number}`}>
          <div className="module-head">
            <h2 id={`v${v.number}`}>
              Version {v.number} · {ITEM_TYPE_LABELS[v.type]}
            </h2>
            <span className="badge">
              {v.stats.count} answer{v.stats.count === 1 ? '' : 's'}
            </span>
          </div>
          {!v.stats.enough ? (
            <p className="muted">
              {v.stats.count} of the {minimum} answers needed before the figures mean anything.
            </p>
          ) : (
            <>
              <dl className="stat-row">
                <div>
                  <dt>Facility</dt>
                  <dd className="stat">{figure(v.stats.facility)}</dd>
                </div>
                <div>
                  <dt>Discrimination</dt>
                  <dd className="stat">{figure(v.stats.discrimination)}</dd>
                </div>
              </dl>
              {v.stats.flags.length > 0 ? (
                <div className="alert warn">
                  <p>
                    <strong>Flagged for review</strong>
                  </p>
                  <ul>
                    {v.stats.flags.map((f) => (
                      <li key={f}>{f}</li>
                    ))}
                  </ul>
                </div>
              ) : (
                <p className="alert success">No flags: the item behaves as a good item should.</p>
              )}
              {v.options.length > 0 ? (
                <div className="table-wrap">
                  <table>
                    <caption>{v.type === 'ranking' ? 'How often each response was put first' : 'How often each option was chosen'}</caption>
                    <thead>
                      <tr>
                        <th scope="col">Option</th>
                        <th scope="col">Score</th>
                        <th scope="col">Chosen</th>
                        <th scope="col">Their mean on the rest of the attempt</th>
                      </tr>
                    </thead>
                    <tbody>
                      {v.options.map((o, i) => (
                        <tr key={i}>
                          <td>
                            {o.text} {o.redFlag ? <span className="badge red-flag">⚑ Red flag</span> : null}
                          </td>
                          <td>{o.score ?? `rank ${i + 1}`}</td>
                          <td>
                            <Bar share={v.stats.options[i]!.share} /> {v.stats.options[i]!.count} ({percent(v.stats.options[i]!.share)})
                          </td>
                          <td>{percent(v.stats.options[i]!.restMean)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ) : null}
              {v.nodes.map((n, i) => (
                <div key={n.id} className="table-wrap">
                  <table>
                    <caption>
                      Turn “{n.id}”: reached {v.stats.nodes[i]!.reached} time{v.stats.nodes[i]!.reached === 1 ? '' : 's'}, this decision’s
                      facility {figure(v.stats.nodes[i]!.facility)}; evidence for{' '}
                      {v.stats.nodes[i]!.competencies.map((id) => competencies[id] ?? id).join(', ')}
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">Choice</th>
                        <th scope="col">Score</th>
                        <th scope="col">Taken</th>
                        <th scope="col">Their mean on the rest of the attempt</th>
                      </tr>
                    </thead>
                    <tbody>
                      {n.choices.map((c, j) => {
                        const s = v.stats.nodes[i]!.choices[j]!
                        return (
                          <tr key={j}>
                            <td>
                              {c.text} <span className="muted">{c.next ? `→ ${c.next}` : '→ end'}</span>
                            </td>
                            <td>{c.score}</td>
                            <td>
                              <Bar share={s.share} /> {s.count} ({percent(s.share)})
                            </td>
                            <td>{percent(s.restMean)}</td>
                          </tr>
                        )
                      })}
                    </tbody>
                  </table>
                </div>
              ))}
            </>
          )}
        </section>
      ))}
    </div>
  )
}

function Bar({ share }: { share: number }) {
  return (
    <span className="share-bar" aria-hidden="true">
      <span style={{ width: `${Math.round(share * 100)}%` }} />
    </span>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
