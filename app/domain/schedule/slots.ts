// When recurring work is due: a job runs once per slot (a local day, or a local week), at a time of
// day in the organisation's zone. A slot missed while the server was down runs when it next looks;
// only the latest slot is ever due, so a week offline does not run a job seven times.
import { addDays, dayKey, startOfDay, type DayKey } from '../calendar/dates'
import { startOfWeek } from '../calendar/days'

const MINUTE_MS = 60_000

export type Cadence =
  /** Every day, `at` minutes after local midnight. */
  | { every: 'day'; at: number }
  /** Every week, on `weekday` (0 = Monday) at `at` minutes after local midnight. */
  | { every: 'week'; weekday: number; at: number }

/** A slot: its key (the local day, or the local Monday of its week) and when it became due. */
export type Slot = { key: DayKey; dueAt: Date }

const dueOn = (day: DayKey, at: number, zone: string) => new Date(startOfDay(day, zone).getTime() + at * MINUTE_MS)

/** The latest slot due at or before `now`. */
export function latestSlot(cadence: Cadence, now: Date, zone: string): Slot {
  if (cadence.every === 'day') {
    const day = dayKey(now, zone)
    const due = dueOn(day, cadence.at, zone)
    if (due <= now) return { key: day, dueAt: due }
    const before = addDays(day, -1)
    return { key: before, dueAt: dueOn(before, cadence.at, zone) }
  }
  const monday = dayKey(startOfWeek(now, zone), zone)
  const due = dueOn(addDays(monday, cadence.weekday), cadence.at, zone)
  if (due <= now) return { key: monday, dueAt: due }
  const before = addDays(monday, -7)
  return { key: before, dueAt: dueOn(addDays(before, cadence.weekday), cadence.at, zone) }
}

/** The slot after the latest one: when the job will next be due. */
export function nextDue(cadence: Cadence, now: Date, zone: string): Date {
  const { key } = latestSlot(cadence, now, zone)
  return cadence.every === 'day' ? dueOn(addDays(key, 1), cadence.at, zone) : dueOn(addDays(key, 7 + cadence.weekday), cadence.at, zone)
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']
const clock = (at: number) => `${String(Math.floor(at / 60)).padStart(2, '0')}:${String(at % 60).padStart(2, '0')}`

/** "Every day at 02:00", "Every Monday at 08:00" (local time). */
export function describeCadence(cadence: Cadence): string {
  return cadence.every === 'day' ? `Every day at ${clock(cadence.at)}` : `Every ${WEEKDAYS[cadence.weekday]} at ${clock(cadence.at)}`
}

/** Retries of a failed run: how long to wait before attempt `attempt + 1`, or null when it has had its tries. */
export const MAX_ATTEMPTS = 3
export function retryDelayMs(attempt: number): number | null {
  return attempt >= MAX_ATTEMPTS ? null : 5 * MINUTE_MS * 2 ** (attempt - 1)
}
