export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000
/** Failed sign-ins allowed per account and per address within the window; the next is refused. */
export const SIGN_IN_MAX_FAILURES = 10

/**
 * Whether another sign-in may be tried, given the times of recent failures (for one account or one
 * address). When refused, `retryAt` is when the oldest counted failure leaves the window.
 */
export function signInThrottle(
  failures: Date[],
  now: Date,
  { max = SIGN_IN_MAX_FAILURES, windowMs = SIGN_IN_WINDOW_MS } = {},
): { allowed: true } | { allowed: false; retryAt: Date } {
  const since = now.getTime() - windowMs
  const recent = failures.map((d) => d.getTime()).filter((t) => t > since).sort((a, b) => a - b)
  if (recent.length < max) return { allowed: true }
  // Once `max` failures are in the window, wait until enough of them age out to leave max - 1.
  return { allowed: false, retryAt: new Date(recent[recent.length - max]! + windowMs) }
}
