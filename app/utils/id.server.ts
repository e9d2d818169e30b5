import crypto from 'node:crypto'

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz'

/**
 * A new row id for statements written as SQL, shaped like the schema's cuid() ids (25 characters,
 * "c" then lower-case base 36): the time in milliseconds, then 16 random characters.
 */
export function newId(): string {
  const random = crypto.randomBytes(16)
  let tail = ''
  for (const byte of random) tail += ALPHABET[byte % 36]
  return `c${Date.now().toString(36).padStart(8, '0')}${tail}`
}
