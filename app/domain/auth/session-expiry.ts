export const DAY_MS = 24 * 60 * 60 * 1000
/** A session lives this long after it was last slid forward. */
export const SESSION_TTL_MS = 30 * DAY_MS
/** A session is slid forward when fewer than this many milliseconds remain. */
export const SESSION_REFRESH_BELOW_MS = 15 * DAY_MS

/** When a new session expires. */
export function newSessionExpiry(now: Date): Date {
  return new Date(now.getTime() + SESSION_TTL_MS)
}

/** What to do with a stored session at `now`: end it, keep it, or slide its expiry forward. */
export function sessionDecision(
  expiresAt: Date,
  now: Date,
): { kind: 'expired' } | { kind: 'valid' } | { kind: 'extend'; expiresAt: Date } {
  const remaining = expiresAt.getTime() - now.getTime()
  if (remaining <= 0) return { kind: 'expired' }
  if (remaining < SESSION_REFRESH_BELOW_MS) return { kind: 'extend', expiresAt: newSessionExpiry(now) }
  return { kind: 'valid' }
}
