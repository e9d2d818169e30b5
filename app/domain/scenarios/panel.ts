// Keys set by a panel: two or more trainers score a scenario's options independently; agreement is
// measured per option (mean absolute difference between raters, range) and overall (Krippendorff's
// alpha for interval data), and the published key is the panel's.
import { z } from 'zod'
import type { ScenarioDefinition } from './scenario'

/** An option whose raters' scores differ by more than this is marked as a disagreement. */
export const DISAGREEMENT_RANGE = 0.3
/** Below this alpha the panel as a whole disagrees (Krippendorff's lowest level for tentative conclusions). */
export const MIN_ALPHA = 0.667
/** A panel is at least this many raters. */
export const MIN_PANEL = 2

/** A scored choice of a scenario: an option, or a reply at a conversation turn, by its place in the definition. */
export type ScoredChoice = { key: string; label: string; text: string; multiple: boolean }

/**
 * The choices a panel scores: every option of a single or multiple response item, every reply of a
 * conversation. Rankings are keyed by their order and free text by its rubric, so they have none.
 */
export function scoredChoices(s: Pick<ScenarioDefinition, 'type' | 'options' | 'nodes'>): ScoredChoice[] {
  if (s.type === 'single' || s.type === 'multiple')
    return s.options.map((o, i) => ({ key: `options.${i}`, label: `Option ${i + 1}`, text: o.text, multiple: s.type === 'multiple' }))
  if (s.type === 'branching') {
    return s.nodes.flatMap((n, i) =>
      n.choices.map((c, j) => ({ key: `nodes.${i}.choices.${j}`, label: `Turn “${n.id}”, reply ${j + 1}`, text: c.text, multiple: false })),
    )
  }
  return []
}

/** One rater's scores, by choice key, each with the text they scored (a changed text needs scoring again). */
export type Rating = { raterId: string; scores: Record<string, { text: string; score: number }> }

/** One rater's stored scores: per choice key, the text scored and its score (0 to 1). */
export const PanelScoresSchema: z.ZodType<Rating['scores']> = z.record(
  z.string(),
  z.object({ text: z.string(), score: z.number().min(0).max(1) }),
)

export type OptionAgreement = {
  key: string
  /** The scores of raters who scored this text, in rater order. */
  scores: number[]
  mean: number | null
  /** Mean absolute difference over pairs of raters. */
  meanDifference: number | null
  range: number | null
  disagree: boolean
}

export type Agreement = {
  raters: number
  options: OptionAgreement[]
  /** Mean absolute difference over every option and pair of raters. */
  meanDifference: number | null
  /** Krippendorff's alpha (interval); null when there is nothing to compare or no variation at all. */
  alpha: number | null
  /** Whether publishing this panel's key needs an explicit override. */
  disagrees: boolean
}

const round = (n: number) => Math.round(n * 1000) / 1000
const pairs = <T>(xs: T[]) => xs.flatMap((a, i) => xs.slice(i + 1).map((b) => [a, b] as const))

/** The scores each choice received, from ratings of its current text only. */
function scoresByChoice(choices: ScoredChoice[], ratings: Rating[]) {
  return choices.map((c) => ratings.flatMap((r) => (r.scores[c.key] && r.scores[c.key]!.text === c.text ? [r.scores[c.key]!.score] : [])))
}

/**
 * Krippendorff's alpha for interval data, from units each holding the values its raters gave:
 * 1 − observed / expected disagreement, using only units with two or more values.
 */
export function krippendorffAlpha(units: number[][]): number | null {
  const pairable = units.filter((u) => u.length >= 2)
  const values = pairable.flat()
  const n = values.length
  if (n < 2) return null
  let observed = 0
  for (const u of pairable) {
    let sum = 0
    for (const [a, b] of pairs(u)) sum += 2 * (a - b) ** 2
    observed += sum / (u.length - 1)
  }
  observed /= n
  let expected = 0
  for (const [a, b] of pairs(values)) expected += 2 * (a - b) ** 2
  expected /= n * (n - 1)
  if (expected === 0) return observed === 0 ? 1 : null
  return 1 - observed / expected
}

/** How far a panel's ratings agree, per choice and overall. */
export function panelAgreement(choices: ScoredChoice[], ratings: Rating[]): Agreement {
  const byChoice = scoresByChoice(choices, ratings)
  const options = choices.map((c, i): OptionAgreement => {
    const scores = byChoice[i]!
    const ps = pairs(scores)
    const range = scores.length >= 2 ? Math.max(...scores) - Math.min(...scores) : null
    return {
      key: c.key,
      scores,
      mean: scores.length === 0 ? null : round(scores.reduce((a, b) => a + b, 0) / scores.length),
      meanDifference: ps.length === 0 ? null : round(ps.reduce((sum, [a, b]) => sum + Math.abs(a - b), 0) / ps.length),
      range: range === null ? null : round(range),
      disagree: range !== null && range > DISAGREEMENT_RANGE + 1e-9,
    }
  })
  const allPairs = byChoice.flatMap((scores) => pairs(scores))
  const alpha = krippendorffAlpha(byChoice)
  const raters = ratings.filter((r) => choices.some((c) => r.scores[c.key]?.text === c.text)).length
  return {
    raters,
    options,
    meanDifference: allPairs.length === 0 ? null : round(allPairs.reduce((sum, [a, b]) => sum + Math.abs(a - b), 0) / allPairs.length),
    alpha: alpha === null ? null : round(alpha),
    disagrees: raters >= MIN_PANEL && (options.some((o) => o.disagree) || (alpha !== null && alpha < MIN_ALPHA)),
  }
}

/**
 * The definition with the panel's key: each choice that at least MIN_PANEL raters scored gets their
 * mean (to the nearest 0.05; in multiple response, in or out by majority, a tie counting in).
 * Returns the definition unchanged when there is no panel.
 */
export function withPanelKey<S extends Pick<ScenarioDefinition, 'type' | 'options' | 'nodes'>>(s: S, ratings: Rating[]): S {
  const choices = scoredChoices(s)
  const agreement = panelAgreement(choices, ratings)
  if (agreement.raters < MIN_PANEL) return s
  const key = new Map(choices.map((c, i) => [c.key, agreement.options[i]!]))
  const keyed = (k: string, current: number | undefined) => {
    const a = key.get(k)!
    if (a.scores.length < MIN_PANEL || a.mean === null) return current
    return s.type === 'multiple' ? (a.mean >= 0.5 ? 1 : 0) : Math.round(a.mean * 20) / 20
  }
  return {
    ...s,
    options: s.options.map((o, i) => ({ ...o, score: keyed(`options.${i}`, o.score) })),
    nodes: s.nodes.map((n, i) => ({
      ...n,
      choices: n.choices.map((c, j) => ({ ...c, score: keyed(`nodes.${i}.choices.${j}`, c.score) })),
    })),
  }
}
