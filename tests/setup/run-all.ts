// `npm test`: every test, in order, stopping at the first failing stage.
//  1. Debian's Chromium for the browser tests (installed when running as root, else the command to run)
//  2. type check, lint (ESLint) and format (Prettier), and the generated PostgreSQL schema matches the source schema
//  3. production build
//  4. vitest: unit + integration on SQLite
//  5. vitest: integration on PostgreSQL when TEST_POSTGRES_URL is set (said plainly when skipped)
//  6. Playwright against the production build in Chromium
// It ends with one line "N passed, N failed" over every stage that ran.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { chromiumPath } from './e2e-env'

const root = path.resolve(import.meta.dirname, '..', '..')
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name)
const tmp = path.join(root, 'tests', '.tmp')
fs.mkdirSync(tmp, { recursive: true })
let passed = 0
let failed = 0
let skipped = 0

function run(label: string, command: string, args: string[], env: Record<string, string> = {}) {
  console.log(`\n━━ ${label}`)
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  return result.status === 0
}

function finish(ok: boolean): never {
  console.log(`\n${ok && failed === 0 ? 'All tests passed.' : 'Some tests failed.'}`)
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
  process.exit(ok && failed === 0 ? 0 : 1)
}

function countVitest(file: string) {
  if (!fs.existsSync(file)) return false
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number }
  passed += report.numPassedTests
  failed += report.numFailedTests
  skipped += report.numPendingTests
  return true
}

function stage(ok: boolean, what: string) {
  if (!ok) {
    console.error(`\n✗ ${what} failed.`)
    finish(false)
  }
}

// 1. Chromium
if (!fs.existsSync(chromiumPath())) {
  if (process.getuid?.() === 0) {
    stage(
      run('Installing Chromium from Debian’s packages', 'bash', [
        '-c',
        'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium',
      ]),
      'Installing Chromium',
    )
  } else {
    console.error('Browser tests need Chromium. Run:\n  sudo apt-get update && sudo apt-get install -y chromium')
    process.exit(1)
  }
}

// 2. Static checks
stage(run('Type check', bin('tsc'), ['--noEmit']), 'The type check')
stage(
  run('Lint and format (ESLint, Prettier)', 'npm', ['run', '--silent', 'lint']),
  'Lint and format (run `npm run format` to fix formatting)',
)
stage(run('Generated PostgreSQL schema is current', bin('tsx'), ['app/cli/postgres-schema.ts', '--check']), 'The PostgreSQL schema check')

// 3. Build
stage(run('Production build', bin('react-router'), ['build']), 'The build')

// 4. Unit and integration tests on SQLite
const sqliteReport = path.join(tmp, 'vitest-sqlite.json')
fs.rmSync(sqliteReport, { force: true })
const sqliteOk = run(
  'Unit and integration tests (SQLite)',
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${sqliteReport}`],
  { TEST_DATABASE: 'sqlite' },
)
stage(countVitest(sqliteReport) && sqliteOk, 'Unit and integration tests (SQLite)')

// 5. Integration tests on PostgreSQL
if (process.env.TEST_POSTGRES_URL) {
  const pgReport = path.join(tmp, 'vitest-postgres.json')
  fs.rmSync(pgReport, { force: true })
  const pgOk = run(
    'Integration tests (PostgreSQL)',
    bin('vitest'),
    ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${pgReport}`],
    { TEST_DATABASE: 'postgres' },
  )
  stage(countVitest(pgReport) && pgOk, 'Integration tests (PostgreSQL)')
} else {
  console.log(
    '\n━━ Integration tests (PostgreSQL): SKIPPED. Set TEST_POSTGRES_URL to run them, e.g.\n   TEST_POSTGRES_URL=$(bash .ci/postgres.sh | tail -n 1) npm test',
  )
}

// 6. Browser tests
const e2eReport = path.join(tmp, 'e2e-report.json')
fs.rmSync(e2eReport, { force: true })
const e2eOk = run('Browser tests (Playwright, Chromium)', bin('playwright'), ['test'])
if (fs.existsSync(e2eReport)) {
  const stats = (
    JSON.parse(fs.readFileSync(e2eReport, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } }
  ).stats
  passed += stats.expected
  failed += stats.unexpected + stats.flaky
  skipped += stats.skipped
}
stage(e2eOk, 'Browser tests')
finish(true)
