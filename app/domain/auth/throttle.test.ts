import { describe, expect, it } from 'vitest'
import { signInThrottle, SIGN_IN_MAX_FAILURES, SIGN_IN_WINDOW_MS } from './throttle'

const now = new Date('2026-11-23T12:00:00Z')
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000)

describe('sign-in throttle', () => {
  it('allows up to 10 failures within 15 minutes', () => {
    expect(SIGN_IN_MAX_FAILURES).toBe(10)
    expect(SIGN_IN_WINDOW_MS).toBe(15 * 60_000)
    expect(signInThrottle(Array.from({ length: 9 }, (_, i) => minutesAgo(i)), now)).toEqual({ allowed: true })
  })

  it('refuses the attempt after 10 failures, until the oldest leaves the window', () => {
    const failures = Array.from({ length: 10 }, (_, i) => minutesAgo(i)) // 0..9 minutes ago
    const decision = signInThrottle(failures, now)
    expect(decision).toEqual({ allowed: false, retryAt: new Date(minutesAgo(9).getTime() + SIGN_IN_WINDOW_MS) })
  })

  it('forgets failures older than the window', () => {
    const failures = [...Array.from({ length: 9 }, () => minutesAgo(1)), minutesAgo(16)]
    expect(signInThrottle(failures, now)).toEqual({ allowed: true })
  })

  it('waits for enough failures to age out when there are many', () => {
    const failures = Array.from({ length: 14 }, (_, i) => minutesAgo(i)) // 0..13 minutes ago
    const decision = signInThrottle(failures, now)
    // Ten newest are 0..9 minutes ago: allowed again when the one 9 minutes ago is 15 minutes old.
    expect(decision).toEqual({ allowed: false, retryAt: new Date(minutesAgo(9).getTime() + SIGN_IN_WINDOW_MS) })
  })
})
