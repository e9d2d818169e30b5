// Keeps the production server running: starts app/cli/server.ts with the server's V8 limits and
// starts it again when it crashes (an uncaught error, the heap limit, a kill), waiting a little
// longer after each crash in a row. SIGINT and SIGTERM are passed on and end the supervisor too.
// `npm start` and `npm run demo` run the server this way.
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { SERVER_NODE_FLAGS } from './server-flags'

const root = path.resolve(import.meta.dirname, '..', '..')
const FIRST_DELAY_MS = 500
const MAX_DELAY_MS = 30_000
/** A server that stayed up this long was healthy: the next crash starts the backoff afresh. */
const HEALTHY_AFTER_MS = 60_000

const line = (msg: string, fields: Record<string, unknown> = {}) =>
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'error', msg, ...fields })}\n`)

/** Runs the server under supervision until a signal asks it to stop. */
export function supervise(env: NodeJS.ProcessEnv = process.env) {
  let child: ChildProcess | undefined
  let stopping = false
  let delay = FIRST_DELAY_MS

  const start = () => {
    const startedAt = Date.now()
    child = spawn(process.execPath, [...SERVER_NODE_FLAGS, '--import', 'tsx', 'app/cli/server.ts'], { cwd: root, env, stdio: 'inherit' })
    process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'info', msg: 'server started', pid: child.pid })}\n`)
    child.on('exit', (code, signal) => {
      if (stopping) process.exit(code ?? 0)
      // A server that cannot start (a bad setting, a port in use) exits 1 at once: restarting will not help.
      if (code === 1 && Date.now() - startedAt < 5_000) process.exit(1)
      if (Date.now() - startedAt > HEALTHY_AFTER_MS) delay = FIRST_DELAY_MS
      line('server exited; restarting', { code, signal, restartInMs: delay })
      setTimeout(start, delay)
      delay = Math.min(delay * 2, MAX_DELAY_MS)
    })
  }

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      stopping = true
      if (!child || child.exitCode !== null || child.signalCode !== null) process.exit(0)
      child.kill(signal)
    })
  }
  start()
}

if (import.meta.url === `file://${process.argv[1]}`) supervise()
