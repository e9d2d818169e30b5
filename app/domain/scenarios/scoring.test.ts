import { describe, expect, it } from 'vitest'
import { ScenarioSchema, type ScenarioInput } from './scenario'
import {
  advanceConversation,
  bestPath,
  bestResponse,
  checkResponse,
  decisions,
  InvalidAnswer,
  scoreResponse,
  scoreRubric,
  spearman,
} from './scoring'

const base = { title: 'T', competencies: [{ id: 'probing-for-the-real-need', weight: 1 }], stem: 'A client asks.' }
const make = (s: Partial<ScenarioInput>) => ScenarioSchema.parse({ ...base, ...s })
const opt = (score: number | undefined, redFlag = false) => ({ text: `option ${score}`, score, explanation: 'Because.', redFlag })

describe('single best response', () => {
  const s = make({ type: 'single', options: [opt(1), opt(0.5), opt(0, true)] })
  it('scores the chosen option and raises its red flag', () => {
    expect(scoreResponse(s, { type: 'single', option: 0 })).toEqual({ score: 1, redFlag: false })
    expect(scoreResponse(s, { type: 'single', option: 1 })).toEqual({ score: 0.5, redFlag: false })
    expect(scoreResponse(s, { type: 'single', option: 2 })).toEqual({ score: 0, redFlag: true })
  })
  it('refuses an option the item does not have', () => {
    expect(() => checkResponse(s, { type: 'single', option: 3 })).toThrow(InvalidAnswer)
    expect(() => checkResponse(s, { type: 'single', option: -1 })).toThrow('not one of this item')
    expect(() => checkResponse(s, { type: 'single', option: 0.5 })).toThrow(InvalidAnswer)
    expect(() => checkResponse(s, { type: 'multiple', options: [0] })).toThrow('takes a single answer')
  })
  it('names the best option', () => expect(bestResponse(s)).toEqual({ type: 'single', option: 0 }))
})

describe('multiple response', () => {
  // Right options: 0, 1, 3 (three of them); 2 and 4 are wrong, 4 with a red flag.
  const s = make({ type: 'multiple', options: [opt(1), opt(1), opt(0), opt(1), opt(0, true)] })
  it('gives (right − wrong) / number right, never below zero', () => {
    expect(scoreResponse(s, { type: 'multiple', options: [0, 1, 3] }).score).toBe(1)
    expect(scoreResponse(s, { type: 'multiple', options: [0, 1] }).score).toBeCloseTo(2 / 3, 6)
    expect(scoreResponse(s, { type: 'multiple', options: [0, 1, 2] }).score).toBeCloseTo(1 / 3, 6)
    expect(scoreResponse(s, { type: 'multiple', options: [0, 1, 3, 2, 4] }).score).toBeCloseTo(1 / 3, 6)
    expect(scoreResponse(s, { type: 'multiple', options: [2, 4] })).toEqual({ score: 0, redFlag: true })
  })
  it('refuses repeated, unknown or empty choices', () => {
    expect(() => checkResponse(s, { type: 'multiple', options: [0, 0] })).toThrow('chosen twice')
    expect(() => checkResponse(s, { type: 'multiple', options: [9] })).toThrow(InvalidAnswer)
    expect(() => checkResponse(s, { type: 'multiple', options: [] })).toThrow('at least one')
    expect(checkResponse(s, { type: 'multiple', options: [3, 0] })).toEqual({ type: 'multiple', options: [0, 3] })
  })
})

describe('ranking', () => {
  const s = make({ type: 'ranking', options: [opt(undefined), opt(undefined), opt(undefined, true), opt(undefined)] })
  it('scores by Spearman correlation with the ideal order', () => {
    expect(spearman([0, 1, 2, 3])).toBe(1)
    expect(spearman([3, 2, 1, 0])).toBe(-1)
    // One adjacent swap of four: Σd² = 2, ρ = 1 − 6·2 / (4·15) = 0.8.
    expect(scoreResponse(s, { type: 'ranking', order: [1, 0, 2, 3] })).toEqual({ score: 0.8, redFlag: false })
    // [2, 0, 1, 3]: d = 2, 1, 1, 0 → Σd² = 6, ρ = 1 − 36/60 = 0.4; the red-flag option is first.
    expect(scoreResponse(s, { type: 'ranking', order: [2, 0, 1, 3] })).toEqual({ score: 0.4, redFlag: true })
    expect(scoreResponse(s, { type: 'ranking', order: [3, 2, 1, 0] }).score).toBe(0)
  })
  it('needs every response exactly once', () => {
    expect(() => checkResponse(s, { type: 'ranking', order: [0, 1, 2] })).toThrow('all 4')
    expect(() => checkResponse(s, { type: 'ranking', order: [0, 1, 1, 3] })).toThrow(InvalidAnswer)
  })
})

describe('branching conversation', () => {
  const s = make({
    type: 'branching',
    nodes: [
      {
        id: 'open',
        stem: 'Hello',
        choices: [
          { ...opt(1), next: 'probe' },
          { ...opt(0.2, true), next: 'recover' },
        ],
      },
      { id: 'probe', stem: 'More', choices: [opt(1), opt(0.5)] },
      { id: 'recover', stem: 'Again', choices: [{ ...opt(1), next: 'probe' }, opt(0)] },
    ],
  })
  it('scores the mean of the choices along the path and keeps every choice', () => {
    let path = advanceConversation(s, [], 'open', 1).path
    const step = advanceConversation(s, path, 'recover', 0)
    expect(step.ended).toBe(false)
    path = advanceConversation(s, step.path, 'probe', 1).path
    expect(path).toEqual([
      { node: 'open', choice: 1 },
      { node: 'recover', choice: 0 },
      { node: 'probe', choice: 1 },
    ])
    // (0.2 + 1 + 0.5) / 3
    expect(scoreResponse(s, { type: 'branching', path })).toEqual({ score: 0.566667, redFlag: true })
    expect(
      scoreResponse(s, {
        type: 'branching',
        path: [
          { node: 'open', choice: 0 },
          { node: 'probe', choice: 0 },
        ],
      }),
    ).toEqual({ score: 1, redFlag: false })
  })
  it('refuses a turn out of order, a choice that does not exist, and a turn after the end', () => {
    expect(() => advanceConversation(s, [], 'probe', 0)).toThrow('not the one the conversation is at')
    expect(() => advanceConversation(s, [], 'open', 2)).toThrow('not one of this turn')
    expect(() =>
      advanceConversation(
        s,
        [
          { node: 'open', choice: 0 },
          { node: 'probe', choice: 0 },
        ],
        'probe',
        0,
      ),
    ).toThrow('already ended')
    expect(() => checkResponse(s, { type: 'branching', path: [{ node: 'open', choice: 0 }] })).toThrow('not reached an end')
  })
  it('finds the best path: the highest mean, the shorter on a tie', () => {
    expect(bestPath(s)).toEqual([
      { node: 'open', choice: 0 },
      { node: 'probe', choice: 0 },
    ])
  })
})

describe('free text', () => {
  const s = make({
    type: 'free-text',
    rubric: [
      {
        id: 'open',
        title: 'Open question',
        levels: [
          { label: 'No', score: 0 },
          { label: 'Partly', score: 0.5 },
          { label: 'Yes', score: 1 },
        ],
      },
      {
        id: 'need',
        title: 'Aims at the need',
        levels: [
          { label: 'No', score: 0 },
          { label: 'Yes', score: 1 },
        ],
      },
    ],
    modelAnswer: 'Ask what the trip is for.',
  })
  it('awaits a grade, then scores the mean of the criteria levels', () => {
    const answer = checkResponse(s, { type: 'free-text', text: '  What do you need the clothes for?  ' })
    expect(answer).toEqual({ type: 'free-text', text: 'What do you need the clothes for?' })
    expect(scoreResponse(s, answer)).toEqual({ score: null, redFlag: false })
    expect(scoreResponse(s, answer, { open: 1, need: 1 }).score).toBe(0.75)
    expect(scoreRubric(s.rubric, { open: 2, need: 0 })).toBe(0.5)
  })
  it('refuses an empty answer and a grade that misses a criterion or a level', () => {
    expect(() => checkResponse(s, { type: 'free-text', text: ' ' })).toThrow('Write your answer')
    expect(() => checkResponse(s, { type: 'free-text', text: 'x'.repeat(2001) })).toThrow('under 2000')
    expect(() => scoreRubric(s.rubric, { open: 1 })).toThrow('Aims at the need')
    expect(() => scoreRubric(s.rubric, { open: 3, need: 0 })).toThrow('Open question')
  })
})

describe('each decision counts', () => {
  // A conversation measuring probing (full weight) and friendliness (half): the opening is small talk,
  // the second turn decides whether the real need is found.
  const s = make({
    type: 'branching',
    competencies: [
      { id: 'probing-for-the-real-need', weight: 1 },
      { id: 'friendly-personal-service', weight: 0.5 },
    ],
    nodes: [
      {
        id: 'greeting',
        stem: 'Hello.',
        competencies: ['friendly-personal-service'],
        choices: [
          { ...opt(1), next: 'the-ask' },
          { ...opt(0.5), next: 'the-ask' },
        ],
      },
      {
        id: 'the-ask',
        stem: 'He asks for the cheapest room.',
        competencies: ['probing-for-the-real-need'],
        choices: [opt(1), opt(0.2, true)],
      },
    ],
  })
  const path = [
    { node: 'greeting', choice: 0 },
    { node: 'the-ask', choice: 1 },
  ]

  it('a conversation gives one decision per turn, for the competencies that turn tests', () => {
    const response = { type: 'branching' as const, path }
    const scored = scoreResponse(s, response)
    // The item's own score still averages the turns (0.6) ...
    expect(scored).toEqual({ score: 0.6, redFlag: true })
    // ... but probing gets the decisive turn's 0.2 at full weight, undiluted by the greeting.
    expect(decisions(s, response, scored)).toEqual([
      { node: 'greeting', score: 1, redFlag: false, competencies: [{ id: 'friendly-personal-service', weight: 0.5 }] },
      { node: 'the-ask', score: 0.2, redFlag: true, competencies: [{ id: 'probing-for-the-real-need', weight: 1 }] },
    ])
  })

  it('a turn that names no competency tests all of them; other items are one decision', () => {
    const open = make({ ...s, nodes: s.nodes.map((n) => ({ ...n, competencies: undefined })) })
    expect(decisions(open, { type: 'branching', path }, { score: 0.6, redFlag: true }).map((d) => d.competencies.map((c) => c.id))).toEqual(
      [
        ['probing-for-the-real-need', 'friendly-personal-service'],
        ['probing-for-the-real-need', 'friendly-personal-service'],
      ],
    )
    const single = make({ type: 'single', options: [opt(1), opt(0.5)] })
    expect(decisions(single, { type: 'single', option: 1 }, { score: 0.5, redFlag: false })).toEqual([
      { node: null, score: 0.5, redFlag: false, competencies: single.competencies },
    ])
    expect(decisions(single, { type: 'free-text', text: 'x' }, { score: null, redFlag: false })).toEqual([])
  })
})
