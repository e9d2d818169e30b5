// The bank linter: finds answers that can be guessed from their form rather than their content.
// A test-wise learner picks the longest, the most hedged or the first option; a bank where that
// works measures test-taking, not readiness. Validation (scenario.ts) says whether an item can be
// published; this says whether it is fair. Plain functions over parsed scenarios, no I/O.
import { ScenarioSchema, type Choice, type ScenarioDefinition } from './scenario'
import { scoreResponse, type ItemResponse } from './scoring'

export type LintWarning = {
  /** The field the warning concerns, as the editor names it (`options.2.text`). */
  field: string
  /** Plain language for a trainer. */
  message: string
  /** `error` makes `content:check` fail (a scoring contradiction); `warning` is advice. */
  level: 'error' | 'warning'
  code:
    | 'key-longest'
    | 'key-hedged'
    | 'red-flag-above-unflagged'
    | 'harm-unflagged'
    | 'throwaway-distractor'
    | 'ranking-best-longest'
    | 'multiple-length-aligned'
}

/**
 * The key counts as noticeably longer at 1.25 times the mean distractor length in characters.
 * Characters rather than words: they follow what the eye sees on a card, and long words read as
 * "more careful" too. 1.25 leaves room for the ordinary spread of well-written options (about
 * ±15% in a balanced set) while catching the "one detailed option and three short ones" pattern.
 */
export const KEY_LENGTH_RATIO = 1.25
/** A distractor under 40% of the key's length is usually a straw man nobody would choose. */
export const THROWAWAY_RATIO = 0.4

/** Hedges and qualifiers: writers add them to the option they know is right, to make it "safe". */
export const HEDGES = [
  'might',
  'may',
  'perhaps',
  'maybe',
  'possibly',
  'if appropriate',
  'if needed',
  'if necessary',
  'where possible',
  'if possible',
  'usually',
  'generally',
  'often',
  'it depends',
  'depending on',
  'where appropriate',
  'as needed',
  'if they wish',
  'if he wishes',
  'if she wishes',
] as const

/** Words of options that harm a guest or colleague (privacy, safety, rudeness); such an option must carry a red flag. */
export const HARM_MARKERS = [
  'whole database',
  'entire database',
  'all the data',
  'password',
  'card number',
  'room number aloud',
  'ignore',
  'tell them to wait',
  'tell him to wait',
  'tell her to wait',
  'not my problem',
  'not my job',
  'calm down',
  'shout',
  'blame',
  'lie ',
  'pretend',
  'unlocked',
  'leave the door',
  'personal details',
  'home address',
] as const

const len = (text: string) => text.trim().length
const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length)
const countHedges = (text: string) => {
  const t = ` ${text.toLowerCase().replace(/[^a-z' ]+/g, ' ')} `
  return HEDGES.reduce((n, h) => n + (t.split(` ${h} `).length - 1), 0)
}
const harmIn = (text: string) => {
  const t = ` ${text.toLowerCase()} `
  return HARM_MARKERS.filter((m) => t.includes(m))
}
const longestIndex = (options: Choice[]) => options.reduce((best, o, i) => (len(o.text) > len(options[best]!.text) ? i : best), 0)
const shortestIndex = (options: Choice[]) => options.reduce((best, o, i) => (len(o.text) < len(options[best]!.text) ? i : best), 0)

/** The option(s) keyed as best: score 1 for single and multiple, the first for ranking (its order is the key). */
export function keyIndexes(s: Pick<ScenarioDefinition, 'type' | 'options'>): number[] {
  if (s.type === 'ranking') return s.options.length > 0 ? [0] : []
  return s.options.flatMap((o, i) => (o.score === 1 ? [i] : []))
}

function choiceWarnings(prefix: string, choices: Choice[], type: 'single' | 'multiple' | 'ranking' | 'branching'): LintWarning[] {
  const out: LintWarning[] = []
  if (choices.length < 2) return out
  const scoreOf = (c: Choice, i: number) => (type === 'ranking' ? 1 - i / Math.max(1, choices.length - 1) : (c.score ?? 0))
  // Red flag above an unflagged option: the review would call a harmful act better than a merely weak one.
  const unflagged = choices.map((c, i) => ({ c, i })).filter(({ c }) => !c.redFlag)
  const lowestUnflagged = unflagged.length === 0 ? Infinity : Math.min(...unflagged.map(({ c, i }) => scoreOf(c, i)))
  choices.forEach((c, i) => {
    // Multiple response scores 0 or 1, so a flagged wrong option can only tie the other wrong ones there.
    if (c.redFlag && (type === 'multiple' ? scoreOf(c, i) > lowestUnflagged : scoreOf(c, i) >= lowestUnflagged)) {
      const what = type === 'ranking' ? 'is ranked above' : type === 'multiple' ? 'counts as correct, above' : 'scores no lower than'
      out.push({
        field: `${prefix}.${i}.score`,
        level: 'error',
        code: 'red-flag-above-unflagged',
        message: `This option carries a red flag but ${what} an option without one; a red flag must score below every unflagged option of its item.`,
      })
    }
    const harm = harmIn(c.text)
    if (!c.redFlag && harm.length > 0)
      out.push({
        field: `${prefix}.${i}.redFlag`,
        level: 'error',
        code: 'harm-unflagged',
        message: `This option sounds harmful (“${harm.join('”, “')}”) but has no red flag; flag it, or reword it if it is harmless.`,
      })
  })
  if (type === 'multiple') {
    const right = choices.map((c, i) => ({ c, i })).filter(({ c }) => c.score === 1)
    const wrong = choices.map((c, i) => ({ c, i })).filter(({ c }) => c.score !== 1)
    if (right.length > 0 && wrong.length > 0) {
      const shortestRight = Math.min(...right.map(({ c }) => len(c.text)))
      const longestWrong = Math.max(...wrong.map(({ c }) => len(c.text)))
      if (shortestRight > longestWrong)
        out.push({
          field: prefix,
          level: 'warning',
          code: 'multiple-length-aligned',
          message:
            'Every correct option is longer than every incorrect one: choosing the long ones gets full marks without reading. Lengthen a wrong option or shorten a right one.',
        })
    }
    return out
  }
  const key = type === 'ranking' ? 0 : choices.findIndex((c) => c.score === 1)
  if (key < 0) return out
  const keyLen = len(choices[key]!.text)
  const distractors = choices.filter((_, i) => i !== key)
  const meanDistractor = mean(distractors.map((c) => len(c.text)))
  if (type === 'ranking') {
    if (longestIndex(choices) === key)
      out.push({
        field: `${prefix}.0.text`,
        level: 'warning',
        code: 'ranking-best-longest',
        message: 'The best response is also the longest: ordering by length puts it first without reading.',
      })
  } else if (meanDistractor > 0 && keyLen > KEY_LENGTH_RATIO * meanDistractor) {
    out.push({
      field: `${prefix}.${key}.text`,
      level: 'warning',
      code: 'key-longest',
      message: `The best option is ${Math.round((keyLen / meanDistractor) * 100)}% of the other options' average length; learners learn that the long answer is the right one. Trim it or give the others the same detail.`,
    })
  }
  const keyHedges = countHedges(choices[key]!.text)
  if (keyHedges > 0 && keyHedges > Math.max(...distractors.map((c) => countHedges(c.text)))) {
    out.push({
      field: `${prefix}.${key}.text`,
      level: 'warning',
      code: 'key-hedged',
      message: 'The best option is the only one with hedges (“might”, “if appropriate”...): careful wording gives it away.',
    })
  }
  choices.forEach((c, i) => {
    if (i === key) return
    const reasons: string[] = []
    if (type !== 'ranking' && c.score === 0 && !c.redFlag) reasons.push('it scores 0 without being harmful')
    if (len(c.text) < THROWAWAY_RATIO * keyLen) reasons.push(`it is under ${THROWAWAY_RATIO * 100}% of the best option's length`)
    if (reasons.length > 0)
      out.push({
        field: `${prefix}.${i}.text`,
        level: 'warning',
        code: 'throwaway-distractor',
        message: `Hardly anyone would choose this option (${reasons.join('; ')}); make it something a well-meaning new hire might really do.`,
      })
  })
  return out
}

/**
 * The warnings for one scenario, as the editor holds it before publishing (the parsed definition;
 * a draft can be linted once it passes `validateScenario`). Free text has nothing to lint.
 */
export function lintScenario(s: ScenarioDefinition): LintWarning[] {
  switch (s.type) {
    case 'single':
    case 'multiple':
    case 'ranking':
      return choiceWarnings('options', s.options, s.type)
    case 'branching':
      return s.nodes.flatMap((n, i) => choiceWarnings(`nodes.${i}.choices`, n.choices, 'branching'))
    default:
      return []
  }
}

// ---- Bank figures ----------------------------------------------------------------------------

export type Bot = 'longest' | 'shortest' | 'first' | 'last'
export type BankFigures = {
  /** Single and ranking items: how many have the key as the longest option, against the chance share. */
  keyLongest: { items: number; longest: number; share: number; chance: number }
  /** Where the key sits in the file (0 = first), single items and the first correct option of multiple items. */
  keyPosition: Record<number, number>
  /** Multiple response: how many items have each number of correct options. */
  multipleCorrect: Record<number, number>
  /** The mean score over single, multiple and ranking items of each test-wise strategy, and of a blind guess. */
  bots: Record<Bot, number> & { blind: number; items: number }
}

const subsets = (n: number) =>
  Array.from({ length: 2 ** n - 1 }, (_, m) => Array.from({ length: n }, (_, i) => i).filter((i) => ((m + 1) >> i) & 1))
function permutations(n: number): number[][] {
  if (n <= 1) return [[0]]
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, at) => [...p.slice(0, at), n - 1, ...p.slice(at)]))
}
const score = (s: ScenarioDefinition, r: ItemResponse) => scoreResponse(s, r).score ?? 0
const byLength = (options: Choice[], dir: 1 | -1) =>
  options
    .map((o, i) => ({ i, l: len(o.text) }))
    .sort((a, b) => dir * (b.l - a.l) || a.i - b.i)
    .map((x) => x.i)

/** The strategy's answer: single picks one option; multiple picks the longer (shorter) half; ranking orders by length. */
function botResponse(s: ScenarioDefinition, bot: Bot): ItemResponse {
  const n = s.options.length
  if (s.type === 'single') {
    const option = bot === 'longest' ? longestIndex(s.options) : bot === 'shortest' ? shortestIndex(s.options) : bot === 'first' ? 0 : n - 1
    return { type: 'single', option }
  }
  if (s.type === 'multiple') {
    const half = Math.ceil(n / 2)
    const options =
      bot === 'longest'
        ? byLength(s.options, 1).slice(0, half)
        : bot === 'shortest'
          ? byLength(s.options, -1).slice(0, half)
          : bot === 'first'
            ? [0]
            : [n - 1]
    return { type: 'multiple', options }
  }
  // Ranking: the file order is the key, so "first"/"last" in the file would be meaningless; they stand for the order shown reversed or not, scored as blind.
  return { type: 'ranking', order: bot === 'shortest' ? byLength(s.options, -1) : byLength(s.options, 1) }
}

function blindScore(s: ScenarioDefinition): number {
  if (s.type === 'single') return mean(s.options.map((_, option) => score(s, { type: 'single', option })))
  if (s.type === 'multiple') return mean(subsets(s.options.length).map((options) => score(s, { type: 'multiple', options })))
  return mean(permutations(s.options.length).map((order) => score(s, { type: 'ranking', order })))
}

/** The warnings for a draft in the editor: none until it has the shape of a scenario. */
export function lintDraft(definition: unknown): LintWarning[] {
  const parsed = ScenarioSchema.safeParse(definition)
  return parsed.success ? lintScenario(parsed.data) : []
}

export function bankFigures(scenarios: ScenarioDefinition[]): BankFigures {
  const choiceItems = scenarios.filter(
    (s) => (s.type === 'single' || s.type === 'multiple' || s.type === 'ranking') && s.options.length > 0,
  )
  const lengthItems = choiceItems.filter((s) => s.type !== 'multiple')
  const longest = lengthItems.filter((s) => keyIndexes(s).includes(longestIndex(s.options))).length
  const chance = mean(lengthItems.map((s) => 1 / s.options.length))
  const keyPosition: Record<number, number> = {}
  for (const s of choiceItems.filter((s) => s.type !== 'ranking')) {
    const first = keyIndexes(s)[0]
    if (first !== undefined) keyPosition[first] = (keyPosition[first] ?? 0) + 1
  }
  const multipleCorrect: Record<number, number> = {}
  for (const s of choiceItems.filter((s) => s.type === 'multiple')) {
    const k = keyIndexes(s).length
    multipleCorrect[k] = (multipleCorrect[k] ?? 0) + 1
  }
  const botMean = (bot: Bot) =>
    mean(
      choiceItems.map((s) => (s.type === 'ranking' && (bot === 'first' || bot === 'last') ? blindScore(s) : score(s, botResponse(s, bot)))),
    )
  return {
    keyLongest: { items: lengthItems.length, longest, share: lengthItems.length === 0 ? 0 : longest / lengthItems.length, chance },
    keyPosition,
    multipleCorrect,
    bots: {
      longest: botMean('longest'),
      shortest: botMean('shortest'),
      first: botMean('first'),
      last: botMean('last'),
      blind: mean(choiceItems.map(blindScore)),
      items: choiceItems.length,
    },
  }
}

/** Bank problems that fail the content check: a figure far from chance (15 points, or a strategy 0.15 above a blind guess). */
export const BANK_MARGIN = 0.15
export function bankProblems(f: BankFigures): string[] {
  const out: string[] = []
  if (f.keyLongest.items > 0 && f.keyLongest.share > f.keyLongest.chance + BANK_MARGIN) {
    out.push(
      `The best option is the longest in ${f.keyLongest.longest} of ${f.keyLongest.items} single/ranking items (${pct(f.keyLongest.share)}, chance ${pct(f.keyLongest.chance)}).`,
    )
  }
  for (const bot of ['longest', 'shortest', 'first', 'last'] as const) {
    if (f.bots[bot] > f.bots.blind + BANK_MARGIN)
      out.push(
        `Always choosing the ${bot} option scores ${f.bots[bot].toFixed(2)} on average against ${f.bots.blind.toFixed(2)} for a blind guess.`,
      )
  }
  const counts = Object.keys(f.multipleCorrect)
  const multiples = Object.values(f.multipleCorrect).reduce((a, b) => a + b, 0)
  if (multiples >= 4 && counts.length === 1)
    out.push(`Every multiple-response item has exactly ${counts[0]} correct options; vary it so the count cannot be guessed.`)
  return out
}

export const pct = (x: number) => `${Math.round(x * 100)}%`
