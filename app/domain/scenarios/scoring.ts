import { z } from 'zod'
import { conversationPaths, nodeCompetencies, type Criterion, type ScenarioDefinition, type Weighted } from './scenario'

/** A learner's answer to one item, as stored (and as submitted, once checked). */
export type ItemResponse =
  | { type: 'single'; option: number }
  | { type: 'multiple'; options: number[] }
  | { type: 'ranking'; order: number[] }
  | { type: 'branching'; path: { node: string; choice: number }[] }
  | { type: 'free-text'; text: string }

/** A trainer's grade of a free-text answer: the level chosen for each rubric criterion. */
export type RubricGrade = Record<string, number>

/** A stored answer's shape (checked on read: a corrupt row is an error, not a wrong answer). */
export const ItemResponseSchema: z.ZodType<ItemResponse> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('single'), option: z.number() }),
  z.object({ type: z.literal('multiple'), options: z.array(z.number()) }),
  z.object({ type: z.literal('ranking'), order: z.array(z.number()) }),
  z.object({ type: z.literal('branching'), path: z.array(z.object({ node: z.string(), choice: z.number() })) }),
  z.object({ type: z.literal('free-text'), text: z.string() }),
])
export const RubricGradeSchema: z.ZodType<RubricGrade> = z.record(z.string(), z.number())

export type Scored = { score: number | null; redFlag: boolean }

/** Thrown for a submission that does not fit the item: the message is shown to the learner (400). */
export class InvalidAnswer extends Error {}

export const FREE_TEXT_MAX = 2000

const round = (n: number) => Math.round(n * 1e6) / 1e6

function isIndexList(value: number[], length: number) {
  return value.every((v) => Number.isInteger(v) && v >= 0 && v < length)
}

/**
 * Checks a submitted answer against the item and returns it in stored form, or throws
 * InvalidAnswer naming what is wrong (an option the item does not have, a repeated option...).
 * Branching answers are checked turn by turn with `advanceConversation`.
 */
export function checkResponse(s: ScenarioDefinition, response: ItemResponse): ItemResponse {
  if (response.type !== s.type) throw new InvalidAnswer(`This item takes a ${s.type} answer, not ${response.type}.`)
  switch (response.type) {
    case 'single':
      if (!isIndexList([response.option], s.options.length)) throw new InvalidAnswer('That option is not one of this item’s options.')
      return response
    case 'multiple': {
      if (!isIndexList(response.options, s.options.length))
        throw new InvalidAnswer('One of the chosen options is not one of this item’s options.')
      if (new Set(response.options).size !== response.options.length) throw new InvalidAnswer('An option was chosen twice.')
      if (response.options.length === 0) throw new InvalidAnswer('Choose at least one option.')
      return { type: 'multiple', options: [...response.options].sort((a, b) => a - b) }
    }
    case 'ranking':
      if (
        response.order.length !== s.options.length ||
        !isIndexList(response.order, s.options.length) ||
        new Set(response.order).size !== s.options.length
      ) {
        throw new InvalidAnswer(`Put all ${s.options.length} responses in order, each once.`)
      }
      return response
    case 'free-text': {
      const text = response.text.trim()
      if (text.length < 10) throw new InvalidAnswer('Write your answer (at least a sentence).')
      if (text.length > FREE_TEXT_MAX) throw new InvalidAnswer(`Keep your answer under ${FREE_TEXT_MAX} characters.`)
      return { type: 'free-text', text }
    }
    case 'branching': {
      let path: { node: string; choice: number }[] = []
      for (const step of response.path) path = advanceConversation(s, path, step.node, step.choice).path
      if (currentNode(s, path) !== null) throw new InvalidAnswer('The conversation has not reached an end.')
      return { type: 'branching', path }
    }
  }
}

/** The node a conversation is waiting on after `path`, or null once it has ended. */
export function currentNode(s: ScenarioDefinition, path: { node: string; choice: number }[]): string | null {
  if (path.length === 0) return s.nodes[0]?.id ?? null
  const last = path[path.length - 1]!
  const node = s.nodes.find((n) => n.id === last.node)
  return node?.choices[last.choice]?.next ?? null
}

/** Takes one turn of a branching conversation: the choice must be one of the node the conversation is at. */
export function advanceConversation(s: ScenarioDefinition, path: { node: string; choice: number }[], nodeId: string, choice: number) {
  const at = currentNode(s, path)
  if (at === null) throw new InvalidAnswer('This conversation has already ended.')
  if (nodeId !== at) throw new InvalidAnswer('That turn is not the one the conversation is at.')
  const node = s.nodes.find((n) => n.id === at)!
  if (!Number.isInteger(choice) || !node.choices[choice]) throw new InvalidAnswer('That choice is not one of this turn’s choices.')
  const next = [...path, { node: at, choice }]
  return { path: next, ended: currentNode(s, next) === null }
}

/** Spearman's rank correlation between the learner's order and the ideal order (the options' order). */
export function spearman(order: number[]): number {
  const n = order.length
  if (n < 2) return 1
  const d2 = order.reduce((sum, option, position) => sum + (option - position) ** 2, 0)
  return 1 - (6 * d2) / (n * (n * n - 1))
}

/** The score of a rubric grade: the levels' scores averaged over the criteria. */
export function scoreRubric(rubric: Criterion[], grade: RubricGrade): number {
  for (const c of rubric) {
    const level = grade[c.id]
    if (level === undefined || !Number.isInteger(level) || !c.levels[level]) throw new InvalidAnswer(`Choose a level for “${c.title}”.`)
  }
  return round(rubric.reduce((sum, c) => sum + c.levels[grade[c.id]!]!.score, 0) / rubric.length)
}

/**
 * Scores a checked answer in [0, 1] (null while a free-text answer awaits its grade):
 * - single: the chosen option's score;
 * - multiple: (right picks − wrong picks) / number of right options, not below 0;
 * - ranking: Spearman's correlation with the ideal order, not below 0;
 * - branching: the mean score of the choices along the path taken;
 * - free text: the rubric grade.
 * A red flag is raised when any chosen option carries one.
 */
export function scoreResponse(s: ScenarioDefinition, response: ItemResponse, grade?: RubricGrade | null): Scored {
  switch (response.type) {
    case 'single': {
      const o = s.options[response.option]!
      return { score: o.score ?? 0, redFlag: o.redFlag }
    }
    case 'multiple': {
      const right = s.options.filter((o) => o.score === 1).length
      const picked = response.options.map((i) => s.options[i]!)
      const hits = picked.filter((o) => o.score === 1).length
      return { score: round(Math.max(0, (hits - (picked.length - hits)) / right)), redFlag: picked.some((o) => o.redFlag) }
    }
    case 'ranking': {
      // A red-flag response ranked first is the temptation the item is about.
      const first = s.options[response.order[0]!]!
      return { score: round(Math.max(0, spearman(response.order))), redFlag: first.redFlag }
    }
    case 'branching': {
      const choices = response.path.map((p) => s.nodes.find((n) => n.id === p.node)!.choices[p.choice]!)
      return { score: round(choices.reduce((sum, c) => sum + (c.score ?? 0), 0) / choices.length), redFlag: choices.some((c) => c.redFlag) }
    }
    case 'free-text':
      return { score: grade ? scoreRubric(s.rubric, grade) : null, redFlag: false }
  }
}

/** The best way through a conversation: the path with the highest mean score (the shorter on a tie). */
export function bestPath(s: ScenarioDefinition): { node: string; choice: number }[] {
  let best: { path: { node: string; choice: number }[]; score: number } | null = null
  for (const path of conversationPaths(s.nodes)) {
    const score = scoreResponse(s, { type: 'branching', path }).score!
    if (!best || score > best.score + 1e-9 || (Math.abs(score - best.score) < 1e-9 && path.length < best.path.length))
      best = { path, score }
  }
  return best?.path ?? []
}

/** The best answer to an item, for the review: the best options, the ideal order or the best path. */
export function bestResponse(s: ScenarioDefinition): ItemResponse | null {
  switch (s.type) {
    case 'single':
      return { type: 'single', option: s.options.findIndex((o) => o.score === 1) }
    case 'multiple':
      return { type: 'multiple', options: s.options.flatMap((o, i) => (o.score === 1 ? [i] : [])) }
    case 'ranking':
      return { type: 'ranking', order: s.options.map((_, i) => i) }
    case 'branching':
      return { type: 'branching', path: bestPath(s) }
    case 'free-text':
      return null
  }
}

/** One decision inside an answer: what it scored, whether it raised a red flag, what it tests. */
export type Decision = { node: string | null; score: number; redFlag: boolean; competencies: Weighted[] }

/**
 * The decisions a scored answer is made of, each its own piece of readiness evidence: a
 * conversation gives one per turn taken, for the competencies that turn tests, so the decisive
 * turn counts at full weight instead of being averaged away with the small talk around it; any
 * other item is one decision for all of its competencies.
 */
export function decisions(s: ScenarioDefinition, response: ItemResponse, scored: Scored): Decision[] {
  if (scored.score === null) return []
  if (response.type !== 'branching') return [{ node: null, score: scored.score, redFlag: scored.redFlag, competencies: s.competencies }]
  return response.path.map((p) => {
    const node = s.nodes.find((n) => n.id === p.node)!
    const choice = node.choices[p.choice]!
    return { node: node.id, score: choice.score ?? 0, redFlag: choice.redFlag, competencies: nodeCompetencies(s, node) }
  })
}
