// Dates and times in the organisation's time zone, shared by the server and the browser so both
// render the same text. A "day" (observation dates, start dates, due dates, "today") is a calendar
// day in that zone, written as a day key YYYY-MM-DD; an instant is a Date. Machine-readable output
// (CSV/JSON exports) keeps ISO 8601 instants and never goes through here.

export const DEFAULT_TIME_ZONE = 'UTC'

/** A calendar day, YYYY-MM-DD. */
export type DayKey = string

type Instant = Date | string | number

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(zone: string, options: Intl.DateTimeFormatOptions, locale = 'en-GB'): Intl.DateTimeFormat {
  const key = `${locale}|${zone}|${JSON.stringify(options)}`
  let f = formatters.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone: zone })
    formatters.set(key, f)
  }
  return f
}

function toDate(at: Instant): Date {
  return at instanceof Date ? at : new Date(at)
}

// Zones Intl has accepted: the root loader checks the organisation's zone on every request, and
// building a DateTimeFormat to check it cost more than the rest of that loader. Only accepted names
// are kept (a few hundred at most), so input that is refused cannot grow the set.
const knownZones = new Set<string>()

/** True for an IANA time zone name this runtime knows (Intl refuses the others). */
export function isTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false
  if (knownZones.has(zone)) return true
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone })
    knownZones.add(zone)
    return true
  } catch {
    return false
  }
}

/** Every time zone the runtime offers, UTC first, for a picker. */
export function timeZoneNames(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []
  return ['UTC', ...zones.filter((z) => z !== 'UTC')]
}

/** The zone this runtime (a browser, when called there) runs in, when it is a known one. */
export function runtimeTimeZone(): string | null {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone
  return zone && isTimeZone(zone) ? zone : null
}

/** "5 Dec 2026" in the zone. */
export function formatDate(at: Instant, zone: string): string {
  return formatter(zone, { dateStyle: 'medium' }).format(toDate(at))
}

/** "5 Dec" in the zone (chart ticks, due dates within a path). */
export function formatShortDate(at: Instant, zone: string): string {
  return formatter(zone, { day: 'numeric', month: 'short' }).format(toDate(at))
}

/** A calendar day as "5 Dec 2026" (or "5 Dec" when short): a day has no zone of its own. */
export function formatDay(day: DayKey, options: { short?: boolean } = {}): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return options.short ? formatShortDate(Date.UTC(y, m - 1, d), 'UTC') : formatDate(Date.UTC(y, m - 1, d), 'UTC')
}

/** "5 Dec 2026, 14:30" in the zone; with seconds for logs. */
export function formatDateTime(at: Instant, zone: string, options: { seconds?: boolean } = {}): string {
  return formatter(zone, { dateStyle: 'medium', timeStyle: options.seconds ? 'medium' : 'short' }).format(toDate(at))
}

/** The zone's short name at an instant, e.g. "GMT+13", "BST" or "UTC". */
export function zoneLabel(at: Instant, zone: string): string {
  const part = formatter(zone, { timeZoneName: 'short' })
    .formatToParts(toDate(at))
    .find((p) => p.type === 'timeZoneName')
  return part?.value ?? zone
}

function parts(at: Date, zone: string) {
  const out: Record<string, number> = {}
  const f = formatter(
    zone,
    { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
    'en-US',
  )
  for (const p of f.formatToParts(at)) if (p.type !== 'literal') out[p.type] = Number(p.value)
  return out as { year: number; month: number; day: number; hour: number; minute: number; second: number }
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** The calendar day an instant falls on in the zone. */
export function dayKey(at: Instant, zone: string): DayKey {
  const p = parts(toDate(at), zone)
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`
}

/** Today's calendar day in the zone. */
export function today(zone: string, now: Date = new Date()): DayKey {
  return dayKey(now, zone)
}

/** A valid calendar day key (rejects 2026-02-30 and anything not YYYY-MM-DD), or null. */
export function parseDayKey(input: string): DayKey | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input)
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const utc = new Date(Date.UTC(y, mo - 1, d))
  if (utc.getUTCFullYear() !== y || utc.getUTCMonth() !== mo - 1 || utc.getUTCDate() !== d) return null
  return input
}

/** The day `days` calendar days after (or before, when negative) a day. */
export function addDays(day: DayKey, days: number): DayKey {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const utc = new Date(Date.UTC(y, m - 1, d + days))
  return `${pad(utc.getUTCFullYear(), 4)}-${pad(utc.getUTCMonth() + 1)}-${pad(utc.getUTCDate())}`
}

/** Whole calendar days from one day to another (negative when `to` is earlier). */
export function daysBetween(from: DayKey, to: DayKey): number {
  const utc = (k: DayKey) => {
    const [y, m, d] = k.split('-').map(Number) as [number, number, number]
    return Date.UTC(y, m - 1, d)
  }
  return Math.round((utc(to) - utc(from)) / 86_400_000)
}

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function offsetMs(at: number, zone: string): number {
  const p = parts(new Date(at), zone)
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second)
  return wall - Math.floor(at / 1000) * 1000
}

/**
 * The first instant of a calendar day in the zone. Usually local midnight; where a daylight-saving
 * change skips midnight, the first moment that exists on that day.
 */
export function startOfDay(day: DayKey, zone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const wall = Date.UTC(y, m - 1, d)
  const candidates = new Set<number>()
  for (const probe of [wall - 86_400_000, wall, wall + 86_400_000]) candidates.add(wall - offsetMs(probe, zone))
  const onDay = [...candidates].filter((t) => dayKey(new Date(t), zone) === day).sort((a, b) => a - b)
  if (onDay.length > 0) return new Date(onDay[0]!)
  // Midnight falls in a skipped hour: the day starts when the clocks jump, one offset later.
  const after = Math.min(...[...candidates].filter((t) => dayKey(new Date(t), zone) < day))
  return new Date(after + 3_600_000)
}

/** The first instant after a calendar day in the zone (days are half-open: start <= t < end). */
export function endOfDay(day: DayKey, zone: string): Date {
  return startOfDay(addDays(day, 1), zone)
}

/** A date input's value (YYYY-MM-DD) as the start of that day in the zone, or null when invalid. */
export function parseLocalDay(input: string, zone: string): Date | null {
  const day = parseDayKey(input.trim())
  return day ? startOfDay(day, zone) : null
}
