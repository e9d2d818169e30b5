// The real HTTP server (the production build) in a child process, for the server, fault and
// benchmark runs. Node runs the server itself (tsx as an import hook), so the child's pid is the
// server's: its memory can be read and a SIGKILL hits the server, not a wrapper. It runs with the
// V8 limits of `npm start`.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { SERVER_NODE_FLAGS } from '../../app/cli/server-flags'

export const root = path.resolve(import.meta.dirname, '..', '..')
export const hasBuild = () => fs.existsSync(path.join(root, 'build', 'server', 'index.js'))

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

export type ServerProcess = ReturnType<typeof startServer>

/** Starts the production server; `supervised` starts it as `npm start` does, under app/cli/supervise.ts. */
export function startServer(env: Record<string, string>, { supervised = false } = {}) {
  const args = supervised ? ['--import', 'tsx', 'app/cli/supervise.ts'] : [...SERVER_NODE_FLAGS, '--import', 'tsx', 'app/cli/server.ts']
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: root,
    env: {
      PATH: process.env.PATH!,
      HOME: process.env.HOME!,
      NODE_ENV: 'production',
      SESSION_SECRET: 's'.repeat(40),
      LOG_LEVEL: 'info',
      // The scheduler's start-up run would weigh on what these servers measure; its own test turns it on.
      SCHEDULER: 'off',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  const out = { stdout: '', stderr: '' }
  child.stdout!.on('data', (d) => (out.stdout += d))
  child.stderr!.on('data', (d) => (out.stderr += d))
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
  const listening = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', () => out.stdout.includes('"msg":"listening"') && resolve())
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out.stderr}`)))
  })
  listening.catch(() => {}) // awaited only by callers that expect the server to come up
  /** Stops the server and anything it started, at once. */
  const kill = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL')
    } catch {
      // already gone
    }
  }
  /** The server's resident memory in bytes (Linux). */
  const rss = () => {
    const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8')
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024
  }
  return { child, out, exited, listening, kill, rss }
}
