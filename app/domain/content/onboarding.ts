import { DAY_MS } from '~/domain/auth/session-expiry'
import { addDays, dayKey, endOfDay, type DayKey } from '~/domain/calendar/dates'

export type LessonState = 'done' | 'in-progress' | 'not-started'
export type ModuleStatus = 'done' | 'overdue' | 'due-soon' | 'upcoming'

/** The day a module is due: `dueDays` calendar days after the start day, in the organisation's zone. */
export function dueDay(startDate: Date, dueDays: number, zone: string): DayKey {
  return addDays(dayKey(startDate, zone), dueDays)
}

/** When a module becomes overdue: once its due day has ended in the organisation's zone. */
export function dueDate(startDate: Date, dueDays: number, zone: string): Date {
  return endOfDay(dueDay(startDate, dueDays, zone), zone)
}

/** A module's status: done when every lesson is done; overdue past its due date; due soon within 3 days. */
export function moduleStatus(lessons: LessonState[], due: Date, now: Date): ModuleStatus {
  if (lessons.length > 0 && lessons.every((l) => l === 'done')) return 'done'
  if (now.getTime() > due.getTime()) return 'overdue'
  if (due.getTime() - now.getTime() <= 3 * DAY_MS) return 'due-soon'
  return 'upcoming'
}

/** Whole-number percentage of lessons done. */
export function percentDone(lessons: LessonState[]): number {
  if (lessons.length === 0) return 0
  return Math.round((100 * lessons.filter((l) => l === 'done').length) / lessons.length)
}

/** Time credited for one progress report: never negative, at most `capSeconds` (a tab left open is not study). */
export function creditedSeconds(reported: number, capSeconds = 120): number {
  if (!Number.isFinite(reported) || reported <= 0) return 0
  return Math.min(Math.round(reported), capSeconds)
}

/**
 * The earliest due date of a module that is not done yet (null when every module is done): the
 * dashboards count someone as overdue once it has passed. A module is done when all its lessons are.
 */
export function earliestOpenDueDate(
  assignments: { startDate: Date; modules: { dueDays: number; lessonIds: string[] }[] }[],
  doneLessonIds: ReadonlySet<string>,
  zone: string,
): Date | null {
  let earliest: Date | null = null
  for (const a of assignments) {
    for (const m of a.modules) {
      if (m.lessonIds.every((id) => doneLessonIds.has(id))) continue
      const due = dueDate(a.startDate, m.dueDays, zone)
      if (!earliest || due < earliest) earliest = due
    }
  }
  return earliest
}
