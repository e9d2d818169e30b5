// The product's rules about calendar days, all in the organisation's time zone: an observation's
// date and the weeks that readiness snapshots are kept for (due dates: domain/content/onboarding).
import { addDays, dayKey, daysBetween, parseDayKey, startOfDay, today, type DayKey } from '~/domain/calendar/dates'

/** How far back an observation may be dated, in days. */
export const OBSERVATION_MAX_AGE_DAYS = 365

/**
 * Why a date given for an observation is refused, or null when it is fine: it must be a real day,
 * not after today and not more than a year before it, "today" being today in the organisation.
 */
export function observationDayProblem(input: string, zone: string, now: Date = new Date()): string | null {
  const day = parseDayKey(input.trim())
  if (!day) return 'Give the date you saw it, like 2026-12-01.'
  const age = daysBetween(day, today(zone, now))
  if (age < 0) return 'The date cannot be in the future.'
  if (age > OBSERVATION_MAX_AGE_DAYS) return 'Record what you saw within the last year.'
  return null
}

/** The start of the Monday of the week an instant falls in, in the organisation's zone. */
export function startOfWeek(at: Date, zone: string): Date {
  const day: DayKey = dayKey(at, zone)
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7
  return startOfDay(addDays(day, -weekday), zone)
}
