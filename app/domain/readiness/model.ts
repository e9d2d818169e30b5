// The readiness model (app/docs/decisions/008-readiness-model.md): for each (employee, competency), a recency-weighted
// Beta estimate of mastery with a 90% credible interval, a level, and red flags.

export const LEVELS = ['not-started', 'developing', 'ready', 'role-model'] as const
export type Level = (typeof LEVELS)[number]
export const LEVEL_LABELS: Record<Level, string> = {
  'not-started': 'Not started',
  developing: 'Developing',
  ready: 'Ready',
  'role-model': 'Role model',
}

/** What a leader can record having seen (ratings 0–3), and the score each gives. */
export const OBSERVATION_LABELS = ['Not yet', 'Partly', 'Yes, as expected', 'Beyond: a role model'] as const
export const OBSERVATION_SCORES = [0, 0.5, 0.8, 1] as const

export type ReadinessSettings = {
  /** Evidence this many days old counts half. */
  halfLifeDays: number
  /** Lower bound of the 90% interval at or above which a competency is ready. */
  readyLowerBound: number
  /** Lower bound at or above which it is role model. */
  roleModelLowerBound: number
}
export const DEFAULT_SETTINGS: ReadinessSettings = { halfLifeDays: 180, readyLowerBound: 0.6, roleModelLowerBound: 0.8 }

const DAY_MS = 86_400_000
export const WEEK_MS = 7 * DAY_MS
/** Sums are kept relative to this instant (2024-01-01), so they can be updated one event at a time. */
const EPOCH_MS = Date.UTC(2024, 0, 1)

/** A scored piece of evidence for one competency: score in [0, 1], the item's weight, when it happened. */
export type ScoredEvent = { score: number; weight: number; at: Date; redFlag?: boolean }

/**
 * Running sums for one (employee, competency): Σ w·s and Σ w·(1−s), each scaled by 2^(t/h) with t
 * in days since the epoch, so adding an event is one addition and the decayed value at any time is
 * a single multiplication by 2^(−now/h).
 */
export type Sums = { positive: number; negative: number; count: number; lastRedFlagAt: Date | null; lastEvidenceAt: Date | null }
export const EMPTY_SUMS: Sums = { positive: 0, negative: 0, count: 0, lastRedFlagAt: null, lastEvidenceAt: null }

const growth = (at: Date, halfLifeDays: number) => 2 ** ((at.getTime() - EPOCH_MS) / DAY_MS / halfLifeDays)

/** Adds one scored event to the running sums. */
export function addEvent(sums: Sums, e: ScoredEvent, halfLifeDays: number): Sums {
  const g = growth(e.at, halfLifeDays)
  const later = (a: Date | null, b: Date) => (a && a > b ? a : b)
  return {
    positive: sums.positive + e.weight * e.score * g,
    negative: sums.negative + e.weight * (1 - e.score) * g,
    count: sums.count + 1,
    lastRedFlagAt: e.redFlag ? later(sums.lastRedFlagAt, e.at) : sums.lastRedFlagAt,
    lastEvidenceAt: later(sums.lastEvidenceAt, e.at),
  }
}

// --- the Beta distribution -------------------------------------------------------------------

function logGamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9), accurate to about 15 digits for x > 0.
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ]
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x)
  x -= 1
  let a = c[0]!
  const t = x + 7.5
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i)
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a)
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  // Lentz's method, as in Numerical Recipes' betacf.
  const tiny = 1e-300
  let c = 1
  let d = 1 - ((a + b) * x) / (a + 1)
  if (Math.abs(d) < tiny) d = tiny
  d = 1 / d
  let h = d
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2))
    d = 1 + aa * d
    if (Math.abs(d) < tiny) d = tiny
    c = 1 + aa / c
    if (Math.abs(c) < tiny) c = tiny
    d = 1 / d
    h *= d * c
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1))
    d = 1 + aa * d
    if (Math.abs(d) < tiny) d = tiny
    c = 1 + aa / c
    if (Math.abs(c) < tiny) c = tiny
    d = 1 / d
    const delta = d * c
    h *= delta
    if (Math.abs(delta - 1) < 1e-14) break
  }
  return h
}

/** The regularised incomplete beta function I_x(a, b): the CDF of Beta(a, b) at x. */
export function betaCdf(x: number, a: number, b: number): number {
  if (x <= 0) return 0
  if (x >= 1) return 1
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x))
  return x < (a + 1) / (a + b + 2) ? (front * betaContinuedFraction(x, a, b)) / a : 1 - (front * betaContinuedFraction(1 - x, b, a)) / b
}

/** The p-quantile of Beta(a, b), by bisection (the CDF is monotone), to 1e-12: bounds are kept to 1e-6. */
export function betaQuantile(p: number, a: number, b: number): number {
  let lo = 0
  let hi = 1
  while (hi - lo > 1e-12) {
    const mid = (lo + hi) / 2
    if (betaCdf(mid, a, b) < p) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}

// --- estimates ---------------------------------------------------------------------------------

export type Estimate = {
  alpha: number
  beta: number
  /** α / (α + β) */
  mean: number
  /** The 90% credible interval (5th and 95th percentiles). */
  lower: number
  upper: number
  level: Level
  /** A red-flag answer within the last half-life. */
  redFlag: boolean
  /** Scored evidence behind the estimate. */
  count: number
}

const round = (n: number) => Math.round(n * 1e6) / 1e6

/** The credible interval's ends: its lower bound at or above the threshold means 95% sure. */
const LOWER_QUANTILE = 0.05
const UPPER_QUANTILE = 0.95
/** The lower bound with no evidence at all: the uniform prior's. */
export const UNMEASURED_LOWER = LOWER_QUANTILE
/**
 * Scored answers and observations a competency needs before it can be called ready, whatever they
 * scored: with fewer, a learner who guesses is too often lucky on every one (decision 018).
 */
export const LEAST_EVIDENCE_FOR_READY = 6

/**
 * The estimate at `now` from running sums: α = 1 + Σ w·s·2^(−age/h), β = 1 + Σ w·(1−s)·2^(−age/h).
 * Ready needs the lower bound at the threshold, at least LEAST_EVIDENCE_FOR_READY scored pieces of
 * evidence and the competency's required lessons done.
 */
export function estimate(sums: Sums, now: Date, settings: ReadinessSettings, lessonsDone: boolean): Estimate {
  const decay = 1 / growth(now, settings.halfLifeDays)
  const alpha = 1 + sums.positive * decay
  const beta = 1 + sums.negative * decay
  const lower = betaQuantile(LOWER_QUANTILE, alpha, beta)
  const upper = betaQuantile(UPPER_QUANTILE, alpha, beta)
  let level: Level = 'not-started'
  if (sums.count > 0) {
    level = 'developing'
    const enough = lessonsDone && sums.count >= LEAST_EVIDENCE_FOR_READY
    if (enough && lower >= settings.roleModelLowerBound) level = 'role-model'
    else if (enough && lower >= settings.readyLowerBound) level = 'ready'
  }
  const redFlag = sums.lastRedFlagAt !== null && now.getTime() - sums.lastRedFlagAt.getTime() < settings.halfLifeDays * DAY_MS
  return {
    alpha: round(alpha),
    beta: round(beta),
    mean: round(alpha / (alpha + beta)),
    lower: round(lower),
    upper: round(upper),
    level,
    redFlag,
    count: sums.count,
  }
}

/** The most further answers "how many more would decide" counts; beyond it the UI says "more than". */
export const MOST_TO_DECIDE = 20

/**
 * When the 90% interval straddles the ready threshold, or sits above it on too few answers, the
 * evidence cannot yet call the level (ready or developing). This is how many more answers at full
 * weight would settle it at the least: strong ones (score 1) lifting the lower bound to the
 * threshold with enough evidence in all, or weak ones (score 0) taking the upper bound below it,
 * whichever needs fewer. Null when the evidence already decides
 * (or there is none); MOST_TO_DECIDE + 1 stands for "more than MOST_TO_DECIDE".
 */
export function answersToDecide(
  e: Pick<Estimate, 'alpha' | 'beta' | 'lower' | 'upper' | 'count'>,
  settings: ReadinessSettings,
): number | null {
  const t = settings.readyLowerBound
  if (e.count === 0 || e.upper < t || (e.lower >= t && e.count >= LEAST_EVIDENCE_FOR_READY)) return null
  // The smallest k in 1..MOST_TO_DECIDE for which `decides(k)` holds (it is monotone in k).
  const least = (decides: (k: number) => boolean) => {
    let lo = 1
    let hi = MOST_TO_DECIDE + 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (decides(mid)) hi = mid
      else lo = mid + 1
    }
    return lo
  }
  // A quantile against the threshold is the CDF at the threshold against the quantile's p (the CDF
  // is increasing): one CDF each, where a quantile is sixty (a bisection), on every answer's write.
  // k strong answers: the 5th percentile reaches t. k weak answers: the 95th falls under t.
  const strong = least((k) => e.count + k >= LEAST_EVIDENCE_FOR_READY && betaCdf(t, e.alpha + k, e.beta) <= LOWER_QUANTILE)
  const weak = least((k) => betaCdf(t, e.alpha, e.beta + k) > UPPER_QUANTILE)
  return Math.min(strong, weak)
}

/** What a competency shows: its level, or "undecided" while the evidence cannot call one (answersToDecide). */
export type Call = Level | 'undecided'
export const CALL_LABELS: Record<Call, string> = { ...LEVEL_LABELS, undecided: 'Not enough evidence yet' }
export const callOf = (level: Level, toDecide: number | null): Call => (toDecide === null ? level : 'undecided')

/** "3 more answers or observations could decide it", for a count from answersToDecide. */
export function toDecidePhrase(toDecide: number): string {
  if (toDecide > MOST_TO_DECIDE) return `more than ${MOST_TO_DECIDE} more answers or observations are needed to decide it`
  return toDecide === 1 ? 'one more answer or observation could decide it' : `${toDecide} more answers or observations could decide it`
}

/** Whether a level counts as ready (ready or role model). */
export const isReady = (level: Level) => level === 'ready' || level === 'role-model'

/** A pillar is as ready as its weakest competency (lowest level; on a tie, the lowest lower bound). */
export function weakest<T extends { level: Level; lower: number }>(estimates: T[]): T | null {
  let out: T | null = null
  for (const e of estimates) {
    if (!out || LEVELS.indexOf(e.level) < LEVELS.indexOf(out.level) || (e.level === out.level && e.lower < out.lower)) out = e
  }
  return out
}

/** Someone is client-ready when every pillar's weakest competency is ready. */
export function clientReady(pillarLevels: Level[]): boolean {
  return pillarLevels.length > 0 && pillarLevels.every(isReady)
}

/** The level a decayed estimate falls to, when it was ready before: the moment a refresher is due. */
export function needsRefresher(previous: Level, current: Level): boolean {
  return isReady(previous) && !isReady(current)
}
