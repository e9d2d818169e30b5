import { describe, expect, it } from 'vitest'
import type { QuizDefinition } from '~/domain/scenarios/quiz'
import { bankProblems, diffQuizVersions, fewestScoredDrawn, QuizFieldsSchema, quizWarnings, type BankScenario } from './editor'

const valid = {
  title: 'Quiz: The mission',
  description: '',
  module: '01-mission',
  items: ['a', 'b', 'c', 'd', 'e'],
  draw: 5,
  feedback: 'each',
  cooldownHours: 1,
  shuffleItems: true,
}
const messages = (input: unknown) => {
  const parsed = QuizFieldsSchema.safeParse(input)
  return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]))
}

describe('the quiz editor’s fields', () => {
  it('accepts a complete quiz, with unlimited attempts when none are given', () => {
    const parsed = QuizFieldsSchema.parse(valid)
    expect(parsed.maxAttempts).toBeUndefined()
    expect(QuizFieldsSchema.parse({ ...valid, maxAttempts: 20, cooldownHours: 720 }).maxAttempts).toBe(20)
  })

  it('says what is wrong with each bad value', () => {
    expect(messages({ ...valid, items: [] })).toEqual({
      items: 'Choose at least one scenario.',
      draw: 'Draw 5 needs at least 5 scenarios; 0 are chosen.',
    })
    expect(messages({ ...valid, draw: 7 })).toEqual({ draw: 'Draw 7 needs at least 7 scenarios; 5 are chosen.' })
    expect(messages({ ...valid, items: ['a'], draw: 2 })).toEqual({ draw: 'Draw 2 needs at least 2 scenarios; 1 is chosen.' })
    expect(messages({ ...valid, draw: 0 })).toEqual({ draw: 'Draw at least 1 scenario.' })
    expect(messages({ ...valid, draw: 2.5 })).toEqual({ draw: 'Enter a whole number of scenarios to draw.' })
    expect(messages({ ...valid, items: ['a', 'b', 'a'], draw: 2 })).toEqual({ items: '“a” is chosen twice.' })
    expect(messages({ ...valid, feedback: 'never' })).toEqual({
      feedback: 'Choose when learners see feedback: after each item or at the end.',
    })
    expect(messages({ ...valid, maxAttempts: 0 })).toEqual({ maxAttempts: 'Allow 1 to 20 attempts, or leave it empty for unlimited.' })
    expect(messages({ ...valid, maxAttempts: 21 })).toEqual({ maxAttempts: 'Allow 1 to 20 attempts, or leave it empty for unlimited.' })
    expect(messages({ ...valid, cooldownHours: -1 })).toEqual({ cooldownHours: 'The pause is 0 to 720 hours (30 days).' })
    expect(messages({ ...valid, cooldownHours: 721 })).toEqual({ cooldownHours: 'The pause is 0 to 720 hours (30 days).' })
    expect(messages({ ...valid, title: 'Q' })).toEqual({ title: 'Use at least 3 characters for the title.' })
    expect(messages({ ...valid, title: 'x'.repeat(121) })).toEqual({ title: 'Keep the title to 120 characters.' })
    expect(messages({ ...valid, description: 'x'.repeat(401) })).toEqual({ description: 'Keep the description to 400 characters.' })
    expect(messages({ ...valid, title: undefined })).toEqual({ title: 'Give the quiz a title.' })
  })
})

const scenario = (slug: string, type = 'single', competencies = ['mission'], published = true): BankScenario => ({
  slug,
  type,
  competencies,
  published,
})
const bank = new Map(
  [
    scenario('a'),
    scenario('b', 'multiple', ['empowered']),
    scenario('c', 'free-text', ['probing']),
    scenario('d'),
    scenario('e'),
    scenario('f'),
    scenario('g'),
    scenario('draft-only', 'single', ['mission'], false),
  ].map((s) => [s.slug, s]),
)

describe('scenarios checked against the bank', () => {
  it('names an unknown and an unpublished scenario', () => {
    expect(bankProblems(['a', 'nope', 'draft-only'], bank)).toEqual([
      { field: 'items', message: 'There is no scenario called “nope”.' },
      { field: 'items', message: '“draft-only” is not published yet: publish it first, or leave it out.' },
    ])
    expect(bankProblems(['a', 'b'], bank)).toEqual([])
  })
})

describe('warnings before publishing', () => {
  const taught = [
    { id: 'mission', title: 'The mission' },
    { id: 'empowered', title: 'Empowered to help' },
    { id: 'beyond', title: 'Going beyond' },
  ]
  it('names the competencies the module teaches that no chosen scenario tests', () => {
    const warnings = quizWarnings({ items: ['a', 'b', 'd', 'e', 'f', 'g'], draw: 6 }, bank, taught)
    expect(warnings).toEqual(['The module’s lessons teach a competency no chosen scenario tests: Going beyond.'])
    expect(quizWarnings({ items: ['a', 'd', 'e', 'f', 'g', 'c'], draw: 6 }, bank, taught)[0]).toBe(
      'The module’s lessons teach 2 competencies no chosen scenario tests: Empowered to help, Going beyond.',
    )
  })

  it('warns when an attempt can have fewer than six scored answers, counting free text out', () => {
    expect(fewestScoredDrawn(['a', 'b', 'c', 'd', 'e', 'f', 'g'], 6, bank)).toBe(5)
    expect(fewestScoredDrawn(['a', 'b', 'd', 'e', 'f', 'g'], 6, bank)).toBe(6)
    const five = quizWarnings({ items: ['a', 'b', 'd', 'e', 'f'], draw: 5 }, bank, [])
    expect(five).toEqual([
      'An attempt can have as few as 5 scored answers; ready needs at least 6 (free-text answers count once graded), so one attempt cannot show a competency ready.',
    ])
    expect(quizWarnings({ items: ['a', 'b', 'c', 'd', 'e', 'f', 'g'], draw: 6 }, bank, [])).toHaveLength(1)
    expect(quizWarnings({ items: ['a', 'b', 'c', 'd', 'e', 'f', 'g'], draw: 7 }, bank, [])).toEqual([])
  })
})

describe('what changed between two versions', () => {
  const v1: QuizDefinition = {
    title: 'Quiz',
    description: '',
    module: 'm1',
    items: ['a', 'b', 'c'],
    draw: 2,
    feedback: 'each',
    shuffleItems: true,
    maxAttempts: 3,
    cooldownHours: 1,
  }
  it('lists scenarios added and removed and each setting changed', () => {
    const v2: QuizDefinition = { ...v1, items: ['b', 'c', 'd', 'e'], draw: 3, feedback: 'end', maxAttempts: undefined, cooldownHours: 12 }
    expect(diffQuizVersions(v1, v2)).toEqual({
      added: ['d', 'e'],
      removed: ['a'],
      changes: [
        { label: 'Draw per attempt', from: '2', to: '3' },
        { label: 'Feedback', from: 'after each item', to: 'at the end' },
        { label: 'Attempts', from: '3', to: 'unlimited' },
        { label: 'Pause between attempts', from: '1 h', to: '12 h' },
      ],
    })
  })
  it('finds nothing between equal versions, and reads an absent draw as all items', () => {
    expect(diffQuizVersions(v1, { ...v1 })).toEqual({ added: [], removed: [], changes: [] })
    expect(diffQuizVersions({ ...v1, draw: undefined }, { ...v1, draw: 3 }).changes).toEqual([])
    expect(diffQuizVersions(v1, { ...v1, title: 'New', module: 'm2' }, (s) => `Module ${s}`).changes).toEqual([
      { label: 'Title', from: 'Quiz', to: 'New' },
      { label: 'Module', from: 'Module m1', to: 'Module m2' },
    ])
  })
})
