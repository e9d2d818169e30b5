import { describe, expect, it } from 'vitest'
import { SIGN_IN_SCOPES, signInThrottle, waitPhrase } from './throttle'

const now = new Date('2026-11-23T12:00:00Z')
const secondsAgo = (s: number) => new Date(now.getTime() - s * 1000)
const rule = SIGN_IN_SCOPES.accountAtAddress

describe('sign-in throttle', () => {
  it('lets the first few failures through without a wait', () => {
    expect(
      signInThrottle(
        Array.from({ length: rule.free - 1 }, () => secondsAgo(0)),
        now,
        rule,
      ),
    ).toEqual({ allowed: true })
  })

  it('makes each further failure wait twice as long, from the latest failure', () => {
    const five = Array.from({ length: 5 }, () => secondsAgo(0.5))
    expect(signInThrottle(five, now, rule)).toEqual({ allowed: false, retryAt: new Date(secondsAgo(0.5).getTime() + 1000) })
    expect(
      signInThrottle(
        five.map(() => secondsAgo(1)),
        now,
        rule,
      ),
    ).toEqual({ allowed: true })
    const eight = Array.from({ length: 8 }, () => secondsAgo(5))
    // 8 failures, 5 free: 1 s × 2³ = 8 s after the latest.
    expect(signInThrottle(eight, now, rule)).toEqual({ allowed: false, retryAt: new Date(secondsAgo(5).getTime() + 8000) })
  })

  it('caps the wait at the window, and forgets failures older than it', () => {
    const many = Array.from({ length: 40 }, () => secondsAgo(60))
    expect(signInThrottle(many, now, rule)).toEqual({ allowed: false, retryAt: new Date(secondsAgo(60).getTime() + 15 * 60_000) })
    expect(
      signInThrottle(
        many.map(() => secondsAgo(16 * 60)),
        now,
        rule,
      ),
    ).toEqual({ allowed: true })
  })

  it('gives a shared address a far higher allowance than one account', () => {
    const fifty = Array.from({ length: 50 }, () => secondsAgo(0))
    expect(signInThrottle(fifty, now, SIGN_IN_SCOPES.address)).toEqual({ allowed: true })
    expect(signInThrottle(fifty, now, SIGN_IN_SCOPES.account).allowed).toBe(false)
  })

  it('says how long to wait in seconds, then in minutes', () => {
    expect(waitPhrase(new Date(now.getTime() + 1000), now)).toEqual({ seconds: 1, text: '1 second' })
    expect(waitPhrase(new Date(now.getTime() + 8_500), now)).toEqual({ seconds: 9, text: '9 seconds' })
    expect(waitPhrase(new Date(now.getTime() + 61_000), now)).toEqual({ seconds: 61, text: '2 minutes' })
  })
})
