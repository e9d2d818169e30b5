// The server the browser tests run against: the production build on a fresh SQLite database
// holding the curriculum and the demo organisation.
import { spawn } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { migrate } from '../../app/cli/migrate'
import { E2E_PORT } from './e2e-env'

const root = path.resolve(import.meta.dirname, '..', '..')
const file = path.join(root, 'tests', '.tmp', 'e2e.db')
fs.mkdirSync(path.dirname(file), { recursive: true })
for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
if (!fs.existsSync(path.join(root, 'build', 'server', 'index.js'))) {
  throw new Error('No production build: run `npm run build` first (npm test does).')
}

const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: 'production',
  DATABASE_URL: `file:${file}`,
  PORT: String(E2E_PORT),
  APP_URL: `http://localhost:${E2E_PORT}`,
  SESSION_SECRET: crypto.randomBytes(32).toString('hex'),
  SMTP_URL: '',
  DEMO_ACTIVITY: 'off',
  // Jobs run when a test asks (Run now on /admin/jobs), not in the middle of another test.
  SCHEDULER: 'off',
}
await migrate(env.DATABASE_URL!)
const tsx = path.join(root, 'node_modules', '.bin', 'tsx')
for (const script of ['app/cli/content-sync.ts', 'prisma/seed.ts']) {
  const child = spawn(tsx, [script], { cwd: root, env, stdio: 'inherit' })
  await new Promise<void>((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${script} exited ${code}`)))),
  )
}
const server = spawn(tsx, ['app/cli/server.ts'], { cwd: root, env, stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))
