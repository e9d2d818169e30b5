import { sha256 } from '@oslojs/crypto/sha2'
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'

/** Bytes of randomness in every session, invite and reset token (160 bits). */
export const TOKEN_BYTES = 20

/** A new random token for a cookie or a link: 160 bits from the platform's CSPRNG, base32. */
export function generateToken(): string {
  const bytes = new Uint8Array(TOKEN_BYTES)
  crypto.getRandomValues(bytes)
  return encodeBase32LowerCaseNoPadding(bytes)
}

/** The SHA-256 of a token, hex: the only form in which tokens are stored. */
export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)))
}
