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
 * of reset and invite links never reaches it: whoever reads a token can take over the account.
 */
export function redactTokens(text: string) {
  return text.replace(/(\/(?:reset-password|invite)\/)[^\s/?#]+/g, '$1[redacted]')
}
