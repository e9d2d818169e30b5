import { describe, expect, it } from 'vitest'
import { creditedSeconds, dueDate, earliestOpenDueDate, moduleStatus, percentDone } from './onboarding'

const start = new Date('2026-11-01T00:00:00Z')

describe('onboarding schedule', () => {
  it('counts due dates from the start date', () => {
    expect(dueDate(start, 7).toISOString()).toBe('2026-11-08T00:00:00.000Z')
  })

  it('marks a module done, overdue, due soon or upcoming', () => {
    const due = dueDate(start, 7)
    expect(moduleStatus(['done', 'done'], due, new Date('2026-12-01'))).toBe('done')
    expect(moduleStatus(['done', 'in-progress'], due, new Date('2026-11-09'))).toBe('overdue')
    expect(moduleStatus(['not-started'], due, new Date('2026-11-06'))).toBe('due-soon')
    expect(moduleStatus(['not-started'], due, new Date('2026-11-02'))).toBe('upcoming')
  })

  it('computes progress as a whole percentage', () => {
    expect(percentDone([])).toBe(0)
    expect(percentDone(['done', 'not-started', 'in-progress'])).toBe(33)
    expect(percentDone(['done', 'done'])).toBe(100)
  })

  it('credits reported time within bounds', () => {
    expect(creditedSeconds(30)).toBe(30)
    expect(creditedSeconds(5000)).toBe(120)
    expect(creditedSeconds(-5)).toBe(0)
    expect(creditedSeconds(Number.NaN)).toBe(0)
  })

  it('finds the earliest due date among modules not done yet, across paths', () => {
    const later = new Date('2026-11-10T00:00:00Z')
    const assignments = [
      {
        startDate: start,
        modules: [
          { dueDays: 3, lessonIds: ['a', 'b'] },
          { dueDays: 14, lessonIds: ['c'] },
        ],
      },
      {
        startDate: later,
        modules: [
          { dueDays: 1, lessonIds: ['d'] },
          { dueDays: 0, lessonIds: [] },
        ],
      },
    ]
    expect(earliestOpenDueDate(assignments, new Set())?.toISOString()).toBe('2026-11-04T00:00:00.000Z')
    expect(earliestOpenDueDate(assignments, new Set(['a', 'b']))?.toISOString()).toBe('2026-11-11T00:00:00.000Z')
    expect(earliestOpenDueDate(assignments, new Set(['a', 'b', 'd']))?.toISOString()).toBe('2026-11-15T00:00:00.000Z')
    expect(earliestOpenDueDate(assignments, new Set(['a', 'b', 'c', 'd']))).toBeNull()
    expect(earliestOpenDueDate([], new Set())).toBeNull()
  })
})
