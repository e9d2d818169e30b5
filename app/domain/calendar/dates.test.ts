import { describe, expect, test } from 'vitest'
import {
  addDays,
  dayKey,
  daysBetween,
  endOfDay,
  formatDate,
  formatDateTime,
  formatDay,
  formatShortDate,
  isTimeZone,
  parseDayKey,
  parseLocalDay,
  startOfDay,
  timeZoneNames,
  today,
  zoneLabel,
} from './dates'

describe('day keys and today', () => {
  test('Pacific/Auckland at 00:30 local is already the next day while UTC is still on the previous one', () => {
    // 2026-12-05 00:30 NZDT (UTC+13) is 2026-12-04 11:30 UTC.
    const now = new Date('2026-12-04T11:30:00Z')
    expect(today('Pacific/Auckland', now)).toBe('2026-12-05')
    expect(today('UTC', now)).toBe('2026-12-04')
  })

  test('America/Los_Angeles at 23:30 local is still the previous day while UTC has moved on', () => {
    // 2026-12-04 23:30 PST (UTC-8) is 2026-12-05 07:30 UTC.
    const now = new Date('2026-12-05T07:30:00Z')
    expect(today('America/Los_Angeles', now)).toBe('2026-12-04')
    expect(today('UTC', now)).toBe('2026-12-05')
  })

  test('start and end of a local day are the local midnights, east and west of UTC', () => {
    expect(startOfDay('2026-12-05', 'Pacific/Auckland').toISOString()).toBe('2026-12-04T11:00:00.000Z')
    expect(endOfDay('2026-12-05', 'Pacific/Auckland').toISOString()).toBe('2026-12-05T11:00:00.000Z')
    expect(startOfDay('2026-12-04', 'America/Los_Angeles').toISOString()).toBe('2026-12-04T08:00:00.000Z')
    expect(endOfDay('2026-12-04', 'America/Los_Angeles').toISOString()).toBe('2026-12-05T08:00:00.000Z')
    expect(startOfDay('2026-12-04', 'UTC').toISOString()).toBe('2026-12-04T00:00:00.000Z')
  })

  test('a day that loses an hour to daylight saving is 23 hours long, one that gains an hour is 25', () => {
    // Los Angeles springs forward on 2026-03-08 and falls back on 2026-11-01.
    const spring = endOfDay('2026-03-08', 'America/Los_Angeles').getTime() - startOfDay('2026-03-08', 'America/Los_Angeles').getTime()
    const autumn = endOfDay('2026-11-01', 'America/Los_Angeles').getTime() - startOfDay('2026-11-01', 'America/Los_Angeles').getTime()
    expect(spring / 3_600_000).toBe(23)
    expect(autumn / 3_600_000).toBe(25)
    // Auckland moves to NZDT (UTC+13) on 2026-09-27: midnight before is still NZST (UTC+12).
    expect(startOfDay('2026-09-27', 'Pacific/Auckland').toISOString()).toBe('2026-09-26T12:00:00.000Z')
    expect(startOfDay('2026-09-28', 'Pacific/Auckland').toISOString()).toBe('2026-09-27T11:00:00.000Z')
  })

  test('where daylight saving skips midnight, the day starts when the clocks jump', () => {
    // Santiago springs forward at 00:00 on 2026-09-06 (UTC-4 to UTC-3): the day begins at 01:00 local.
    const start = startOfDay('2026-09-06', 'America/Santiago')
    expect(start.toISOString()).toBe('2026-09-06T04:00:00.000Z')
    expect(dayKey(start, 'America/Santiago')).toBe('2026-09-06')
    expect(dayKey(new Date(start.getTime() - 1), 'America/Santiago')).toBe('2026-09-05')
  })

  test('every instant of a day maps back to its day key, around a DST change', () => {
    const zone = 'Europe/London'
    for (const day of ['2026-03-28', '2026-03-29', '2026-03-30', '2026-10-24', '2026-10-25', '2026-10-26']) {
      const start = startOfDay(day, zone).getTime()
      const end = endOfDay(day, zone).getTime()
      expect(dayKey(new Date(start), zone)).toBe(day)
      expect(dayKey(new Date(end - 1), zone)).toBe(day)
      expect(dayKey(new Date(end), zone)).toBe(addDays(day, 1))
    }
  })
})

describe('calendar arithmetic and parsing', () => {
  test('adds days across months, years and leap days', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02')
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3)
    expect(daysBetween('2027-01-02', '2026-12-30')).toBe(-3)
  })

  test('parses only real YYYY-MM-DD days', () => {
    expect(parseDayKey('2026-12-05')).toBe('2026-12-05')
    expect(parseDayKey('2026-02-30')).toBeNull()
    expect(parseDayKey('2026-13-01')).toBeNull()
    expect(parseDayKey('5/12/2026')).toBeNull()
    expect(parseDayKey('2026-12-05T00:00:00Z')).toBeNull()
    expect(parseDayKey('')).toBeNull()
  })

  test('a date input is the start of that day in the zone', () => {
    expect(parseLocalDay('2026-12-05', 'Pacific/Auckland')?.toISOString()).toBe('2026-12-04T11:00:00.000Z')
    expect(parseLocalDay('2026-12-05', 'America/Los_Angeles')?.toISOString()).toBe('2026-12-05T08:00:00.000Z')
    expect(parseLocalDay('not a date', 'UTC')).toBeNull()
  })
})

describe('formatting', () => {
  const at = new Date('2026-12-04T11:30:00Z')

  test('formats in the zone, not in UTC', () => {
    expect(formatDate(at, 'Pacific/Auckland')).toBe('5 Dec 2026')
    expect(formatDate(at, 'UTC')).toBe('4 Dec 2026')
    expect(formatShortDate(at, 'Pacific/Auckland')).toBe('5 Dec')
    expect(formatDateTime(at, 'Pacific/Auckland')).toBe('5 Dec 2026, 00:30')
    expect(formatDateTime(at, 'America/Los_Angeles')).toBe('4 Dec 2026, 03:30')
    expect(formatDateTime(at, 'UTC', { seconds: true })).toBe('4 Dec 2026, 11:30:00')
    expect(formatDateTime(at.toISOString(), 'UTC')).toBe('4 Dec 2026, 11:30')
    expect(formatDay('2026-12-05')).toBe('5 Dec 2026')
    expect(formatDay('2026-12-05', { short: true })).toBe('5 Dec')
  })

  test('names the zone with its offset', () => {
    expect(zoneLabel(at, 'UTC')).toBe('UTC')
    expect(zoneLabel(at, 'Pacific/Auckland')).toBe('GMT+13')
    expect(zoneLabel(new Date('2026-07-01T12:00:00Z'), 'Pacific/Auckland')).toBe('GMT+12')
  })
})

describe('time zone names', () => {
  test('knows IANA zones and refuses the rest', () => {
    expect(isTimeZone('Pacific/Auckland')).toBe(true)
    expect(isTimeZone('UTC')).toBe(true)
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false)
    expect(isTimeZone('')).toBe(false)
    expect(isTimeZone('x'.repeat(200))).toBe(false)
  })

  test('offers UTC first and every zone once', () => {
    const zones = timeZoneNames()
    expect(zones[0]).toBe('UTC')
    expect(zones).toContain('Pacific/Auckland')
    expect(new Set(zones).size).toBe(zones.length)
  })
})
