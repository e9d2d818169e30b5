import { describe, expect, it } from 'vitest'
import { passwordProblem, PASSWORD_MAX_LENGTH } from './password-policy'

describe('password policy', () => {
  it('accepts a long, uncommon password', () => {
    expect(passwordProblem('a quiet harbour at dawn')).toBeNull()
    expect(passwordProblem('Tr0mbone-Lighthouse')).toBeNull()
  })

  it('needs at least 12 characters', () => {
    expect(passwordProblem('short-pass1')).toMatch(/at least 12/)
    expect(passwordProblem('twelve-chars')).toBeNull()
  })

  it('refuses passwords from the common-passwords list, whatever their case', () => {
    expect(passwordProblem('qwerty123456')).toMatch(/common passwords/)
    expect(passwordProblem('1QAZ2WSX3EDC')).toMatch(/common passwords/)
  })

  it('refuses a password of one repeated character', () => {
    expect(passwordProblem('aaaaaaaaaaaaaaa')).toMatch(/too few characters/)
  })

  it('refuses a password built from the email address', () => {
    expect(passwordProblem('amara.okafor2026!', 'amara.okafor@example.com')).toMatch(/email/)
  })

  it('caps the length so hashing cannot be abused', () => {
    expect(passwordProblem('x1'.repeat(PASSWORD_MAX_LENGTH))).toMatch(/at most/)
  })
})
