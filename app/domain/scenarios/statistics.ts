import { nodeCompetencies, type ScenarioDefinition } from './scenario'
import type { ItemResponse } from './scoring'

/** Statistics are shown, and items flagged, once this many attempts have answered the item. */
export const MIN_ATTEMPTS_FOR_STATISTICS = 10
/** An option's choosers are compared with the key's once each side has this many. */
const MIN_CHOOSERS = 5

/** One submitted attempt: the scored items in it (versions, scores and answers). */
export type AttemptRecord = { items: { versionId: string; score: number | null; response: ItemResponse | null }[] }

export type ItemStatistics = {
  /** Attempts with a scored answer to this version. */
  count: number
  enough: boolean
  /** Mean score, 0 to 1. */
  facility: number | null
  /** Pearson correlation of the item score with the mean of the rest of the attempt; null when undefined. */
  discrimination: number | null
  /**
   * How many answers chose each option (single and multiple), or put it first (ranking), and how those
   * who chose it scored on the rest of the attempt: how the keyed option actually behaves.
   */
  options: { index: number; count: number; share: number; restMean: number | null }[]
  /** Branching: per node, how often each choice was taken and how its takers scored on the rest of the attempt. */
  nodes: {
    node: string
    /** The competencies this turn's decision is evidence for. */
    competencies: string[]
    reached: number
    /** The mean score of this turn's decision among those who reached it: each decision is evidence of its own. */
    facility: number | null
    choices: { index: number; count: number; share: number; restMean: number | null }[]
  }[]
  flags: string[]
}

const mean = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length)
const round = (n: number | null) => (n === null ? null : Math.round(n * 1000) / 1000)

/** Pearson's correlation coefficient; null when either side has no variance or fewer than two pairs. */
export function pearson(xs: number[], ys: number[]): number | null {
  if (xs.length < 2) return null
  const mx = mean(xs)!
  const my = mean(ys)!
  let sxy = 0
  let sxx = 0
  let syy = 0
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i]! - my)
    sxx += (x - mx) ** 2
    syy += (ys[i]! - my) ** 2
  })
  if (sxx === 0 || syy === 0) return null
  return sxy / Math.sqrt(sxx * syy)
}

/**
 * Classical test statistics of one scenario version over submitted attempts: facility (mean score),
 * discrimination (item score against the rest of the attempt), option choice counts and, for
 * branching, per-node choice counts with the rest-of-attempt mean of those who took each choice.
 * Flags, as in Moodle's quiz statistics: facility above 0.95 or below 0.2, or discrimination below 0.2.
 */
export function itemStatistics(versionId: string, s: ScenarioDefinition, attempts: AttemptRecord[]): ItemStatistics {
  const rows: { score: number; rest: number | null; response: ItemResponse | null }[] = []
  for (const attempt of attempts) {
    const scored = attempt.items.filter((i) => i.score !== null)
    const mine = scored.find((i) => i.versionId === versionId)
    if (!mine) continue
    const rest = mean(scored.filter((i) => i !== mine).map((i) => i.score!))
    rows.push({ score: mine.score!, rest, response: mine.response })
  }
  const count = rows.length
  const facility = mean(rows.map((r) => r.score))
  const paired = rows.filter((r) => r.rest !== null)
  const discrimination = pearson(
    paired.map((r) => r.score),
    paired.map((r) => r.rest!),
  )

  const chosen = (r: (typeof rows)[number]): number[] => {
    const resp = r.response
    if (!resp) return []
    if (resp.type === 'single') return [resp.option]
    if (resp.type === 'multiple') return resp.options
    if (resp.type === 'ranking') return [resp.order[0]!]
    return []
  }
  const options = s.options.map((_, index) => {
    const takers = rows.filter((r) => chosen(r).includes(index))
    return {
      index,
      count: takers.length,
      share: count === 0 ? 0 : round(takers.length / count)!,
      restMean: round(mean(takers.flatMap((t) => (t.rest === null ? [] : [t.rest])))),
    }
  })

  const nodes = s.nodes.map((node) => {
    const steps = rows.flatMap((r) =>
      r.response?.type === 'branching'
        ? r.response.path.filter((p) => p.node === node.id).map((p) => ({ choice: p.choice, rest: r.rest }))
        : [],
    )
    return {
      node: node.id,
      competencies: nodeCompetencies(s, node).map((c) => c.id),
      reached: steps.length,
      facility: round(mean(steps.map((p) => node.choices[p.choice]?.score ?? 0))),
      choices: node.choices.map((_, index) => {
        const takers = steps.filter((p) => p.choice === index)
        return {
          index,
          count: takers.length,
          share: steps.length === 0 ? 0 : round(takers.length / steps.length)!,
          restMean: round(mean(takers.flatMap((t) => (t.rest === null ? [] : [t.rest])))),
        }
      }),
    }
  })

  const enough = count >= MIN_ATTEMPTS_FOR_STATISTICS
  const flags: string[] = []
  if (enough && facility !== null && facility > 0.95) flags.push('Too easy: almost everyone gets the best score (facility above 0.95).')
  if (enough && facility !== null && facility < 0.2) flags.push('Too hard or miskeyed: the mean score is below 0.2.')
  if (enough && discrimination !== null && discrimination < 0.2)
    flags.push('Low discrimination: doing well here says little about the rest of the attempt (below 0.2).')
  // A keyed option behaves as its key says when those who choose the best one do at least as well elsewhere.
  if (enough && (s.type === 'single' || s.type === 'ranking')) {
    const best = s.type === 'ranking' ? 0 : s.options.findIndex((o) => o.score === 1)
    const key = options[best]
    const rival = options.find(
      (o, i) =>
        i !== best &&
        o.count >= MIN_CHOOSERS &&
        o.restMean !== null &&
        key &&
        key.count >= MIN_CHOOSERS &&
        key.restMean !== null &&
        o.restMean > key.restMean + 0.1,
    )
    if (rival)
      flags.push(
        `Those who choose option ${rival.index + 1} do better on the rest of the attempt than those who choose the key (option ${best + 1}): check the key.`,
      )
  }
  return { count, enough, facility: round(facility), discrimination: round(discrimination), options, nodes, flags }
}
