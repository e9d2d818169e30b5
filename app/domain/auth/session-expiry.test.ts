import { describe, expect, it } from 'vitest'
import { DAY_MS, newSessionExpiry, sessionDecision, SESSION_TTL_MS } from './session-expiry'

const now = new Date('2026-11-23T12:00:00Z')
const inDays = (d: number) => new Date(now.getTime() + d * DAY_MS)

describe('session expiry', () => {
  it('gives a new session 30 days', () => {
    expect(SESSION_TTL_MS).toBe(30 * DAY_MS)
    expect(newSessionExpiry(now)).toEqual(inDays(30))
  })

  it('keeps a session with 15 or more days left as it is', () => {
    expect(sessionDecision(inDays(29), now)).toEqual({ kind: 'valid' })
    expect(sessionDecision(inDays(15), now)).toEqual({ kind: 'valid' })
  })

  it('slides the expiry to 30 days from now when fewer than 15 days remain', () => {
    expect(sessionDecision(new Date(inDays(15).getTime() - 1), now)).toEqual({ kind: 'extend', expiresAt: inDays(30) })
    expect(sessionDecision(inDays(1), now)).toEqual({ kind: 'extend', expiresAt: inDays(30) })
  })

  it('ends a session at or after its expiry', () => {
    expect(sessionDecision(now, now)).toEqual({ kind: 'expired' })
    expect(sessionDecision(inDays(-1), now)).toEqual({ kind: 'expired' })
  })
})

describe('absolute lifetime', () => {
  const now = new Date('2026-06-01T00:00:00Z')
  const daysAgo = (d: number) => new Date(now.getTime() - d * DAY_MS)
  const inDays = (d: number) => new Date(now.getTime() + d * DAY_MS)
  const max = { maxMs: 30 * DAY_MS }
  it('ends a busy session 30 days after sign-in, whatever its expiry', () => {
    expect(sessionDecision(inDays(29), now, { createdAt: daysAgo(30), ...max })).toEqual({ kind: 'expired' })
    expect(sessionDecision(inDays(29), now, { createdAt: daysAgo(29), ...max })).toEqual({ kind: 'valid' })
  })
  it('never slides past the absolute end', () => {
    expect(sessionDecision(inDays(1), now, { createdAt: daysAgo(20), ...max })).toEqual({ kind: 'extend', expiresAt: inDays(10) })
    expect(sessionDecision(inDays(10), now, { createdAt: daysAgo(20), ...max })).toEqual({ kind: 'valid' })
  })
})
