// How often a learner who guesses reaches ready: simulated learners take one attempt of each quiz,
// drawn as the app draws, answering every item blind (one option at random, half the boxes of a
// multiple-response item, any order of a ranking, any reply at each turn), and their evidence goes
// through the readiness model. Free-text items wait for a trainer and give no evidence. Used by
// `npm run bank:guessers` and behind decision 018.
import { drawItems, permutation, type QuizDefinition } from '../scenarios/quiz'
import type { ScenarioDefinition } from '../scenarios/scenario'
import { currentNode, decisions, scoreResponse, type ItemResponse } from '../scenarios/scoring'
import { addEvent, DEFAULT_SETTINGS, EMPTY_SUMS, estimate, isReady, type ReadinessSettings, type Sums } from './model'

const pick = (n: number, random: () => number) => Math.floor(random() * n)

/** A blind answer of the form the page accepts; null for free text. */
export function blindAnswer(s: ScenarioDefinition, random: () => number): ItemResponse | null {
  switch (s.type) {
    case 'single':
      return { type: 'single', option: pick(s.options.length, random) }
    case 'multiple':
      return { type: 'multiple', options: permutation(s.options.length, random).slice(0, Math.ceil(s.options.length / 2)) }
    case 'ranking':
      return { type: 'ranking', order: permutation(s.options.length, random) }
    case 'branching': {
      const path: { node: string; choice: number }[] = []
      for (let node = currentNode(s, path); node !== null; node = currentNode(s, path))
        path.push({ node, choice: pick(s.nodes.find((n) => n.id === node)!.choices.length, random) })
      return { type: 'branching', path }
    }
    case 'free-text':
      return null
  }
}

export type GuesserRates = {
  learners: number
  /** Share of learners ready in at least one competency. */
  anyReady: number
  /** Per competency: the mean number of scored pieces of evidence one pass gives, and the share ready. */
  competencies: { id: string; meanEvidence: number; ready: number }[]
}

/** Simulates `learners` blind guessers through every quiz once (lessons done), and counts who is ready. */
export function guesserRates(
  quizzes: readonly Pick<QuizDefinition, 'items' | 'draw' | 'shuffleItems'>[],
  scenarios: ReadonlyMap<string, ScenarioDefinition>,
  {
    learners,
    random = Math.random,
    settings = DEFAULT_SETTINGS,
  }: { learners: number; random?: () => number; settings?: ReadinessSettings },
): GuesserRates {
  const at = new Date()
  const evidence = new Map<string, number>()
  const ready = new Map<string, number>()
  let anyReady = 0
  for (let l = 0; l < learners; l++) {
    const sums = new Map<string, Sums>()
    for (const quiz of quizzes)
      for (const slug of drawItems(quiz.items, quiz, random)) {
        const s = scenarios.get(slug)
        if (!s) throw new Error(`A quiz draws "${slug}", which is not a scenario.`)
        const response = blindAnswer(s, random)
        if (!response) continue
        for (const d of decisions(s, response, scoreResponse(s, response)))
          for (const c of d.competencies)
            sums.set(c.id, addEvent(sums.get(c.id) ?? EMPTY_SUMS, { score: d.score, weight: c.weight, at }, settings.halfLifeDays))
      }
    let any = false
    for (const [id, s] of sums) {
      evidence.set(id, (evidence.get(id) ?? 0) + s.count)
      if (isReady(estimate(s, at, settings, true).level)) {
        ready.set(id, (ready.get(id) ?? 0) + 1)
        any = true
      }
    }
    if (any) anyReady++
  }
  return {
    learners,
    anyReady: anyReady / learners,
    competencies: [...evidence].map(([id, n]) => ({ id, meanEvidence: n / learners, ready: (ready.get(id) ?? 0) / learners })),
  }
}
