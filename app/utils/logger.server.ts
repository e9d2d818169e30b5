import { env } from './env.server'

type Fields = Record<string, unknown>

/** One JSON line per event on stdout (info) or stderr (error), so logs can be filtered and shipped. */
export const log = {
  info(msg: string, fields: Fields = {}) {
    if (env().LOG_LEVEL !== 'info') return
    process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'info', msg, ...fields })}\n`)
  },
  error(msg: string, fields: Fields = {}) {
    if (env().LOG_LEVEL === 'silent') return
    process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'error', msg, ...fields })}\n`)
  },
}

/**
 * The log is read by more people (and kept longer) than the admin's outbox page, so the secret part
 * of reset and invite links never reaches it: whoever reads a token can take over the account. The
 * same goes for query values that look like secrets: a parameter named like one (token, code, key,
 * secret, password, signature) or a long base32/base64url value (20+ characters, letters and digits; a JWT's dots allowed).
 */
export function redactTokens(text: string) {
  return text
    .replace(/(\/(?:reset-password|invite)\/)[^\s/?#]+/g, '$1[redacted]')
    .replace(/([?&])([^=&#\s]*)=([^&#\s]*)/g, (whole, separator: string, name: string, value: string) =>
      secretLooking(name, value) ? `${separator}${name}=[redacted]` : whole,
    )
}

const SECRET_NAME = /token|code|key|secret|passw|signature|^sig$|^auth/i

function secretLooking(name: string, value: string) {
  if (value === '') return false
  if (SECRET_NAME.test(decoded(name))) return true
  const v = decoded(value)
  return v.length >= 20 && /^[A-Za-z0-9_\-+/.]+={0,2}$/.test(v) && /[0-9]/.test(v) && /[A-Za-z]/.test(v)
}

function decoded(text: string) {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return text
  }
}
