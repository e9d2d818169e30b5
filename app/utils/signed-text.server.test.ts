import { describe, expect, it } from 'vitest'
import { SIGNED_TEXT_TTL_MS, signText, verifyText } from './signed-text.server'

describe('signed text', () => {
  const now = Date.UTC(2026, 11, 5, 12)
  const signature = signText('people-import', 'admin-1', 'Email\na@example.com\n', now)

  it('verifies the same text, purpose and person within the hour', () => {
    expect(verifyText('people-import', 'admin-1', 'Email\na@example.com\n', signature, now)).toBe(true)
    expect(verifyText('people-import', 'admin-1', 'Email\na@example.com\n', signature, now + SIGNED_TEXT_TTL_MS)).toBe(true)
  })

  it('refuses another text, purpose or person, an old or future-dated signature, and garbage', () => {
    expect(verifyText('people-import', 'admin-1', 'Email\nb@example.com\n', signature, now)).toBe(false)
    expect(verifyText('people-leavers', 'admin-1', 'Email\na@example.com\n', signature, now)).toBe(false)
    expect(verifyText('people-import', 'admin-2', 'Email\na@example.com\n', signature, now)).toBe(false)
    expect(verifyText('people-import', 'admin-1', 'Email\na@example.com\n', signature, now + SIGNED_TEXT_TTL_MS + 1)).toBe(false)
    const future = signText('people-import', 'admin-1', 'x', now + 5 * 60_000)
    expect(verifyText('people-import', 'admin-1', 'x', future, now)).toBe(false)
    // The time is part of what is signed: moving it forward breaks the signature.
    const [, mac] = signature.split('.')
    expect(verifyText('people-import', 'admin-1', 'Email\na@example.com\n', `${now + 1}.${mac}`, now + 1)).toBe(false)
    for (const bad of ['', '.', 'abc', `${now}.`, `${now}.${'A'.repeat(43)}`, `x.${mac}`]) {
      expect(verifyText('people-import', 'admin-1', 'Email\na@example.com\n', bad, now)).toBe(false)
    }
  })
})
