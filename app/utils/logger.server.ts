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
