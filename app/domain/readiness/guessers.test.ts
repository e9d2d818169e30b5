import { describe, expect, it } from 'vitest'
import { conversationPaths, ScenarioSchema, type ScenarioDefinition } from '../scenarios/scenario'
import { blindAnswer, guesserRates } from './guessers'
import { LEAST_EVIDENCE_FOR_READY } from './model'

/** A seeded generator (mulberry32), so a run is repeatable. */
function seeded(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const competencies = [{ id: 'probing-for-the-real-need', weight: 1 }]
const opt = (score: number) => ({ text: `option ${score}`, score, explanation: 'Because.' })
/** A single-response item with one right option among three. */
const oneInThree = ScenarioSchema.parse({
  type: 'single',
  title: 'T',
  competencies,
  stem: 'A client asks.',
  options: [opt(1), opt(0), opt(0)],
})
const bank = (n: number) => new Map(Array.from({ length: n }, (_, i) => [`item-${i}`, oneInThree as ScenarioDefinition]))
const quizOf = (n: number) => ({ items: Array.from({ length: n }, (_, i) => `item-${i}`), shuffleItems: true })

describe('learners who guess', () => {
  it('reach ready only by getting every one of six one-in-three items right: (1/3)^6 of them', () => {
    const rates = guesserRates([quizOf(6)], bank(6), { learners: 40_000, random: seeded(7) })
    expect(rates.competencies).toEqual([{ id: 'probing-for-the-real-need', meanEvidence: 6, ready: rates.anyReady }])
    // 1/729 ≈ 0.00137; the standard error over 40,000 learners is about 0.00018.
    expect(rates.anyReady).toBeGreaterThan(1 / 729 - 0.0007)
    expect(rates.anyReady).toBeLessThan(1 / 729 + 0.0007)
  })

  it('never reach ready on fewer answers than ready needs, however lucky', () => {
    const n = LEAST_EVIDENCE_FOR_READY - 1
    const rates = guesserRates([quizOf(n)], bank(n), { learners: 5_000, random: seeded(11) })
    expect(rates.competencies[0]!.meanEvidence).toBe(n)
    expect(rates.anyReady).toBe(0)
  })

  it('answer a conversation turn by turn to one of its ends, each turn at random', () => {
    const conversation = ScenarioSchema.parse({
      type: 'branching',
      title: 'T',
      competencies,
      stem: 'A client calls.',
      nodes: [
        {
          id: 'open',
          stem: 'Hello',
          choices: [
            { ...opt(1), next: 'probe' },
            { ...opt(0.2), next: 'recover' },
          ],
        },
        { id: 'probe', stem: 'More', choices: [opt(1), opt(0.5)] },
        { id: 'recover', stem: 'Again', choices: [{ ...opt(1), next: 'probe' }, opt(0)] },
      ],
    }) as ScenarioDefinition
    const ends = new Set(conversationPaths(conversation.nodes).map((p) => JSON.stringify(p)))
    const random = seeded(3)
    const seen = new Set<string>()
    for (let i = 0; i < 200; i++) {
      const answer = blindAnswer(conversation, random)
      expect(answer?.type).toBe('branching')
      if (answer?.type === 'branching') seen.add(JSON.stringify(answer.path))
    }
    // Every way through is taken, and nothing else.
    expect([...seen].sort()).toEqual([...ends].sort())
  })
})
