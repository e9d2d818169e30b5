import { describe, expect, it } from 'vitest'
import {
  addEvent,
  answersToDecide,
  betaCdf,
  betaQuantile,
  CALL_LABELS,
  callOf,
  clientReady,
  DEFAULT_SETTINGS,
  EMPTY_SUMS,
  estimate,
  LEAST_EVIDENCE_FOR_READY,
  MOST_TO_DECIDE,
  needsRefresher,
  toDecidePhrase,
  weakest,
  type ScoredEvent,
} from './model'

const now = new Date('2026-11-23T12:00:00Z')
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000)
const sumsOf = (events: ScoredEvent[]) => events.reduce((s, e) => addEvent(s, e, DEFAULT_SETTINGS.halfLifeDays), EMPTY_SUMS)

describe('the Beta distribution', () => {
  it('matches closed forms', () => {
    // Beta(1,1) is uniform; Beta(2,1) has CDF x²; Beta(1,2) has CDF 1 − (1 − x)²; Beta(3,1) has CDF x³.
    expect(betaCdf(0.3, 1, 1)).toBeCloseTo(0.3, 10)
    expect(betaCdf(0.5, 2, 1)).toBeCloseTo(0.25, 10)
    expect(betaCdf(0.5, 1, 2)).toBeCloseTo(0.75, 10)
    expect(betaQuantile(0.1, 1, 1)).toBeCloseTo(0.1, 8)
    expect(betaQuantile(0.1, 2, 1)).toBeCloseTo(Math.sqrt(0.1), 8)
    expect(betaQuantile(0.9, 2, 1)).toBeCloseTo(Math.sqrt(0.9), 8)
    expect(betaQuantile(0.1, 1, 2)).toBeCloseTo(1 - Math.sqrt(0.9), 8)
    expect(betaQuantile(0.1, 3, 1)).toBeCloseTo(0.1 ** (1 / 3), 8)
    // Symmetric: Beta(5,5) has its median at 0.5 and symmetric quantiles.
    expect(betaQuantile(0.1, 5, 5) + betaQuantile(0.9, 5, 5)).toBeCloseTo(1, 8)
  })
})

describe('estimates', () => {
  it('no scored evidence: not started, the uniform prior', () => {
    const e = estimate(EMPTY_SUMS, now, DEFAULT_SETTINGS, true)
    expect(e).toMatchObject({ alpha: 1, beta: 1, mean: 0.5, level: 'not-started', count: 0, redFlag: false })
    expect(e.lower).toBeCloseTo(0.05, 5)
  })

  const best = (n: number, at = now) => sumsOf(Array.from({ length: n }, () => ({ score: 1, weight: 1, at })))

  it('six best answers today: α = 7, β = 1, lower bound 0.05^(1/7) ≈ 0.652, ready', () => {
    const e = estimate(best(6), now, DEFAULT_SETTINGS, true)
    expect(e.alpha).toBeCloseTo(7, 6)
    expect(e.beta).toBeCloseTo(1, 6)
    expect(e.mean).toBeCloseTo(7 / 8, 6)
    expect(e.lower).toBeCloseTo(0.05 ** (1 / 7), 5)
    expect(e.level).toBe('ready')
  })

  it('five best answers clear the threshold (0.05^(1/6) ≈ 0.607) but are too few to call ready', () => {
    const e = estimate(best(LEAST_EVIDENCE_FOR_READY - 1), now, DEFAULT_SETTINGS, true)
    expect(e.lower).toBeCloseTo(0.05 ** (1 / 6), 5)
    expect(e.lower).toBeGreaterThanOrEqual(DEFAULT_SETTINGS.readyLowerBound)
    expect(e.level).toBe('developing')
    expect(answersToDecide(e, DEFAULT_SETTINGS)).toBe(1)
  })

  it('ready also needs the required lessons done', () => {
    const e = estimate(best(6), now, DEFAULT_SETTINGS, false)
    expect(e.level).toBe('developing')
  })

  it('decay: the same six answers 180 days ago count half, α = 4, and fall back to developing', () => {
    const e = estimate(best(6, daysAgo(180)), now, DEFAULT_SETTINGS, true)
    expect(e.alpha).toBeCloseTo(4, 6)
    expect(e.lower).toBeCloseTo(0.05 ** (1 / 4), 5)
    expect(e.level).toBe('developing')
    expect(needsRefresher('ready', e.level)).toBe(true)
    expect(needsRefresher('developing', e.level)).toBe(false)
  })

  it('mixed scores and weights: α = 1 + Σ w·s, β = 1 + Σ w·(1 − s)', () => {
    const e = estimate(
      sumsOf([
        { score: 1, weight: 1, at: now },
        { score: 0.5, weight: 0.5, at: now },
        { score: 0, weight: 1, at: daysAgo(360) },
      ]),
      now,
      DEFAULT_SETTINGS,
      true,
    )
    // α = 1 + 1 + 0.25 = 2.25; β = 1 + 0.25 + 1 × 2^(−2) = 1.5
    expect(e.alpha).toBeCloseTo(2.25, 6)
    expect(e.beta).toBeCloseTo(1.5, 6)
    expect(e.mean).toBeCloseTo(2.25 / 3.75, 6)
    expect(e.level).toBe('developing')
  })

  it('role model from thirteen best answers: lower bound 0.05^(1/14) ≈ 0.807', () => {
    const e = estimate(best(13), now, DEFAULT_SETTINGS, true)
    expect(e.lower).toBeCloseTo(0.05 ** (1 / 14), 5)
    expect(e.level).toBe('role-model')
    expect(estimate(best(12), now, DEFAULT_SETTINGS, true).level).toBe('ready')
  })

  it('a red flag shows for a half-life whatever the average, then lapses', () => {
    const good = Array.from({ length: 10 }, () => ({ score: 1, weight: 1, at: now }))
    const recent = estimate(sumsOf([...good, { score: 0, weight: 0.1, at: daysAgo(10), redFlag: true }]), now, DEFAULT_SETTINGS, true)
    expect(recent.redFlag).toBe(true)
    expect(recent.level).toMatch(/ready|role-model/)
    const old = estimate(sumsOf([...good, { score: 0, weight: 0.1, at: daysAgo(200), redFlag: true }]), now, DEFAULT_SETTINGS, true)
    expect(old.redFlag).toBe(false)
  })

  it('the order in which events arrive does not matter', () => {
    const events = [
      { score: 1, weight: 1, at: daysAgo(3) },
      { score: 0.2, weight: 0.5, at: daysAgo(40) },
      { score: 0.7, weight: 1, at: daysAgo(100) },
    ]
    const a = estimate(sumsOf(events), now, DEFAULT_SETTINGS, true)
    const b = estimate(sumsOf([...events].reverse()), now, DEFAULT_SETTINGS, true)
    expect(a).toEqual(b)
  })
})

describe('pillars', () => {
  it('a pillar is its weakest competency; client-ready needs every pillar ready', () => {
    expect(
      weakest([
        { level: 'ready', lower: 0.7 },
        { level: 'developing', lower: 0.65 },
        { level: 'ready', lower: 0.62 },
      ]),
    ).toEqual({ level: 'developing', lower: 0.65 })
    expect(
      weakest([
        { level: 'ready', lower: 0.7 },
        { level: 'ready', lower: 0.62 },
      ]),
    ).toEqual({ level: 'ready', lower: 0.62 })
    expect(clientReady(['ready', 'role-model'])).toBe(true)
    expect(clientReady(['ready', 'developing'])).toBe(false)
    expect(clientReady([])).toBe(false)
  })
})

describe('not enough evidence yet', () => {
  const withAnswers = (scores: number[]) =>
    estimate(sumsOf(scores.map((score) => ({ score, weight: 1, at: now }))), now, DEFAULT_SETTINGS, true)

  it('one good answer cannot call a level: four weak answers would, sooner than the five strong ones ready needs', () => {
    const e = withAnswers([1])
    // Beta(2, 1): the interval [0.224, 0.975] holds the threshold 0.6.
    expect(e.level).toBe('developing')
    expect(e.lower).toBeLessThan(0.6)
    expect(e.upper).toBeGreaterThan(0.6)
    expect(answersToDecide(e, DEFAULT_SETTINGS)).toBe(4)
    // Checked against the estimate itself: four weak answers bring the upper bound under the threshold, three do not.
    expect(withAnswers([1, 0, 0, 0, 0]).upper).toBeLessThan(0.6)
    expect(withAnswers([1, 0, 0, 0]).upper).toBeGreaterThanOrEqual(0.6)
    // Five strong ones make it ready, four do not.
    expect(withAnswers([1, 1, 1, 1, 1, 1]).level).toBe('ready')
    expect(withAnswers([1, 1, 1, 1, 1]).level).toBe('developing')
    expect(answersToDecide(withAnswers([1, 1, 1, 1]), DEFAULT_SETTINGS)).toBe(2)
  })

  it('is null when the evidence decides, either way, or when there is none', () => {
    expect(answersToDecide(withAnswers([1, 1, 1, 1, 1, 1]), DEFAULT_SETTINGS)).toBeNull()
    const weak = withAnswers([0, 0, 0, 0, 0.2])
    expect(weak.upper).toBeLessThan(0.6)
    expect(answersToDecide(weak, DEFAULT_SETTINGS)).toBeNull()
    expect(answersToDecide(estimate(EMPTY_SUMS, now, DEFAULT_SETTINGS, true), DEFAULT_SETTINGS)).toBeNull()
  })

  it('agrees with its definition by quantiles, across priors, counts and thresholds', () => {
    // The definition: the fewest k of strong (weak) answers after which the 5th (95th) percentile
    // is at or over (under) the threshold, at most MOST_TO_DECIDE + 1.
    const byQuantiles = (e: { alpha: number; beta: number; count: number }, t: number) => {
      const first = (ok: (k: number) => boolean) => Array.from({ length: MOST_TO_DECIDE }, (_, i) => i + 1).find(ok) ?? MOST_TO_DECIDE + 1
      const strong = first((k) => e.count + k >= LEAST_EVIDENCE_FOR_READY && betaQuantile(0.05, e.alpha + k, e.beta) >= t)
      const weak = first((k) => betaQuantile(0.95, e.alpha, e.beta + k) < t)
      return Math.min(strong, weak)
    }
    let compared = 0
    for (const t of [0.5, 0.6, 0.75])
      for (const alpha of [1, 1.5, 2, 3.7, 6, 12])
        for (const beta of [1, 1.3, 2, 4, 7.5])
          for (const count of [1, 3, 5, 8]) {
            const e = { alpha, beta, count, lower: betaQuantile(0.05, alpha, beta), upper: betaQuantile(0.95, alpha, beta) }
            const settings = { ...DEFAULT_SETTINGS, readyLowerBound: t }
            const k = answersToDecide(e, settings)
            if (k === null) continue
            expect(k).toBe(byQuantiles(e, t))
            compared++
          }
    expect(compared).toBeGreaterThan(150)
  })

  it('the fewer of the two directions, and "more than" past the cap', () => {
    // Mostly weak: a few more weak answers settle it sooner than strong ones could.
    const mixed = withAnswers([0, 1, 0])
    const k = answersToDecide(mixed, DEFAULT_SETTINGS)!
    expect(k).toBeGreaterThan(0)
    expect(
      estimate(sumsOf([0, 1, 0, ...Array(k).fill(0)].map((score) => ({ score, weight: 1, at: now }))), now, DEFAULT_SETTINGS, true).upper,
    ).toBeLessThan(0.6)
    expect(
      estimate(sumsOf([0, 1, 0, ...Array(k - 1).fill(0)].map((score) => ({ score, weight: 1, at: now }))), now, DEFAULT_SETTINGS, true)
        .upper,
    ).toBeGreaterThanOrEqual(0.6)
    // Many answers sitting right at the threshold: neither a few strong nor a few weak ones decide.
    const atThreshold = estimate({ ...EMPTY_SUMS, count: 400 }, now, DEFAULT_SETTINGS, true)
    expect(answersToDecide({ ...atThreshold, alpha: 240, beta: 160, lower: 0.57, upper: 0.63 }, DEFAULT_SETTINGS)).toBe(MOST_TO_DECIDE + 1)
  })
})

describe('what a competency shows', () => {
  it('its level when the evidence decides, "not enough evidence yet" and how many more when not', () => {
    expect(callOf('developing', null)).toBe('developing')
    expect(callOf('developing', 3)).toBe('undecided')
    expect(CALL_LABELS.undecided).toBe('Not enough evidence yet')
    expect(toDecidePhrase(3)).toBe('3 more answers or observations could decide it')
    expect(toDecidePhrase(1)).toBe('one more answer or observation could decide it')
    expect(toDecidePhrase(MOST_TO_DECIDE + 1)).toBe(`more than ${MOST_TO_DECIDE} more answers or observations are needed to decide it`)
  })
})
