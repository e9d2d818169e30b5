import { describe, expect, it } from 'vitest'
import { describeCadence, latestSlot, MAX_ATTEMPTS, nextDue, retryDelayMs } from './slots'

const daily = { every: 'day', at: 2 * 60 } as const
const weekly = { every: 'week', weekday: 0, at: 8 * 60 } as const

describe('slots', () => {
  it('a daily job is due at its local time: before it, yesterday’s slot is the latest', () => {
    // 01:30 in Paris (UTC+1): today's 02:00 has not come yet.
    expect(latestSlot(daily, new Date('2026-12-05T00:30:00Z'), 'Europe/Paris')).toEqual({
      key: '2026-12-04',
      dueAt: new Date('2026-12-04T01:00:00Z'),
    })
    // 02:00 in Paris exactly: today's slot.
    expect(latestSlot(daily, new Date('2026-12-05T01:00:00Z'), 'Europe/Paris')).toEqual({
      key: '2026-12-05',
      dueAt: new Date('2026-12-05T01:00:00Z'),
    })
    expect(nextDue(daily, new Date('2026-12-05T01:00:00Z'), 'Europe/Paris')).toEqual(new Date('2026-12-06T01:00:00Z'))
  })

  it('the day is the organisation’s: Auckland is already on Saturday while UTC is on Friday', () => {
    const now = new Date('2026-12-04T20:00:00Z') // Saturday 09:00 in Auckland (UTC+13)
    expect(latestSlot(daily, now, 'Pacific/Auckland').key).toBe('2026-12-05')
    expect(latestSlot(daily, now, 'UTC').key).toBe('2026-12-04')
  })

  it('one slot per local day across a daylight-saving change', () => {
    // Paris moves to summer time on 2026-03-29: every day still has exactly one slot.
    const keys = new Set<string>()
    for (let h = 0; h < 72; h++) keys.add(latestSlot(daily, new Date(Date.UTC(2026, 2, 28, h)), 'Europe/Paris').key)
    expect([...keys]).toEqual(['2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30'])
  })

  it('a weekly job is due on its weekday; the slot is named by the week’s Monday', () => {
    // Sunday 2026-12-06 noon UTC: this week's Monday 08:00 has passed.
    expect(latestSlot(weekly, new Date('2026-12-06T12:00:00Z'), 'UTC')).toEqual({
      key: '2026-11-30',
      dueAt: new Date('2026-11-30T08:00:00Z'),
    })
    // Monday 07:00: still last week's.
    expect(latestSlot(weekly, new Date('2026-12-07T07:00:00Z'), 'UTC').key).toBe('2026-11-30')
    expect(latestSlot(weekly, new Date('2026-12-07T08:00:00Z'), 'UTC').key).toBe('2026-12-07')
    expect(nextDue(weekly, new Date('2026-12-06T12:00:00Z'), 'UTC')).toEqual(new Date('2026-12-07T08:00:00Z'))
  })

  it('says when, in words', () => {
    expect(describeCadence(daily)).toBe('Every day at 02:00')
    expect(describeCadence({ every: 'week', weekday: 0, at: 8 * 60 + 30 })).toBe('Every Monday at 08:30')
  })

  it('retries a failed run after 5, then 10 minutes, then gives up', () => {
    expect(retryDelayMs(1)).toBe(5 * 60_000)
    expect(retryDelayMs(2)).toBe(10 * 60_000)
    expect(retryDelayMs(MAX_ATTEMPTS)).toBeNull()
  })
})
