// Certificates that expire: which competencies a path or module certifies, when a person has earned
// one, its status as time passes, and when to remind them (app/docs/decisions/021-certificates-that-expire.md).
import { isReady, LEAST_EVIDENCE_FOR_READY, type Level } from '~/domain/readiness/model'

const DAY_MS = 86_400_000
/** A valid certificate this close to its expiry is "expiring" (and the first reminder goes). */
export const EXPIRING_DAYS = 30
/** Reminders before expiry, in days: each is sent once. */
export const REMINDER_DAYS = [30, 7] as const
export type ReminderDays = (typeof REMINDER_DAYS)[number]
/** The validity a new certificate rule starts with. */
export const DEFAULT_VALID_MONTHS = 12
export const MAX_VALID_DAYS = 10 * 365

/** A month of validity, in days: twelve months make a year. */
export const monthsToDays = (months: number) => Math.round((months * 365) / 12)

/** A validity in days as a rule's form shows it: whole months when it is a whole number of months. */
export function validityOf(validDays: number): { amount: number; unit: 'months' | 'days' } {
  for (let m = 1; m <= 120; m++) if (monthsToDays(m) === validDays) return { amount: m, unit: 'months' }
  return { amount: validDays, unit: 'days' }
}

/** "12 months", "90 days". */
export function describeValidity(validDays: number): string {
  const v = validityOf(validDays)
  return `${v.amount} ${v.amount === 1 ? v.unit.slice(0, -1) : v.unit}`
}

/** The ids in first-seen order, each once. */
function union(lists: readonly (readonly string[])[]): string[] {
  return [...new Set(lists.flat())]
}

/**
 * A module's competencies: those of its published lessons and of the scenarios of its module quiz,
 * each once, in that order.
 */
export function moduleCompetencies(module: { lessons: readonly (readonly string[])[]; quizScenarios: readonly (readonly string[])[] }) {
  return union([...module.lessons, ...module.quizScenarios])
}

/** A path's competencies: the union over its modules. */
export function pathCompetencies(modules: readonly (readonly string[])[]): string[] {
  return union(modules)
}

/** A stored estimate as far as eligibility needs it. */
export type EstimateLevel = { level: Level; count: number; toDecide: number | null }

/**
 * Whether one competency counts as ready for a certificate: its stored level is ready (or role
 * model), backed by at least LEAST_EVIDENCE_FOR_READY scored answers with the evidence deciding it
 * (decision 018), so an estimate stored before that rule cannot certify a guesser.
 */
export function competencyCertifies(e: EstimateLevel | undefined): boolean {
  return e !== undefined && isReady(e.level) && e.count >= LEAST_EVIDENCE_FOR_READY && e.toDecide === null
}

/** The competencies of a rule that are not yet ready, in the rule's order. */
export function missingCompetencies(competencyIds: readonly string[], estimates: ReadonlyMap<string, EstimateLevel>): string[] {
  return competencyIds.filter((id) => !competencyCertifies(estimates.get(id)))
}

/** A person has earned a certificate when it certifies something and every competency of it is ready. */
export function isEligible(competencyIds: readonly string[], estimates: ReadonlyMap<string, EstimateLevel>): boolean {
  return competencyIds.length > 0 && missingCompetencies(competencyIds, estimates).length === 0
}

/** When a certificate granted at `issuedAt` expires. */
export function expiresAtFor(issuedAt: Date, validDays: number): Date {
  return new Date(issuedAt.getTime() + validDays * DAY_MS)
}

export type EndReason = 'expired' | 'readiness-dropped'
export type CertificateTimes = { expiresAt: Date; endedAt: Date | null; endReason: string | null }
/** valid · expiring (30 days or less left) · expired · lapsed (ended when readiness dropped below ready) */
export type CertificateStatus = 'valid' | 'expiring' | 'expired' | 'lapsed'
export const STATUS_LABELS: Record<CertificateStatus, string> = {
  valid: 'Valid',
  expiring: 'Expiring soon',
  expired: 'Expired',
  lapsed: 'Ended: readiness dropped',
}

/** A certificate's status at `now`: expired from the instant it expires, expiring from 30 days before. */
export function certificateStatus(c: CertificateTimes, now: Date): CertificateStatus {
  if (c.endedAt) return c.endReason === 'readiness-dropped' ? 'lapsed' : 'expired'
  const left = c.expiresAt.getTime() - now.getTime()
  if (left <= 0) return 'expired'
  return left <= EXPIRING_DAYS * DAY_MS ? 'expiring' : 'valid'
}

/** Whole days left before expiry (0 once expired), rounded up: "expires in 1 day" until the last moment. */
export function daysLeft(expiresAt: Date, now: Date): number {
  return Math.max(0, Math.ceil((expiresAt.getTime() - now.getTime()) / DAY_MS))
}

/**
 * Why a valid certificate ends at `now`, or null while it stands: it expired, or one of the
 * competencies it certified is no longer ready (whichever comes first; expiry is checked first).
 */
export function endReasonAt(
  c: { expiresAt: Date; competencyIds: readonly string[] },
  estimates: ReadonlyMap<string, EstimateLevel>,
  now: Date,
): EndReason | null {
  if (c.expiresAt.getTime() <= now.getTime()) return 'expired'
  return c.competencyIds.every((id) => isReady(estimates.get(id)?.level ?? 'not-started')) ? null : 'readiness-dropped'
}

/**
 * The reminder due for a valid certificate at `now`, if any: the 7-day one once 7 days or less are
 * left, else the 30-day one once 30 or less; each only if not yet sent, and none once it has expired
 * or ended. A certificate granted with less than 30 days left gets only the reminders still ahead.
 */
export function reminderDue(c: CertificateTimes & { reminded30At: Date | null; reminded7At: Date | null }, now: Date): ReminderDays | null {
  if (c.endedAt) return null
  const left = c.expiresAt.getTime() - now.getTime()
  if (left <= 0) return null
  if (left <= 7 * DAY_MS) return c.reminded7At ? null : 7
  if (left <= 30 * DAY_MS) return c.reminded30At ? null : 30
  return null
}
