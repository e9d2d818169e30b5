// Readiness display pieces: a level as text and colour, an estimate's 90% interval as a bar,
// and small charts for history and trends.
import { useDateFormat } from '~/components/use-dates'
import { CALL_LABELS, callOf, toDecidePhrase, type Call, type Level } from '~/domain/readiness/model'

/** A level, or "not enough evidence yet" (with how many more answers could decide) while the interval holds the threshold. */
export function LevelBadge({ level, toDecide = null }: { level: Level | 'undecided'; toDecide?: number | null }) {
  const call = level === 'undecided' ? level : callOf(level, toDecide)
  return (
    <span className={`level level-${call}`} title={toDecide === null ? undefined : `${CALL_LABELS[call]}: ${toDecidePhrase(toDecide)}`}>
      {CALL_LABELS[call]}
    </span>
  )
}

/** Short level words for narrow heatmap cells; the full label is what screen readers and the tooltip give. */
export const SHORT_LABELS: Record<Call, string> = {
  'not-started': 'Not yet',
  developing: 'Dev.',
  ready: 'Ready',
  'role-model': 'Model',
  undecided: 'Unsure',
}

/** A level in a few letters, with its full name for screen readers and as a tooltip. */
export function LevelShort({ call }: { call: Call }) {
  return (
    <span className="level-short" title={CALL_LABELS[call]}>
      <span aria-hidden="true">{SHORT_LABELS[call]}</span>
      <span className="visually-hidden">{CALL_LABELS[call]}</span>
    </span>
  )
}

/**
 * The estimate's 90% interval (bar) and mean (tick), on a 0–100% scale with the ready threshold marked.
 * With no scored evidence (`count` 0) the prior's wide interval would read as progress, so the bar is
 * an empty dashed track that says "Not started".
 */
export function IntervalBar({
  lower,
  upper,
  mean,
  readyAt,
  label,
  count,
}: {
  lower: number
  upper: number
  mean: number
  readyAt: number
  label: string
  count?: number
}) {
  const pct = (n: number) => `${Math.round(n * 100)}%`
  if (count === 0)
    return (
      <div className="interval interval-empty" role="img" aria-label={`${label}: not started, no scored evidence yet`}>
        <span className="interval-empty-text" aria-hidden="true">
          Not started
        </span>
        <span className="interval-threshold" style={{ left: pct(readyAt) }} title="Ready threshold" />
      </div>
    )
  return (
    <div className="interval" role="img" aria-label={`${label}: estimated ${pct(mean)}, 90% sure between ${pct(lower)} and ${pct(upper)}`}>
      <span className="interval-range" style={{ left: pct(lower), width: pct(upper - lower) }} />
      <span className="interval-mean" style={{ left: pct(mean) }} />
      <span className="interval-threshold" style={{ left: pct(readyAt) }} title="Ready threshold" />
    </div>
  )
}

/** A small line chart of points in [0, max], with its values listed for screen readers. */
export function LineChart({
  points,
  max,
  label,
  format,
}: {
  points: { x: string; y: number }[]
  max: number
  label: string
  format: (y: number) => string
}) {
  const day = useDateFormat('shortDate')
  if (points.length === 0) return <p className="muted">No history yet.</p>
  const w = 560
  const h = 140
  const pad = 44
  const x = (i: number) => pad + (points.length === 1 ? 0 : (i * (w - 2 * pad)) / (points.length - 1))
  const y = (v: number) => h - pad - (max === 0 ? 0 : (v / max) * (h - 2 * pad))
  return (
    <figure className="line-chart">
      <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-label={label} style={{ maxWidth: '100%', height: 'auto' }}>
        <line x1={pad} y1={h - pad} x2={w - pad} y2={h - pad} className="axis" />
        <line x1={pad} y1={y(max)} x2={w - pad} y2={y(max)} className="grid-line" />
        <polyline points={points.map((p, i) => `${x(i)},${y(p.y)}`).join(' ')} className="series" fill="none" />
        {points.map((p, i) => (
          <circle key={p.x} cx={x(i)} cy={y(p.y)} r={3} className="dot" />
        ))}
        <text x={pad} y={h - 6} className="tick">
          {day.format(new Date(points[0]!.x))}
        </text>
        <text x={w - pad} y={h - 6} className="tick" textAnchor="end">
          {day.format(new Date(points[points.length - 1]!.x))}
        </text>
        <text x={pad - 4} y={y(max) + 4} className="tick" textAnchor="end">
          {format(max)}
        </text>
      </svg>
      <figcaption className="visually-hidden">{points.map((p) => `${day.format(new Date(p.x))}: ${format(p.y)}`).join('; ')}</figcaption>
    </figure>
  )
}
