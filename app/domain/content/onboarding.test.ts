import { describe, expect, it } from 'vitest'
import { creditedSeconds, dueDate, dueDay, earliestOpenDueDate, moduleStatus, percentDone } from './onboarding'

const start = new Date('2026-11-01T00:00:00Z')

describe('onboarding schedule', () => {
  it('counts due dates from the start date: due on the day, overdue once that day has ended', () => {
    expect(dueDay(start, 7, 'UTC')).toBe('2026-11-08')
    expect(dueDate(start, 7, 'UTC').toISOString()).toBe('2026-11-09T00:00:00.000Z')
  })

  it('counts due days in the organisation’s zone, east and west of UTC and across a DST change', () => {
    // Started 1 Nov 09:00 in Auckland (31 Oct 20:00 UTC): due 8 Nov, overdue from 9 Nov 00:00 NZDT.
    const auckland = new Date('2026-10-31T20:00:00Z')
    expect(dueDay(auckland, 7, 'Pacific/Auckland')).toBe('2026-11-08')
    expect(dueDate(auckland, 7, 'Pacific/Auckland').toISOString()).toBe('2026-11-08T11:00:00.000Z')
    // Started 31 Oct 17:00 in Los Angeles (PDT); clocks go back on 1 Nov, so the due day ends at 08:00 UTC.
    const la = new Date('2026-11-01T00:00:00Z')
    expect(dueDay(la, 7, 'America/Los_Angeles')).toBe('2026-11-07')
    expect(dueDate(la, 7, 'America/Los_Angeles').toISOString()).toBe('2026-11-08T08:00:00.000Z')
  })

  it('marks a module done, overdue, due soon or upcoming', () => {
    const due = dueDate(start, 7, 'UTC')
    expect(moduleStatus(['not-started'], due, new Date('2026-11-08T23:59:00Z'))).toBe('due-soon')
    expect(moduleStatus(['done', 'done'], due, new Date('2026-12-01'))).toBe('done')
    expect(moduleStatus(['done', 'in-progress'], due, new Date('2026-11-09T00:01:00Z'))).toBe('overdue')
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
    expect(earliestOpenDueDate(assignments, new Set(), 'UTC')?.toISOString()).toBe('2026-11-05T00:00:00.000Z')
    expect(earliestOpenDueDate(assignments, new Set(['a', 'b']), 'UTC')?.toISOString()).toBe('2026-11-12T00:00:00.000Z')
    expect(earliestOpenDueDate(assignments, new Set(['a', 'b', 'd']), 'UTC')?.toISOString()).toBe('2026-11-16T00:00:00.000Z')
    // East of UTC the due day ends earlier (Auckland is UTC+13 in November).
    expect(earliestOpenDueDate(assignments, new Set(), 'Pacific/Auckland')?.toISOString()).toBe('2026-11-04T11:00:00.000Z')
    expect(earliestOpenDueDate(assignments, new Set(['a', 'b', 'c', 'd']), 'UTC')).toBeNull()
    expect(earliestOpenDueDate([], new Set(), 'UTC')).toBeNull()
  })
})
