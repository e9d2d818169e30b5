// Reads a cookie signed by React Router's createCookie (value "." base64 HMAC-SHA256 without padding)
// with node:crypto. React Router verifies through Web Crypto, importing the key afresh for every
// read: on a signed-in page that one check cost more than the session's database read. The format,
// the secrets (each tried in turn, for rotation) and the decoded value are the same as
// `cookie.parse(header)`; writing stays with React Router's `cookie.serialize`.
import crypto from 'node:crypto'
import { readJson } from '~/domain/json'

/** The raw value of the first cookie called `name` in a Cookie header, percent-decoded (as the `cookie` package reads it). */
export function cookieValue(header: string | null, name: string): string | null {
  if (!header) return null
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue
    let value = part.slice(eq + 1).trim()
    if (value.length > 1 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1)
    if (!value.includes('%')) return value
    try {
      return decodeURIComponent(value)
    } catch {
      return value
    }
  }
  return null
}

const signatureOf = (value: string, secret: string) => crypto.createHmac('sha256', secret).update(value).digest('base64').replace(/=+$/, '')

/** The signed value's payload when one of the secrets signed it, else null. */
export function unsign(signed: string, secrets: readonly string[]): string | null {
  const dot = signed.lastIndexOf('.')
  if (dot < 0) return null
  const value = signed.slice(0, dot)
  const given = Buffer.from(signed.slice(dot + 1))
  for (const secret of secrets) {
    const expected = Buffer.from(signatureOf(value, secret))
    if (given.length === expected.length && crypto.timingSafeEqual(given, expected)) return value
  }
  return null
}

/**
 * The value of the signed cookie `name`, as React Router's `cookie.parse(header)` returns it: null
 * when absent or not signed by one of the secrets, '' when empty, else the decoded JSON.
 */
export function readSignedCookie(header: string | null, name: string, secrets: readonly string[]): unknown {
  const raw = cookieValue(header, name)
  if (raw === null) return null
  if (raw === '') return ''
  const payload = unsign(raw, secrets)
  if (payload === null) return null
  // As React Router does: a signed payload that is not JSON reads as an empty object.
  const read = readJson(Buffer.from(payload, 'base64').toString('utf8'))
  return read.ok ? read.value : {}
}
