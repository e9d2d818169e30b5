import { describe, expect, it } from 'vitest'
import { validateScenario } from './scenario'
import { canStartAttempt, drawItems, permutation, practiceDraw } from './quiz'

const known = ['probing-for-the-real-need', 'extraordinary-help']
const valid = {
  title: 'Sale on Sunday',
  type: 'single',
  competencies: [{ id: 'probing-for-the-real-need', weight: 1 }],
  stem: 'A client cannot come back **on Sunday**.',
  options: [
    { text: 'Ask what the clothes are for', score: 1, explanation: 'Finds the need.' },
    { text: 'Quote the policy', score: 0, explanation: 'Ends the talk.', redFlag: true },
    { text: 'Offer a discount now', score: 0.5, explanation: 'Kind, but misses the need.' },
  ],
}

const fields = (raw: unknown) => {
  const r = validateScenario(raw, known)
  return r.ok ? [] : r.problems.map((p) => p.field)
}

describe('validateScenario', () => {
  it('accepts a complete scenario', () => expect(validateScenario(valid, known).ok).toBe(true))

  it('points at each missing score, explanation and best option', () => {
    const r = validateScenario(
      {
        ...valid,
        options: [
          { text: 'a', explanation: '' },
          { text: 'b', score: 0.5, explanation: 'x' },
          { text: 'c', score: 0, explanation: 'y' },
        ],
      },
      known,
    )
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.problems).toEqual([
      { field: 'options.0.score', message: expect.stringContaining('score from 0') },
      { field: 'options.0.explanation', message: expect.stringContaining('Explain') },
      { field: 'options', message: expect.stringContaining('best option') },
    ])
  })

  it('refuses unknown competencies, scores outside 0–1, and unsafe MDX in the stem', () => {
    expect(fields({ ...valid, competencies: [{ id: 'mind-reading', weight: 1 }] })).toEqual(['competencies.0.id'])
    expect(fields({ ...valid, options: [{ ...valid.options[0], score: 1.5 }, ...valid.options.slice(1)] })).toEqual(['options.0.score'])
    expect(fields({ ...valid, stem: 'Hi <script>alert(1)</script>' })).toEqual(['stem'])
    expect(fields({ ...valid, stem: '<Check id="x" question="q"><Option explanation="e">a</Option></Check>' })).toContain('stem')
  })

  it('multiple response options are in (1) or out (0)', () => {
    expect(fields({ ...valid, type: 'multiple' })).toEqual(['options.2.score'])
  })

  const conversation = (nodes: unknown[]) => ({ ...valid, type: 'branching', options: [], nodes })
  const choice = (score: number, next?: string) => ({ text: `go ${next ?? 'end'}`, score, explanation: 'why', ...(next ? { next } : {}) })

  it('a conversation must reach an end from every node, without loops or orphans', () => {
    expect(
      validateScenario(
        conversation([
          { id: 'a', stem: 'A', choices: [choice(1, 'b'), choice(0)] },
          { id: 'b', stem: 'B', choices: [choice(1), choice(0.5)] },
        ]),
        known,
      ).ok,
    ).toBe(true)
    const loop = validateScenario(
      conversation([
        { id: 'a', stem: 'A', choices: [choice(1, 'b'), choice(0)] },
        { id: 'b', stem: 'B', choices: [choice(1, 'a'), choice(0.5, 'a')] },
      ]),
      known,
    )
    expect(loop.ok ? [] : loop.problems).toEqual([
      { field: 'nodes.1.choices.0.next', message: expect.stringContaining('loop') },
      { field: 'nodes.1.choices.1.next', message: expect.stringContaining('loop') },
    ])
    expect(
      fields(
        conversation([
          { id: 'a', stem: 'A', choices: [choice(1, 'zz'), choice(0)] },
          { id: 'b', stem: 'B', choices: [choice(1), choice(0)] },
        ]),
      ),
    ).toEqual(['nodes.0.choices.0.next'])
    expect(
      fields(
        conversation([
          { id: 'a', stem: 'A', choices: [choice(1), choice(0)] },
          { id: 'b', stem: 'B', choices: [choice(1), choice(0)] },
        ]),
      ),
    ).toEqual(['nodes.1.id'])
    // A recovery turn may lack a perfect reply, but some path must score 1.
    expect(
      fields(
        conversation([
          { id: 'a', stem: 'A', choices: [choice(1, 'b'), choice(0, 'c')] },
          { id: 'b', stem: 'B', choices: [choice(1), choice(0)] },
          { id: 'c', stem: 'C', choices: [choice(0.6), choice(0)] },
        ]),
      ),
    ).toEqual([])
    expect(
      fields(
        conversation([
          { id: 'a', stem: 'A', choices: [choice(1, 'b'), choice(0)] },
          { id: 'b', stem: 'B', choices: [choice(0.5), choice(0)] },
        ]),
      ),
    ).toEqual(['nodes'])
  })

  it("a turn names only the scenario's own competencies", () => {
    const nodes = (competencies: string[]) => [
      { id: 'a', stem: 'A', competencies, choices: [choice(1, 'b'), choice(0)] },
      { id: 'b', stem: 'B', choices: [choice(1), choice(0.5)] },
    ]
    expect(fields(conversation(nodes([valid.competencies[0]!.id])))).toEqual([])
    const wrong = validateScenario(conversation(nodes(['clients-success'])), known)
    expect(wrong.ok ? [] : wrong.problems).toEqual([
      { field: 'nodes.0.competencies', message: expect.stringContaining('"clients-success", which is not one of the scenario') },
    ])
  })

  it('free text needs a rubric whose criteria top out at 1, and a model answer', () => {
    const ft = { ...valid, type: 'free-text', options: [] }
    expect(fields(ft)).toEqual(['rubric', 'modelAnswer'])
    expect(
      fields({
        ...ft,
        modelAnswer: 'Ask why.',
        rubric: [
          {
            id: 'open',
            title: 'Open',
            levels: [
              { label: 'No', score: 0 },
              { label: 'Half', score: 0.5 },
            ],
          },
        ],
      }),
    ).toEqual(['rubric.0.levels'])
  })

  it('options on a type that has none are pointed out', () => {
    expect(
      fields({
        ...valid,
        type: 'free-text',
        modelAnswer: 'x',
        rubric: [
          {
            id: 'open',
            title: 'Open',
            levels: [
              { label: 'No', score: 0 },
              { label: 'Yes', score: 1 },
            ],
          },
        ],
      }),
    ).toEqual(['options'])
  })
})

describe('quiz draws and retake policy', () => {
  const seq = (values: number[]) => {
    let i = 0
    return () => values[i++ % values.length]!
  }
  it('permutes every index once and draws the requested number', () => {
    const p = permutation(6, seq([0.9, 0.1, 0.5, 0.3, 0.7]))
    expect([...p].sort()).toEqual([0, 1, 2, 3, 4, 5])
    expect(drawItems(['a', 'b', 'c', 'd'], { draw: 2, shuffleItems: true }, seq([0.1]))).toHaveLength(2)
    const kept = drawItems(['a', 'b', 'c', 'd'], { draw: 3, shuffleItems: false }, seq([0.1, 0.9]))
    expect(kept).toHaveLength(3)
    expect(kept).toEqual([...kept].sort())
  })

  it('counts attempts and waits out the cooldown', () => {
    const now = new Date('2026-11-23T12:00:00Z')
    const done = (h: number) => ({ status: 'submitted' as const, submittedAt: new Date(now.getTime() - h * 3600_000) })
    expect(canStartAttempt({ maxAttempts: 2, cooldownHours: 0 }, [done(1)], now)).toEqual({ canStart: true })
    expect(canStartAttempt({ maxAttempts: 2, cooldownHours: 0 }, [done(5), done(1)], now)).toMatchObject({
      canStart: false,
      availableAt: null,
    })
    expect(canStartAttempt({ cooldownHours: 12 }, [done(2)], now)).toEqual({
      canStart: false,
      reason: expect.any(String),
      availableAt: new Date('2026-11-23T22:00:00Z'),
    })
    expect(canStartAttempt({ cooldownHours: 12 }, [done(13)], now)).toEqual({ canStart: true })
  })

  it('practice draws from the weakest competencies, unassessed ones first', () => {
    const bank = [
      { slug: 'p1', competencies: [{ id: 'probe' }] },
      { slug: 'p2', competencies: [{ id: 'probe' }] },
      { slug: 'x1', competencies: [{ id: 'extra' }] },
      { slug: 'm1', competencies: [{ id: 'mission' }] },
    ]
    const strengths = new Map([
      ['probe', { mean: 0.3, count: 4 }],
      ['mission', { mean: 0.9, count: 4 }],
    ])
    const r = practiceDraw(bank, strengths, ['mission', 'probe', 'extra'], 3, seq([0.5]))
    expect(r.focus).toEqual(['extra', 'probe', 'mission'])
    expect(r.items.map((i) => i.slug).slice(0, 2)).toEqual(['x1', expect.stringMatching(/^p/)])
    expect(new Set(r.items.map((i) => i.slug)).size).toBe(3)
  })
})

describe('scenario roles', () => {
  it('accepts roles from the fixed list and leaves them out when none are given', () => {
    const r = validateScenario({ ...valid, roles: ['sales', 'front-desk'] }, known)
    expect(r.ok && r.scenario.roles).toEqual(['sales', 'front-desk'])
    const none = validateScenario(valid, known)
    expect(none.ok && none.scenario.roles).toBeUndefined()
  })
  it('refuses an unknown or repeated role, naming the field', () => {
    const unknown = validateScenario({ ...valid, roles: ['sales', 'bartender'] }, known)
    expect(unknown.ok ? [] : unknown.problems).toContainEqual({
      field: 'roles.1',
      message: expect.stringContaining('A role is one of: front-desk'),
    })
    const twice = validateScenario({ ...valid, roles: ['sales', 'sales'] }, known)
    expect(twice.ok ? [] : twice.problems).toContainEqual({ field: 'roles', message: 'List each role once.' })
  })
})
