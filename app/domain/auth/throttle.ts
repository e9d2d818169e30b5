export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000

/**
 * How failed sign-ins slow the next attempt, per scope. Failures beyond `free` make the next
 * attempt wait `baseMs`, doubling with each further failure, up to `maxMs`, counted from the latest
 * failure. An address shared by a whole shift (a hotel's front-desk PCs) has a much higher ceiling
 * than one account, so one typist cannot lock everyone out, and no scope is a hard block.
 */
export const SIGN_IN_SCOPES = {
  /** One account from one address: the typist at the desk. */
  accountAtAddress: { free: 5, baseMs: 1000, maxMs: SIGN_IN_WINDOW_MS },
  /** One account from anywhere: a guesser spread over many addresses. */
  account: { free: 20, baseMs: 1000, maxMs: SIGN_IN_WINDOW_MS },
  /** One address, every account: a guesser trying many accounts. */
  address: { free: 200, baseMs: 1000, maxMs: SIGN_IN_WINDOW_MS },
  /**
   * A browser that signed in to the account before (domain/auth/known-devices): only its own
   * failures count, the other scopes do not apply, so a guesser elsewhere cannot lock it out.
   */
  knownDevice: { free: 5, baseMs: 1000, maxMs: SIGN_IN_WINDOW_MS },
} as const
export type ThrottleRule = { free: number; baseMs: number; maxMs: number }

/**
 * Whether another sign-in may be tried now, given the times of the earlier failures in one scope
 * (the attempt being decided is not among them). When refused, `retryAt` says when it may be.
 */
export function signInThrottle(
  failures: Date[],
  now: Date,
  rule: ThrottleRule,
  windowMs = SIGN_IN_WINDOW_MS,
): { allowed: true } | { allowed: false; retryAt: Date } {
  const since = now.getTime() - windowMs
  const recent = failures.map((d) => d.getTime()).filter((t) => t > since)
  if (recent.length < rule.free) return { allowed: true }
  const waitMs = Math.min(rule.baseMs * 2 ** (recent.length - rule.free), rule.maxMs)
  const retryAt = Math.max(...recent) + waitMs
  return retryAt <= now.getTime() ? { allowed: true } : { allowed: false, retryAt: new Date(retryAt) }
}

/** "3 seconds" or "2 minutes": how long until `retryAt`, for the messages that refuse an attempt. */
export function waitPhrase(retryAt: Date, now: Date) {
  const seconds = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000))
  if (seconds < 60) return { seconds, text: `${seconds} second${seconds === 1 ? '' : 's'}` }
  const minutes = Math.ceil(seconds / 60)
  return { seconds, text: `${minutes} minute${minutes === 1 ? '' : 's'}` }
}
