// The quick start: build, migrate, load the curriculum and seed the SQLite database, then serve the production build on
// http://localhost:3000 and print the demo sign-ins. Running it again changes nothing it made.
import { spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { migrate } from './migrate'
import { supervise } from './supervise'

const root = path.resolve(import.meta.dirname, '..', '..')
const dataDir = path.join(root, 'prisma', 'data')
fs.mkdirSync(dataDir, { recursive: true })

// A session secret made once per checkout and kept beside the database (both are git-ignored).
const secretFile = path.join(dataDir, 'session-secret')
if (!fs.existsSync(secretFile)) fs.writeFileSync(secretFile, crypto.randomBytes(32).toString('hex'), { mode: 0o600 })

const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: 'production' as const,
  DATABASE_URL: process.env.DATABASE_URL ?? 'file:./prisma/data/mission-ready.db',
  SESSION_SECRET: process.env.SESSION_SECRET ?? fs.readFileSync(secretFile, 'utf8').trim(),
}

function step(label: string, command: string, args: string[]) {
  console.log(`\n▸ ${label}`)
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' })
  if (result.status !== 0) {
    console.error(`\n✗ ${label} failed (exit ${result.status}).`)
    process.exit(result.status ?? 1)
  }
}

const npx = path.join(root, 'node_modules', '.bin')
step('Building the app', path.join(npx, 'react-router'), ['build'])
console.log('\n▸ Migrating the database')
const applied = await migrate(env.DATABASE_URL!)
console.log(applied.length ? `Applied ${applied.join(', ')}` : 'The database is up to date.')
step('Loading the curriculum', path.join(npx, 'tsx'), ['app/cli/content-sync.ts'])
step('Loading the demo organisation', path.join(npx, 'tsx'), ['prisma/seed.ts'])

const { demoOrganisation, DEMO_PASSWORD } = await import('../../prisma/demo-data')
const url = `http://localhost:${env.PORT ?? 3000}`
console.log(`
Mission Ready is starting on ${url}

Demo sign-ins (password for all: ${DEMO_PASSWORD})
${demoOrganisation.signIns.map((p) => `  ${p.role.padEnd(8)} ${p.email}`).join('\n')}
Every other demo person signs in with the same password; an admin sees them all under People.
`)
supervise(env)
