import { z } from 'zod'

export const FEEDBACK_MODES = ['each', 'end'] as const

export const QuizSchema = z.object({
  title: z.string().trim().min(3).max(120),
  description: z.string().trim().max(400).default(''),
  /** The module this quiz closes (its slug); none for a quiz that stands alone. */
  module: z.string().optional(),
  /** Scenario slugs, the bank the quiz draws from. */
  items: z.array(z.string().regex(/^[a-z][a-z0-9-]+$/)).min(1, 'A quiz needs at least one scenario.'),
  /** How many of the items each attempt draws; all of them when absent. */
  draw: z.number().int().min(1).optional(),
  /** Feedback after each item, or only in the review at the end. */
  feedback: z.enum(FEEDBACK_MODES).default('each'),
  shuffleItems: z.boolean().default(true),
  /** Attempts allowed; unlimited when absent. */
  maxAttempts: z.number().int().min(1).max(50).optional(),
  /** Hours to wait after a submitted attempt before the next one. */
  cooldownHours: z
    .number()
    .min(0)
    .max(24 * 30)
    .default(0),
})
export type QuizDefinition = z.infer<typeof QuizSchema>
export type QuizPolicy = Pick<QuizDefinition, 'maxAttempts' | 'cooldownHours'>
/** A quiz's settings as stored with it (QuizSchema's output without the texts). */
export type QuizSettings = Omit<QuizDefinition, 'title' | 'description' | 'module'>
export const StoredQuizSettingsSchema: z.ZodType<QuizSettings> = z.object({
  items: z.array(z.string()),
  draw: z.number().optional(),
  feedback: z.enum(FEEDBACK_MODES),
  shuffleItems: z.boolean(),
  maxAttempts: z.number().optional(),
  cooldownHours: z.number(),
})
/** The order an attempt item shows options in: one permutation, or one per conversation node. */
export type OptionOrder = number[] | Record<string, number[]>
export const OptionOrderSchema: z.ZodType<OptionOrder> = z.union([z.array(z.number()), z.record(z.string(), z.array(z.number()))])

/** A uniformly random permutation of 0..n-1 (Fisher–Yates). */
export function permutation(n: number, random: () => number = Math.random): number[] {
  const out = Array.from({ length: n }, (_, i) => i)
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

/**
 * Whether a scenario fits a learner's work: it is tagged for one of their roles or for "any", or
 * either side has no roles at all (an untagged scenario, a learner whose teams name no work).
 */
export function fitsRoles(scenarioRoles: readonly string[] | undefined, learnerRoles: readonly string[]): boolean {
  if (learnerRoles.length === 0 || !scenarioRoles || scenarioRoles.length === 0) return true
  return scenarioRoles.includes('any') || scenarioRoles.some((r) => learnerRoles.includes(r))
}

/**
 * The items of one attempt: `draw` of them at random (all when absent), in random order when
 * shuffled. With `fits`, a partial draw takes the items that fit the learner's work first.
 */
export function drawItems<T>(
  items: readonly T[],
  { draw, shuffleItems }: { draw?: number; shuffleItems: boolean },
  random: () => number = Math.random,
  fits?: (item: T) => boolean,
): T[] {
  const order = permutation(items.length, random)
  const count = Math.min(draw ?? items.length, items.length)
  if (!shuffleItems && count === items.length) return [...items]
  const ranked = fits ? [...order.filter((i) => fits(items[i]!)), ...order.filter((i) => !fits(items[i]!))] : order
  const picked = ranked.slice(0, count)
  return (shuffleItems ? picked : picked.sort((a, b) => a - b)).map((i) => items[i]!)
}

export type AttemptSummary = { status: 'open' | 'submitted'; submittedAt: Date | null }

export type StartDecision = { canStart: true } | { canStart: false; reason: string; availableAt: Date | null }

/** Whether a learner may start a new attempt: attempts left, and the cooldown since the last one passed. */
export function canStartAttempt(policy: QuizPolicy, attempts: AttemptSummary[], now: Date): StartDecision {
  const submitted = attempts.filter((a) => a.status === 'submitted')
  if (policy.maxAttempts !== undefined && attempts.length >= policy.maxAttempts) {
    return {
      canStart: false,
      reason: `You have used all ${policy.maxAttempts} attempt${policy.maxAttempts === 1 ? '' : 's'} at this quiz.`,
      availableAt: null,
    }
  }
  const last = submitted.map((a) => a.submittedAt!.getTime()).sort((a, b) => b - a)[0]
  if (last !== undefined && policy.cooldownHours > 0) {
    const availableAt = new Date(last + policy.cooldownHours * 3600_000)
    if (availableAt > now)
      return { canStart: false, reason: 'The next attempt opens after a pause, so the last one can sink in.', availableAt }
  }
  return { canStart: true }
}

/**
 * Practice items for a learner's weakest competencies: competencies with no scored evidence come
 * first, then the lowest mean score; items are taken round-robin from those competencies, each once.
 */
export function practiceDraw<T extends { slug: string; competencies: { id: string }[] }>(
  bank: readonly T[],
  strengths: ReadonlyMap<string, { mean: number; count: number }>,
  competencyOrder: readonly string[],
  count: number,
  random: () => number = Math.random,
  fits?: (item: T) => boolean,
): { items: T[]; focus: string[] } {
  const measured = competencyOrder.filter((c) => bank.some((item) => item.competencies.some((x) => x.id === c)))
  const weakness = (c: string) => {
    const s = strengths.get(c)
    return s && s.count > 0 ? s.mean : -1
  }
  const ranked = [...measured].sort((a, b) => weakness(a) - weakness(b) || competencyOrder.indexOf(a) - competencyOrder.indexOf(b))
  const focus = ranked.slice(0, Math.max(1, Math.min(3, ranked.length)))
  const pools = focus.map((c) =>
    drawItems(
      bank.filter((item) => item.competencies.some((x) => x.id === c)),
      { shuffleItems: true },
      random,
      fits,
    ),
  )
  const items: T[] = []
  const taken = new Set<string>()
  for (let round = 0; items.length < count && pools.some((p) => p.length > 0); round++) {
    for (const pool of pools) {
      while (pool.length > 0 && taken.has(pool[0]!.slug)) pool.shift()
      const next = pool.shift()
      if (next && items.length < count) {
        items.push(next)
        taken.add(next.slug)
      }
    }
  }
  return { items, focus }
}
