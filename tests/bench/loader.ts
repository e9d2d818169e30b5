// One scale of the org-wide Team readiness loader, for `npm run bench` (tests/bench/bench.ts runs it
// in a process of its own per scale, as the loader's database client is one per process):
//   BENCH_PEOPLE=5000 BENCH_DATABASE_URL=file:tests/.tmp/bench.db BENCH_OUT=….json tsx tests/bench/loader.ts
// Builds a database (SQLite, or an empty PostgreSQL database) with BENCH_PEOPLE employees in teams of 100, the 8 competencies of the
// shipped framework and 100 scored answers per person over the last year (as readiness evidence,
// with the estimates, pillars and summaries the app keeps), then times the loader (summary counts
// over everyone plus the first page of 50 people, weakest first), called as the framework calls it,
// with a real Request and an admin's session. BENCH_REUSE=1 times it on the database a previous
// run left. Writes its figures to BENCH_OUT.
import crypto from 'node:crypto'
import fs from 'node:fs'
import { migrate } from '../../app/cli/migrate'
import { openDatabase, type Database } from './sql'

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 5_000)
const TEAMS = Math.max(1, PEOPLE / 100)
const ANSWERS_PER_PERSON = 100
// At most this many timed runs, and no more than about 30 s of them (at least 20).
const MAX_RUNS = Number(process.env.BENCH_RUNS ?? 200)
const MAX_TIMING_MS = 30_000
const url = process.env.BENCH_DATABASE_URL!
const out = process.env.BENCH_OUT!
const file = url.startsWith('file:') ? url.slice('file:'.length) : null
process.env.DATABASE_URL = url

const log = (s: string) => process.stdout.write(`  [${PEOPLE.toLocaleString('en')} people${file ? '' : ', PostgreSQL'}] ${s}\n`)
let t = performance.now()
const lap = () => {
  const ms = performance.now() - t
  t = performance.now()
  return `${(ms / 1000).toFixed(1)} s`
}

const reuse = process.env.BENCH_REUSE === '1' && (file ? fs.existsSync(file) : await hasAdmin())
if (!reuse && file) for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true })
if (!reuse) await migrate(url)
const { syncContent } = await import('~/models/content.server')
const { readContentFiles, readShippedFramework } = await import('~/utils/content-files.server')
if (!reuse) await syncContent(readContentFiles(), readShippedFramework())
const { competencyMap, readinessSettings } = await import('~/models/readiness.server')
const { addEvent, EMPTY_SUMS, estimate, weakest, clientReady } = await import('~/domain/readiness/model')
const competencies = await competencyMap()
const settings = await readinessSettings()
log(`${reuse ? 'Curriculum read' : 'Database migrated and curriculum loaded'} (${lap()}).`)

let adminId: string
let answerCount: number
const seedStarted = performance.now()
if (reuse) {
  const database = await openDatabase(url)
  adminId = String((await database.rows('SELECT id FROM "User" WHERE role = \'admin\''))[0]!.id)
  answerCount = Number((await database.rows('SELECT COUNT(*) AS n FROM "Evidence"'))[0]!.n)
  await database.close()
  log(`Reusing the database of the last run (${answerCount} answers).`)
} else {
  ;({ adminId, answerCount } = await seed(await openDatabase(url)))
}
const seedSeconds = +((performance.now() - seedStarted) / 1000).toFixed(1)

// The loader, as the framework calls it: a real Request with the admin's session cookie.
const { createSession, sessionCookieHeader } = await import('~/utils/session.server')
const { requestContext } = await import('~/utils/request-context.server')
const route = await import('~/routes/readiness.team')
const { token } = await createSession(adminId)
const cookie = (await sessionCookieHeader(token)).split(';')[0]!
const callLoader = () =>
  requestContext.run({ requestId: 'bench', ip: '127.0.0.1', setCookies: [] }, () =>
    route.loader({
      request: new Request('http://localhost/readiness/team', { headers: { Cookie: cookie } }),
      url: new URL('http://localhost/readiness/team'),
      params: {},
      pattern: '/readiness/team',
      context: {},
    }),
  )
const first = await callLoader()
const pageRows = Math.min(50, PEOPLE)
if (first.summary.total !== PEOPLE || first.rows.length !== pageRows)
  throw new Error(`The loader saw ${first.summary.total} people and ${first.rows.length} rows; expected ${PEOPLE} and ${pageRows}.`)
for (let i = 0; i < 20; i++) await callLoader()
const times: number[] = []
const timingStarted = performance.now()
while (times.length < MAX_RUNS && (times.length < 20 || performance.now() - timingStarted < MAX_TIMING_MS)) {
  const started = performance.now()
  await callLoader()
  times.push(performance.now() - started)
}
times.sort((a, b) => a - b)
const q = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!
const figures = {
  people: PEOPLE,
  teams: TEAMS,
  competencies: competencies.length,
  answers: answerCount,
  seedSeconds,
  database: file ? 'SQLite' : 'PostgreSQL',
  databaseMb: file ? Math.round(fs.statSync(file).size / 1024 / 1024) : await postgresSize(),
  runs: times.length,
  p50Ms: +q(0.5).toFixed(2),
  p95Ms: +q(0.95).toFixed(2),
  p99Ms: +q(0.99).toFixed(2),
}
log(`Team readiness loader: p95 ${figures.p95Ms} ms (p50 ${figures.p50Ms}) over ${times.length} runs (${lap()}).`)
fs.writeFileSync(out, `${JSON.stringify(figures, null, 2)}\n`)
const { db } = await import('~/utils/db.server')
await db.$disconnect()

async function hasAdmin() {
  const database = await openDatabase(url)
  try {
    return (await database.rows('SELECT id FROM "User" WHERE role = \'admin\'')).length > 0
  } catch {
    return false
  } finally {
    await database.close()
  }
}

async function postgresSize() {
  const database = await openDatabase(url)
  const [row] = await database.rows('SELECT pg_database_size(current_database()) AS bytes')
  await database.close()
  return Math.round(Number(row!.bytes) / 1024 / 1024)
}

/**
 * The people, teams and answers, written raw: generating the data is not what is measured. Rows go in
 * as multi-row INSERTs (one statement per few thousand rows, a transaction per batch of them) with
 * SQLite's syncs off and a large page cache, keyed by ids that only grow, and people are generated a
 * thousand at a time: 50,000 people and 5 million answers take minutes, not tens of minutes, and
 * little memory.
 */
async function seed(database: Database) {
  if (database.kind === 'sqlite') {
    await database.rows('PRAGMA synchronous = OFF')
    await database.rows('PRAGMA cache_size = -262144')
  }
  const now = new Date()
  let seed = 7
  const random = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0
    return seed / 2 ** 32
  }
  // Ids that grow as they are made (as the app's cuids grow with time): each table and index is
  // appended to rather than written at random places, which keeps a load of millions of rows fast.
  let made = 0
  const id = () => (made++).toString(16).padStart(10, '0') + crypto.randomBytes(7).toString('hex')
  const width = String(PEOPLE).length
  const teams = Array.from({ length: TEAMS }, (_, i) => ({ id: id(), name: `Team ${String(i + 1).padStart(3, '0')}` }))
  const people = Array.from({ length: PEOPLE }, (_, i) => ({
    id: id(),
    name: `Employee ${String(i + 1).padStart(width, '0')}`,
    team: teams[i % TEAMS]!.id,
    skill: 0.35 + random() * 0.6,
  }))
  const iso = (d: Date) => d.toISOString()

  /** Rows into a table: as many rows per statement as SQLite's 32,766 parameters allow (PostgreSQL's 65,535), 20 statements per transaction. */
  async function insert(table: string, columns: string[], rows: unknown[][]) {
    const perStatement = Math.floor(32_000 / columns.length)
    const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES `
    const tuple = `(${columns.map(() => '?').join(', ')})`
    const statements: { sql: string; args: unknown[] }[] = []
    for (let i = 0; i < rows.length; i += perStatement) {
      const chunk = rows.slice(i, i + perStatement)
      statements.push({ sql: head + chunk.map(() => tuple).join(', '), args: chunk.flat() })
    }
    for (let i = 0; i < statements.length; i += 20) await database.batch(statements.slice(i, i + 20))
  }
  const userColumns = ['id', 'email', 'name', 'nameSearch', 'role', 'status', 'createdAt', 'updatedAt']
  await insert(
    'Team',
    ['id', 'name', 'createdAt', 'updatedAt'],
    teams.map((t) => [t.id, t.name, iso(now), iso(now)]),
  )
  await insert(
    'User',
    userColumns,
    people.map((p) => [p.id, `${p.id}@bench.example`, p.name, p.name.toLowerCase(), 'learner', 'active', iso(now), iso(now)]),
  )
  await insert(
    'Membership',
    ['userId', 'teamId', 'createdAt'],
    people.map((p) => [p.id, p.team, iso(now)]),
  )
  const admin = { id: id() }
  await insert('User', userColumns, [
    [admin.id, 'admin@bench.example', 'Bench Admin', 'bench admin', 'admin', 'active', iso(now), iso(now)],
  ])
  log(`${PEOPLE} people in ${TEAMS} teams (${lap()}).`)

  // 100 answers per person over the last year, each as evidence for one competency.
  let answers = 0
  let estimates = 0
  for (let from = 0; from < PEOPLE; from += 1_000) {
    const evidenceRows: unknown[][] = []
    const estimateRows: unknown[][] = []
    const pillarRows: unknown[][] = []
    const personRows: unknown[][] = []
    for (const p of people.slice(from, from + 1_000)) {
      const sums = new Map(competencies.map((c) => [c.id, EMPTY_SUMS]))
      for (let k = 0; k < ANSWERS_PER_PERSON; k++) {
        const c = competencies[Math.floor(random() * competencies.length)]!
        const at = new Date(now.getTime() - Math.floor(random() * 365) * 86_400_000)
        const score = random() < p.skill ? 1 : Math.round(random() * 5) / 10
        const redFlag = score === 0 && random() < 0.3
        evidenceRows.push([id(), p.id, c.id, 'quiz', score, 1, redFlag, iso(at), id(), iso(now)])
        sums.set(c.id, addEvent(sums.get(c.id)!, { score, weight: 1, at, redFlag }, settings.halfLifeDays))
      }
      const personEstimates = competencies.map((c) => {
        const s = sums.get(c.id)!
        const e = estimate(s, now, settings, true)
        estimateRows.push([
          p.id,
          c.id,
          s.positive,
          s.negative,
          s.count,
          c.lessonsRequired,
          s.lastEvidenceAt ? iso(s.lastEvidenceAt) : null,
          s.lastRedFlagAt ? iso(s.lastRedFlagAt) : null,
          e.mean,
          e.lower,
          e.upper,
          e.level,
          e.redFlag,
          iso(now),
        ])
        return { ...e, pillarId: c.pillarId }
      })
      const pillarIds = [...new Set(competencies.map((c) => c.pillarId))]
      const pillars = pillarIds.map((pid) => ({ pid, ...weakest(personEstimates.filter((e) => e.pillarId === pid))! }))
      for (const pl of pillars) pillarRows.push([p.id, pl.pid, pl.level, pl.lower])
      const overdue = random() < 0.1 ? iso(new Date(now.getTime() - 86_400_000)) : null
      personRows.push([
        p.id,
        clientReady(pillars.map((x) => x.level)),
        Math.min(...personEstimates.map((e) => e.lower)),
        personEstimates.filter((e) => e.redFlag).length,
        0,
        overdue,
        iso(now),
      ])
    }
    await insert(
      'Evidence',
      ['id', 'userId', 'competencyId', 'kind', 'score', 'weight', 'redFlag', 'occurredAt', 'sourceId', 'createdAt'],
      evidenceRows,
    )
    await insert(
      'ReadinessEstimate',
      [
        'userId',
        'competencyId',
        'positive',
        'negative',
        'count',
        'lessonsDone',
        'lastEvidenceAt',
        'lastRedFlagAt',
        'mean',
        'lower',
        'upper',
        'level',
        'redFlag',
        'computedAt',
      ],
      estimateRows,
    )
    await insert('PillarReadiness', ['userId', 'pillarId', 'level', 'lower'], pillarRows)
    await insert(
      'PersonReadiness',
      ['userId', 'clientReady', 'weakestLower', 'redFlags', 'refreshers', 'onboardingDueAt', 'updatedAt'],
      personRows,
    )
    answers += evidenceRows.length
    estimates += estimateRows.length
  }
  // A live database checkpoints its WAL as it goes; after a bulk load of this size, do it once so
  // the loader is timed against the database file, not a write-ahead log of hundreds of megabytes.
  await database.rows('ANALYZE')
  if (database.kind === 'sqlite') await database.rows('PRAGMA wal_checkpoint(TRUNCATE)')
  await database.close()
  log(`${answers} answers as evidence, ${estimates} estimates (${lap()}).`)
  return { adminId: admin.id, answerCount: answers }
}
