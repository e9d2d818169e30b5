import { describe, expect, test } from 'vitest'
import { observationDayProblem, startOfWeek } from './days'

describe('observation dates', () => {
  // 2026-12-05 00:30 in Auckland (UTC+13); in UTC it is still 2026-12-04.
  const now = new Date('2026-12-04T11:30:00Z')

  test('today in the organisation’s zone is accepted even while UTC is still on yesterday', () => {
    expect(observationDayProblem('2026-12-05', 'Pacific/Auckland', now)).toBeNull()
    expect(observationDayProblem('2026-12-05', 'UTC', now)).toBe('The date cannot be in the future.')
  })

  test('tomorrow in the zone is refused; west of UTC, the UTC day is already tomorrow', () => {
    expect(observationDayProblem('2026-12-06', 'Pacific/Auckland', now)).toBe('The date cannot be in the future.')
    // 2026-12-04 23:30 in Los Angeles is 2026-12-05 07:30 UTC.
    const late = new Date('2026-12-05T07:30:00Z')
    expect(observationDayProblem('2026-12-05', 'America/Los_Angeles', late)).toBe('The date cannot be in the future.')
    expect(observationDayProblem('2026-12-04', 'America/Los_Angeles', late)).toBeNull()
  })

  test('refuses days more than a year back and anything that is not a day', () => {
    expect(observationDayProblem('2025-12-05', 'Pacific/Auckland', now)).toBeNull()
    expect(observationDayProblem('2025-12-04', 'Pacific/Auckland', now)).toBe('Record what you saw within the last year.')
    expect(observationDayProblem('2026-02-30', 'UTC', now)).toBe('Give the date you saw it, like 2026-12-01.')
    expect(observationDayProblem('tomorrow', 'UTC', now)).toBe('Give the date you saw it, like 2026-12-01.')
  })
})

describe('snapshot weeks', () => {
  test('a week starts on Monday 00:00 in the zone', () => {
    // Monday 2026-12-07 00:30 in Auckland is Sunday 11:30 UTC: already the new week there.
    expect(startOfWeek(new Date('2026-12-06T11:30:00Z'), 'Pacific/Auckland').toISOString()).toBe('2026-12-06T11:00:00.000Z')
    expect(startOfWeek(new Date('2026-12-06T11:30:00Z'), 'UTC').toISOString()).toBe('2026-11-30T00:00:00.000Z')
    // Sunday 2026-12-06 23:30 in Los Angeles is Monday 07:30 UTC: still the old week there.
    expect(startOfWeek(new Date('2026-12-07T07:30:00Z'), 'America/Los_Angeles').toISOString()).toBe('2026-11-30T08:00:00.000Z')
  })
})
