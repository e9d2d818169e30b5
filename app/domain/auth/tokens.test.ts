import { describe, expect, it } from 'vitest'
import { generateToken, hashToken, TOKEN_BYTES } from './tokens'

describe('tokens', () => {
  it('carries at least 120 bits of randomness, base32 encoded', () => {
    const token = generateToken()
    expect(TOKEN_BYTES * 8).toBeGreaterThanOrEqual(120)
    // 20 bytes in unpadded base32 is 32 characters from a 32-letter alphabet.
    expect(token).toMatch(/^[a-z2-7]{32}$/)
  })

  it('is different every time', () => {
    const tokens = new Set(Array.from({ length: 1000 }, generateToken))
    expect(tokens.size).toBe(1000)
  })

  it('hashes with SHA-256 to lower-case hex', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(hashToken(generateToken())).toMatch(/^[0-9a-f]{64}$/)
  })

  it('never stores a token as its own hash', () => {
    const token = generateToken()
    expect(hashToken(token)).not.toContain(token)
  })
})
