// A signature for text the server hands to the browser to send back unchanged (a previewed file that
// a Confirm button carries): made with the cookie secret for one purpose and one person, valid for a
// while. The server still checks the text again when it comes back; the signature says it is the
// same text that person previewed, not one changed on the way.
import crypto from 'node:crypto'
import { COOKIE_SECRETS } from './session.server'

export const SIGNED_TEXT_TTL_MS = 60 * 60 * 1000

function mac(secret: string, purpose: string, userId: string, issuedAt: number, text: string) {
  const digest = crypto.createHash('sha256').update(text).digest('base64url')
  return crypto.createHmac('sha256', secret).update(`${purpose}\n${userId}\n${issuedAt}\n${digest}`).digest('base64url')
}

/** A signature of `text` for `purpose` and `userId`, issued now. */
export function signText(purpose: string, userId: string, text: string, now = Date.now()) {
  return `${now}.${mac(COOKIE_SECRETS[0]!, purpose, userId, now, text)}`
}

/** Whether `signature` was made by signText for this purpose, person and text, within the last hour. */
export function verifyText(purpose: string, userId: string, text: string, signature: string, now = Date.now()) {
  const [issued, given] = signature.split('.')
  const issuedAt = Number(issued)
  if (!given || !Number.isSafeInteger(issuedAt) || issuedAt > now + 60_000 || now - issuedAt > SIGNED_TEXT_TTL_MS) return false
  const givenBytes = Buffer.from(given)
  return COOKIE_SECRETS.some((secret) => {
    const expected = Buffer.from(mac(secret, purpose, userId, issuedAt, text))
    return expected.length === givenBytes.length && crypto.timingSafeEqual(expected, givenBytes)
  })
}
