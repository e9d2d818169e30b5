export const DAY_MS = 24 * 60 * 60 * 1000
/** A session lives this long after it was last slid forward. */
export const SESSION_TTL_MS = 30 * DAY_MS
/** A session is slid forward when fewer than this many milliseconds remain. */
export const SESSION_REFRESH_BELOW_MS = 15 * DAY_MS

/** When a new session expires. */
export function newSessionExpiry(now: Date): Date {
  return new Date(now.getTime() + SESSION_TTL_MS)
}

/** Default absolute lifetime from sign-in (SESSION_MAX_DAYS), however active the session is. */
export const SESSION_MAX_DAYS = 30

/**
 * What to do with a stored session at `now`: end it, keep it, or slide its expiry forward. With
 * `absolute`, a session also ends `maxMs` after it was created (a stolen cookie kept busy does not
 * live forever), and a slide never goes past that end.
 */
export function sessionDecision(
  expiresAt: Date,
  now: Date,
  absolute?: { createdAt: Date; maxMs: number },
): { kind: 'expired' } | { kind: 'valid' } | { kind: 'extend'; expiresAt: Date } {
  const endMs = absolute ? absolute.createdAt.getTime() + absolute.maxMs : Infinity
  const remaining = Math.min(expiresAt.getTime(), endMs) - now.getTime()
  if (remaining <= 0) return { kind: 'expired' }
  if (remaining < SESSION_REFRESH_BELOW_MS) {
    const slid = new Date(Math.min(newSessionExpiry(now).getTime(), endMs))
    if (slid.getTime() > expiresAt.getTime()) return { kind: 'extend', expiresAt: slid }
  }
  return { kind: 'valid' }
}
