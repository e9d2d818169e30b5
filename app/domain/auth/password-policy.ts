import { dictionary } from '@zxcvbn-ts/language-common'

export const PASSWORD_MIN_LENGTH = 12
// argon2 hashes any length, but a cap keeps a megabyte "password" from costing server time.
export const PASSWORD_MAX_LENGTH = 128

let common: Set<string> | undefined
function commonPasswords(): Set<string> {
  common ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()))
  return common
}

/** Why a password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`
  if (password.length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`
  const lower = password.toLowerCase()
  if (commonPasswords().has(lower)) return 'This password is on a list of common passwords. Choose another.'
  if (new Set(lower).size < 4) return 'This password repeats too few characters. Choose another.'
  if (email && lower.includes(email.toLowerCase().split('@')[0]!) && email.split('@')[0]!.length >= 4) {
    return 'Do not build the password from your email address.'
  }
  return null
}
