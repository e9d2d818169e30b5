import { describe, expect, it } from 'vitest'
import { ScenarioSchema } from './scenario'
import { itemStatistics, pearson, type AttemptRecord } from './statistics'

const competencies = [{ id: 'probing-for-the-real-need', weight: 1 }]
const single = ScenarioSchema.parse({
  title: 'T',
  type: 'single',
  competencies,
  stem: 'S',
  options: [0, 1, 2].map((i) => ({ text: `o${i}`, score: [1, 0.5, 0][i], explanation: 'e' })),
})

const attempt = (score: number, option: number, rest: number[]): AttemptRecord => ({
  items: [
    { versionId: 'v', score, response: { type: 'single', option } },
    ...rest.map((r, i) => ({ versionId: `other${i}`, score: r, response: null })),
  ],
})

describe('pearson', () => {
  it('matches hand-computed values', () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 10)
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 10)
    // x = 0,0,1,1; y = 0.2,0.4,0.6,0.4: mx = 0.5, my = 0.4; Sxy = 0.2, Sxx = 1, Syy = 0.08 → 0.2/√0.08 = 0.7071
    expect(pearson([0, 0, 1, 1], [0.2, 0.4, 0.6, 0.4])).toBeCloseTo(0.7071068, 6)
    expect(pearson([1, 1], [0, 1])).toBeNull()
  })
})

describe('item statistics', () => {
  it('computes facility, discrimination against the rest of the attempt, and option shares', () => {
    const attempts = [attempt(0, 2, [0.2]), attempt(0, 2, [0.4, 0.4]), attempt(1, 0, [0.6]), attempt(1, 0, [0.2, 0.6])]
    const s = itemStatistics('v', single, attempts)
    expect(s.count).toBe(4)
    expect(s.facility).toBe(0.5)
    // Rest means: 0.2, 0.4, 0.6, 0.4 (as in the pearson case above).
    expect(s.discrimination).toBe(0.707)
    expect(s.options).toEqual([
      // Those who chose the key did better on the rest (0.6, 0.4) than those who chose option 3 (0.2, 0.4).
      { index: 0, count: 2, share: 0.5, restMean: 0.5 },
      { index: 1, count: 0, share: 0, restMean: null },
      { index: 2, count: 2, share: 0.5, restMean: 0.3 },
    ])
    expect(s.enough).toBe(false)
    expect(s.flags).toEqual([])
  })

  it('flags a key whose choosers do worse on the rest of the attempt than another option’s', () => {
    // Five choose the key and do poorly elsewhere; five choose option 2 and do well elsewhere.
    const miskeyed = [...Array.from({ length: 5 }, () => attempt(1, 0, [0.3])), ...Array.from({ length: 5 }, () => attempt(0.5, 1, [0.8]))]
    const m = itemStatistics('v', single, miskeyed)
    expect(m.options.map((o) => o.restMean)).toEqual([0.3, 0.8, null])
    expect(m.flags).toContain(
      'Those who choose option 2 do better on the rest of the attempt than those who choose the key (option 1): check the key.',
    )
    const fine = itemStatistics('v', single, [
      ...Array.from({ length: 5 }, () => attempt(1, 0, [0.8])),
      ...Array.from({ length: 5 }, () => attempt(0.5, 1, [0.3])),
    ])
    expect(fine.flags.filter((f) => f.includes('check the key'))).toEqual([])
  })

  it('flags items once there are 10 attempts: too easy, too hard, low discrimination', () => {
    const easy = Array.from({ length: 10 }, (_, i) => attempt(1, 0, [i / 10]))
    const e = itemStatistics('v', single, easy)
    expect(e.enough).toBe(true)
    expect(e.facility).toBe(1)
    expect(e.discrimination).toBeNull()
    expect(e.flags).toEqual([expect.stringContaining('Too easy')])

    const hard = Array.from({ length: 10 }, (_, i) => attempt(i === 0 ? 1 : 0, i === 0 ? 0 : 2, [i === 0 ? 0 : 1]))
    const h = itemStatistics('v', single, hard)
    expect(h.facility).toBe(0.1)
    expect(h.discrimination).toBe(-1)
    expect(h.flags).toHaveLength(2)
  })

  it('ignores attempts without the item and unscored (awaiting review) answers', () => {
    const s = itemStatistics('v', single, [
      { items: [{ versionId: 'w', score: 1, response: null }] },
      { items: [{ versionId: 'v', score: null, response: null }] },
    ])
    expect(s.count).toBe(0)
    expect(s.facility).toBeNull()
  })

  it('per decision node: how often each choice is taken and how its takers did on the rest', () => {
    const conv = ScenarioSchema.parse({
      title: 'C',
      type: 'branching',
      competencies,
      stem: 'S',
      nodes: [
        {
          id: 'a',
          stem: 'A',
          choices: [
            { text: 'x', score: 1, explanation: 'e', next: 'b' },
            { text: 'y', score: 0, explanation: 'e' },
          ],
        },
        {
          id: 'b',
          stem: 'B',
          choices: [
            { text: 'x', score: 1, explanation: 'e' },
            { text: 'y', score: 0.5, explanation: 'e' },
          ],
        },
      ],
    })
    const run = (path: { node: string; choice: number }[], score: number, rest: number): AttemptRecord => ({
      items: [
        { versionId: 'c', score, response: { type: 'branching', path } },
        { versionId: 'o', score: rest, response: null },
      ],
    })
    const s = itemStatistics('c', conv, [
      run(
        [
          { node: 'a', choice: 0 },
          { node: 'b', choice: 0 },
        ],
        1,
        0.9,
      ),
      run(
        [
          { node: 'a', choice: 0 },
          { node: 'b', choice: 1 },
        ],
        0.75,
        0.5,
      ),
      run([{ node: 'a', choice: 1 }], 0, 0.2),
    ])
    expect(s.nodes).toEqual([
      // Each decision's own facility: turn a scored 1, 1, 0; turn b 1 and 0.5.
      {
        node: 'a',
        competencies: competencies.map((c) => c.id),
        reached: 3,
        facility: 0.667,
        choices: [
          { index: 0, count: 2, share: 0.667, restMean: 0.7 },
          { index: 1, count: 1, share: 0.333, restMean: 0.2 },
        ],
      },
      {
        node: 'b',
        competencies: competencies.map((c) => c.id),
        reached: 2,
        facility: 0.75,
        choices: [
          { index: 0, count: 1, share: 0.5, restMean: 0.9 },
          { index: 1, count: 1, share: 0.5, restMean: 0.5 },
        ],
      },
    ])
    expect(s.facility).toBe(0.583)
  })
})
