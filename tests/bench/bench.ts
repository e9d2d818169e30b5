// The benchmark: `npm run bench`, every budget in one run, in one table (tests/bench/README.md).
//  1. The org-wide Team readiness loader at 500, 5,000 and 50,000 employees (8 competencies, 100
//     answers each), each scale seeded and timed in a process of its own (tests/bench/loader.ts);
//     the budget is the 5,000 one's, the others show how its cost grows.
//  2. Builds the app and the reference app (tests/bench/reference: the smallest React Router app of
//     the same version, one page with no loader, behind the same Express setup) and serves both
//     (tests/bench/http.ts): the reference, the signed-out /forgot-password, a signed-in lesson page
//     and /healthz under the same autocannon load in interleaved rounds; answer submissions; the
//     server's memory; the lesson page's JavaScript; the stored answers against the acknowledged ones.
//  3. With a PostgreSQL server (BENCH_POSTGRES_URL, or TEST_POSTGRES_URL), the answer path again on a
//     database of its own there (mission_ready_bench, 5,000 people seeded the same way), beside SQLite.
// Every page budget is a ratio to the reference in the same run, printed beside the old ratio to
// the app's own bare route. Prints the table and writes the figures to tests/.tmp/bench.json; exits
// 1 if an acknowledged answer is missing (on either database).
// BENCH_QUICK=1: short loads and no 50,000 scale, to check the benchmark itself; BENCH_REUSE=1: the
// databases of the last run; BENCH_PORT=n: the app on port n and the reference on n + 1.
import crypto from 'node:crypto'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type answersBench, httpBench, QUICK } from './http'
import { postgresDatabase } from './sql'

const MAIN_PEOPLE = 5_000
const SCALES = QUICK ? [500, MAIN_PEOPLE] : [500, MAIN_PEOPLE, 50_000]
// The budgets (tests/bench/README.md): page and answer throughput as ratios to the reference app.
const BUDGETS = {
  signedOutRatio: 0.7,
  lessonRatio: 0.5,
  answersRatio: 0.35,
  offeredP99Ms: 100,
  loaderP95Ms: 50,
  rssMb: 300,
  lessonJsKb: 200,
}
// The old budgets, as ratios to the bare route: shown beside the new ones, they decide nothing.
const OLD_BUDGETS = { lessonRatio: 0.7, answersRatio: 0.5 }
const pct = (ratio: number) => `${Math.round(ratio * 100)}%`

const root = path.resolve(import.meta.dirname, '..', '..')
const dir = path.join(root, 'tests', '.tmp')
fs.mkdirSync(dir, { recursive: true })
const databaseFile = (people: number) => path.join(dir, people === MAIN_PEOPLE ? 'bench.db' : `bench-${people}.db`)
process.env.LOG_LEVEL = 'silent'
// The loader processes and the server the HTTP half starts sign sessions with the same secret.
process.env.SESSION_SECRET = crypto.randomBytes(32).toString('hex')
process.env.APP_URL ??= 'http://localhost:3000'

const log = (s: string) => process.stdout.write(`${s}\n`)
const started = performance.now()
log(
  `${QUICK ? 'Quick run (BENCH_QUICK=1): short loads, figures not comparable with the budgets. ' : ''}Load: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${os.cpus().length} cores.`,
)

/** A benchmark script in a process of its own (its own database client), its figures read back from BENCH_OUT. */
async function child<T>(script: string, name: string, env: Record<string, string>): Promise<T> {
  const out = path.join(dir, `bench-${name}.json`)
  fs.rmSync(out, { force: true })
  const code = await new Promise<number | null>((resolve) => {
    const run = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, script)], {
      cwd: root,
      env: { ...process.env, ...env, BENCH_OUT: out },
      stdio: 'inherit',
    })
    run.on('exit', resolve)
  })
  if (code !== 0) throw new Error(`${script} (${name}) failed (exit ${code}).`)
  return JSON.parse(fs.readFileSync(out, 'utf8')) as T
}

type LoaderFigures = {
  people: number
  teams: number
  competencies: number
  answers: number
  seedSeconds: number
  database: string
  databaseMb: number
  runs: number
  p50Ms: number
  p95Ms: number
  p99Ms: number
}
const loaders: LoaderFigures[] = []
for (const people of SCALES) {
  const url = `file:${databaseFile(people)}`
  loaders.push(
    await child<LoaderFigures>('loader.ts', `loader-${people}`, {
      DATABASE_URL: url,
      BENCH_DATABASE_URL: url,
      BENCH_PEOPLE: String(people),
    }),
  )
}

const url = `file:${databaseFile(MAIN_PEOPLE)}`
process.env.DATABASE_URL = url
const http = await httpBench(url, log)
const { db } = await import('~/utils/db.server')
await db.$disconnect()

// The answer path on PostgreSQL, on the build the HTTP half made.
const postgresServer = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL
type AnswersFigures = Awaited<ReturnType<typeof answersBench>>
let postgres: { loader: LoaderFigures; answers: AnswersFigures } | null = null
if (postgresServer) {
  const name = 'mission_ready_bench'
  const url = await postgresDatabase(postgresServer, name, { keep: process.env.BENCH_REUSE === '1' })
  const env = { DATABASE_URL: url, BENCH_DATABASE_URL: url, BENCH_PEOPLE: String(MAIN_PEOPLE) }
  postgres = {
    loader: await child<LoaderFigures>('loader.ts', 'loader-postgres', { ...env, BENCH_RUNS: '100' }),
    answers: await child<AnswersFigures>('postgres.ts', 'answers-postgres', env),
  }
}

const { reference, bareRoute, lessonPage, healthz, answersSaturated: saturated, answersOffered: offered, integrity, memory } = http
const js = http.lessonJavaScript
const load = `${http.pageLoad.connections} connections, ${http.pageLoad.rounds} × ${http.pageLoad.seconds} s`
const rounds = (r: { roundRatiosToReference: { min: number; max: number } }) =>
  http.pageLoad.rounds > 1 ? ` (rounds ${pct(r.roundRatiosToReference.min)}–${pct(r.roundRatiosToReference.max)})` : ''

type Row = { measure: string; figure: string; toReference: string; toBare: string; budget: string; met?: boolean }
const rows: Row[] = [
  {
    measure: `Reference app: React Router 7.18.4, one page with no loader, Express + compression (${load})`,
    figure: `${reference.requestsPerSecond} req/s, p99 ${reference.p99Ms} ms; ${reference.htmlBytes} B of HTML (the app's /forgot-password ${bareRoute.htmlBytes} B); peak RSS ${reference.peakRssMb} MB`,
    toReference: '100%',
    toBare: pct(reference.requestsPerSecond / bareRoute.requestsPerSecond),
    budget: 'the yardstick',
  },
  {
    measure: `Signed-out page: /forgot-password, no loader of its own (the old yardstick, the "bare route"; ${load})`,
    figure: `${bareRoute.requestsPerSecond} req/s, p99 ${bareRoute.p99Ms} ms`,
    toReference: `${pct(bareRoute.ratioToReference)}${rounds(bareRoute)}`,
    toBare: '100%',
    budget: `≥ ${pct(BUDGETS.signedOutRatio)} of the reference`,
    met: bareRoute.ratioToReference >= BUDGETS.signedOutRatio,
  },
  {
    measure: `Signed-in lesson page, compiled MDX from the database (${load})`,
    figure: `${lessonPage.requestsPerSecond} req/s, p99 ${lessonPage.p99Ms} ms`,
    toReference: `${pct(lessonPage.ratioToReference)}${rounds(lessonPage)}`,
    toBare: `${pct(lessonPage.ratioToBare)} (old budget ≥ ${pct(OLD_BUDGETS.lessonRatio)})`,
    budget: `≥ ${pct(BUDGETS.lessonRatio)} of the reference`,
    met: lessonPage.ratioToReference >= BUDGETS.lessonRatio,
  },
  {
    measure: `/healthz (no budget: the server's floor; ${load})`,
    figure: `${healthz.requestsPerSecond} req/s, p99 ${healthz.p99Ms} ms`,
    toReference: `${pct(healthz.ratioToReference)}${rounds(healthz)}`,
    toBare: pct(healthz.requestsPerSecond / bareRoute.requestsPerSecond),
    budget: '–',
  },
  {
    measure: `Answer submissions, saturated by ${saturated.connections} learners (${saturated.requests} answers)`,
    figure: `${saturated.answersPerSecond} answers/s, p99 ${saturated.p99Ms} ms`,
    toReference: pct(saturated.ratioToReference),
    toBare: `${pct(saturated.ratioToBare)} (old budget ≥ ${pct(OLD_BUDGETS.answersRatio)})`,
    budget: `≥ ${pct(BUDGETS.answersRatio)} of the reference`,
    met: saturated.ratioToReference >= BUDGETS.answersRatio,
  },
  {
    measure: 'Every acknowledged answer stored, with its evidence',
    figure: `${integrity.acknowledged} acknowledged, ${integrity.stored} stored; ${integrity.evidence} of ${integrity.expectedEvidence} evidence rows`,
    toReference: '–',
    toBare: '–',
    budget: 'equal',
    met: integrity.allStored,
  },
  {
    measure: `Answer submissions offered at ${offered.offeredPerSecond}/s, evenly paced (${offered.requests} answers)`,
    figure: `p99 ${offered.p99Ms} ms (p50 ${offered.p50Ms} ms)`,
    toReference: '–',
    toBare: '–',
    budget: `p99 ≤ ${BUDGETS.offeredP99Ms} ms`,
    met: offered.p99Ms <= BUDGETS.offeredP99Ms,
  },
  ...(postgres
    ? [
        {
          measure: `Answer submissions on PostgreSQL, saturated by ${postgres.answers.saturated.connections} learners (${postgres.answers.saturated.requests} answers; ${postgres.loader.people.toLocaleString('en')} people, ${postgres.loader.answers.toLocaleString('en')} answers before)`,
          figure: `${postgres.answers.saturated.answersPerSecond} answers/s, p99 ${postgres.answers.saturated.p99Ms} ms = ${pct(postgres.answers.saturated.answersPerSecond / saturated.answersPerSecond)} of SQLite's`,
          toReference: pct(postgres.answers.saturated.answersPerSecond / reference.requestsPerSecond),
          toBare: pct(postgres.answers.saturated.answersPerSecond / bareRoute.requestsPerSecond),
          budget: '– (beside SQLite)',
        },
        {
          measure: 'Every acknowledged answer stored on PostgreSQL, with its evidence',
          figure: `${postgres.answers.integrity.acknowledged} acknowledged, ${postgres.answers.integrity.stored} stored; ${postgres.answers.integrity.evidence} of ${postgres.answers.integrity.expectedEvidence} evidence rows`,
          toReference: '–',
          toBare: '–',
          budget: 'equal',
          met: postgres.answers.integrity.allStored,
        },
        {
          measure: `Answer submissions on PostgreSQL offered at ${postgres.answers.offered.offeredPerSecond}/s, evenly paced (${postgres.answers.offered.requests} answers)`,
          figure: `p99 ${postgres.answers.offered.p99Ms} ms (p50 ${postgres.answers.offered.p50Ms} ms); peak RSS ${postgres.answers.memory.peakRssMb} MB`,
          toReference: '–',
          toBare: '–',
          budget: '– (beside SQLite)',
        },
      ]
    : [
        {
          measure: 'Answer submissions on PostgreSQL',
          figure: 'not measured: no PostgreSQL server (set BENCH_POSTGRES_URL=postgresql://user@host:port/postgres)',
          toReference: '–',
          toBare: '–',
          budget: '–',
        },
      ]),
  ...[...loaders, ...(postgres ? [postgres.loader] : [])].map((l, i, all): Row => {
    const previous = l.database === 'SQLite' ? all[i - 1] : undefined
    // How the cost grows with the people: the median's ratio to the previous scale's, as an exponent
    // (time ∝ people^k: k ≤ 1 is linear or better, k > 1 worse than linear); the p95's ratio beside it.
    const k = previous ? Math.log(l.p50Ms / previous.p50Ms) / Math.log(l.people / previous.people) : 0
    const growth = previous
      ? `; ×${l.people / previous.people} the people of the row above: p50 ×${(l.p50Ms / previous.p50Ms).toFixed(1)}, p95 ×${(l.p95Ms / previous.p95Ms).toFixed(1)} (time ∝ people^${k.toFixed(2)}: ${k <= 1 ? 'linear or better' : 'worse than linear'})`
      : ''
    const isMain = l.people === MAIN_PEOPLE && l.database === 'SQLite'
    return {
      measure: `Team readiness loader, org-wide: ${l.people.toLocaleString('en')} people × ${l.competencies} competencies, ${l.answers.toLocaleString('en')} answers (${l.database}, ${l.databaseMb} MB), ${l.runs} runs`,
      figure: `p95 ${l.p95Ms} ms (p50 ${l.p50Ms}, p99 ${l.p99Ms})${growth}`,
      toReference: '–',
      toBare: '–',
      budget: isMain ? `p95 ≤ ${BUDGETS.loaderP95Ms} ms` : l.database === 'SQLite' ? '– (scale)' : '– (beside SQLite)',
      ...(isMain ? { met: l.p95Ms <= BUDGETS.loaderP95Ms } : {}),
    }
  }),
  {
    measure: 'Server memory under the loads above',
    figure: `peak RSS ${memory.peakRssMb} MB (${memory.idleRssMb} MB at rest)`,
    toReference: '–',
    toBare: '–',
    budget: `≤ ${BUDGETS.rssMb} MB`,
    met: memory.peakRssMb <= BUDGETS.rssMb,
  },
  {
    measure: `JavaScript on a lesson page (${js.modules} modules and the inline data)`,
    figure: `${js.totalGzipKb} KB gzipped (${js.modulesGzipKb} modules, ${js.inlineGzipKb} inline)`,
    toReference: '–',
    toBare: '–',
    budget: `≤ ${BUDGETS.lessonJsKb} KB gzipped`,
    met: js.totalGzipKb <= BUDGETS.lessonJsKb,
  },
]

const figures = {
  date: new Date().toISOString(),
  quick: QUICK,
  machine: { cpus: os.cpus().length, node: process.version, loadAverage: os.loadavg() },
  dashboardLoader: loaders,
  ...http,
  postgres,
  budgets: rows,
}
fs.writeFileSync(path.join(dir, 'bench.json'), `${JSON.stringify(figures, null, 2)}\n`)
log('')
log('| measure | figure | ratio to the reference | ratio to the bare route | budget | |')
log('|---|---|---|---|---|---|')
for (const r of rows)
  log(
    `| ${r.measure} | ${r.figure} | ${r.toReference} | ${r.toBare} | ${r.budget} | ${r.met === undefined ? '' : r.met ? 'met' : 'MISSED'} |`,
  )
log('')
log(
  `Load: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${os.cpus().length} cores. ${((performance.now() - started) / 60_000).toFixed(1)} min.`,
)
log('Figures written to tests/.tmp/bench.json.')
// A lost answer is a defect, not a slow figure.
if (!integrity.allStored || (postgres && !postgres.answers.integrity.allStored)) process.exitCode = 1
