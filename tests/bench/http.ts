// The HTTP half of `npm run bench`: the production server in a child process on the benchmark's
// database, and beside it the reference app (tests/bench/reference: the smallest React Router app of
// the same version behind the same Express setup), both loaded over 127.0.0.1 by autocannon
// (throughput, in interleaved rounds) and the app by a paced generator (the offered rate, see
// `paced`). All ratios come from this one run.
import autocannon from 'autocannon'
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import zlib from 'node:zlib'
import { SERVER_NODE_FLAGS } from '../../app/cli/server-flags'
import { freePort, root, startServer } from '../setup/server-process'
import { openDatabase, type Database } from './sql'

/** BENCH_QUICK=1: the same steps with short loads, to check the benchmark itself (its figures are not the budgets'). */
export const QUICK = process.env.BENCH_QUICK === '1'
const LEARNERS = 50
// An attempt holds at most 101 items (the answer form's position is 0–100): four attempts of 100 each.
const ATTEMPTS_PER_LEARNER = 4
const ITEMS_PER_ATTEMPT = 100
const SATURATED_ANSWERS = QUICK ? 1_000 : 6_000
const OFFERED_RATE = 150
const OFFERED_SECONDS = QUICK ? 3 : 15
// Pages: 20 connections for 8 s per run, in rounds that take each page in turn after the reference,
// so what else the machine does falls on the reference and the app alike.
const PAGE_SECONDS = QUICK ? 2 : 8
const PAGE_CONNECTIONS = 20
const ROUNDS = QUICK ? 1 : 3
const WARM_SECONDS = QUICK ? 1 : 2
const REFERENCE_DIR = path.join(root, 'tests', 'bench', 'reference')
const REFERENCE_BUILD = path.join(root, 'tests', '.tmp', 'bench-reference')

type Log = (s: string) => void

export async function httpBench(databaseUrl: string, log: Log) {
  const t = performance.now()
  const build = spawnSync(path.join(root, 'node_modules', '.bin', 'react-router'), ['build'], { cwd: root, encoding: 'utf8' })
  if (build.status !== 0) throw new Error(`The production build failed:\n${build.stderr}`)
  // The reference app builds into tests/.tmp/bench-reference (its react-router.config.ts), afresh.
  fs.rmSync(REFERENCE_BUILD, { recursive: true, force: true })
  const referenceBuild = spawnSync(path.join(root, 'node_modules', '.bin', 'react-router'), ['build', REFERENCE_DIR], {
    cwd: root,
    encoding: 'utf8',
  })
  if (referenceBuild.status !== 0) throw new Error(`The reference app's build failed:\n${referenceBuild.stderr}`)
  log(`Production builds of the app and the reference app (${((performance.now() - t) / 1000).toFixed(1)} s).`)

  const db = await openDatabase(databaseUrl)
  const prepared = await prepareLearners(db)

  // BENCH_PORT=n serves the app on n and the reference app on n + 1; otherwise on free ports.
  const port = process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : await freePort()
  const referencePort = process.env.BENCH_PORT ? port + 1 : await freePort()
  const base = `http://127.0.0.1:${port}`
  const referenceBase = `http://127.0.0.1:${referencePort}`
  const reference = startReference(referencePort)
  const server = startServer({
    DATABASE_URL: databaseUrl,
    SESSION_SECRET: process.env.SESSION_SECRET!,
    PORT: String(port),
    APP_URL: base,
    LOG_LEVEL: 'info',
  })
  try {
    await Promise.all([server.listening, reference.listening])
  } catch (error) {
    server.kill()
    reference.kill()
    throw error
  }
  let peakRss = 0
  let referencePeakRss = 0
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, server.rss())
    referencePeakRss = Math.max(referencePeakRss, reference.rss())
  }, 100)
  const idleRss = server.rss()
  log(
    `Server up on ${base} (RSS ${mb(idleRss)} MB at rest), the reference app on ${referenceBase}; ${LEARNERS} learners × ${ATTEMPTS_PER_LEARNER * ITEMS_PER_ATTEMPT} open items.`,
  )

  try {
    const lesson = (
      await db.rows(
        'SELECT l.slug, v.title FROM "Lesson" l JOIN "LessonVersion" v ON v.id = l."currentVersionId" ORDER BY l."moduleId", l.position LIMIT 1',
      )
    )[0]!
    // The lesson page must be what is measured: a 200 with the lesson in it.
    const lessonUrl = `${base}/learn/${lesson.slug}`
    const page = await fetch(lessonUrl, { headers: { Cookie: prepared.cookies[0]! } })
    const html = await page.text()
    if (page.status !== 200 || !html.includes(`<h1>${lesson.title}</h1>`))
      throw new Error(`The lesson page answered ${page.status} without the lesson: ${html.slice(0, 300)}`)
    const bare = await fetch(`${base}/forgot-password`)
    const bareHtml = await bare.text()
    if (bare.status !== 200 || !bareHtml.includes('<h1>Reset your password</h1>'))
      throw new Error(`The bare route answered ${bare.status}: ${bareHtml.slice(0, 300)}`)
    const referencePage = await fetch(`${referenceBase}/`)
    const referenceHtml = await referencePage.text()
    if (referencePage.status !== 200 || !referenceHtml.includes('<h1>Reset your password</h1>'))
      throw new Error(`The reference app answered ${referencePage.status}: ${referenceHtml.slice(0, 300)}`)

    // Page throughput, the same load on each: the reference app, then the bare route (the app's
    // signed-out /forgot-password, no loader of its own: the old yardstick), a signed-in lesson
    // page and /healthz, round after round.
    const pages = {
      reference: { url: `${referenceBase}/`, headers: {} },
      bareRoute: { url: `${base}/forgot-password`, headers: {} },
      lessonPage: { url: lessonUrl, headers: { Cookie: prepared.cookies[0]! } },
      healthz: { url: `${base}/healthz`, headers: {} },
    }
    type Page = keyof typeof pages
    const load = (page: Page, duration = PAGE_SECONDS) =>
      autocannon({ url: pages[page].url, connections: PAGE_CONNECTIONS, duration, headers: pages[page].headers })
    const order = Object.keys(pages) as Page[]
    for (const page of order) await load(page, WARM_SECONDS)
    const runs = Object.fromEntries(order.map((page) => [page, [] as autocannon.Result[]])) as Record<Page, autocannon.Result[]>
    for (let n = 1; n <= ROUNDS; n++) {
      for (const page of order) {
        const result = await load(page)
        assertClean(page, result, 200)
        runs[page].push(result)
      }
      log(`Round ${n} of ${ROUNDS}: ${order.map((page) => `${page} ${runs[page].at(-1)!.requests.average} req/s`).join(', ')}.`)
    }
    const throughput = (page: Page) => {
      const rates = runs[page].map((r) => r.requests.average)
      return {
        url: new URL(pages[page].url).pathname,
        requestsPerSecond: round(mean(rates), 1),
        rounds: rates,
        p99Ms: Math.max(...runs[page].map((r) => r.latency.p99)),
      }
    }
    const referenceRate = mean(runs.reference.map((r) => r.requests.average))
    const bareRate = mean(runs.bareRoute.map((r) => r.requests.average))
    /** The ratio of a page's mean throughput to the reference's over the rounds, and the lowest and highest of the rounds' ratios. */
    const toReference = (page: Page) => {
      const ratios = runs[page].map((r, i) => r.requests.average / runs.reference[i]!.requests.average)
      return {
        ratioToReference: round(mean(runs[page].map((r) => r.requests.average)) / referenceRate),
        roundRatiosToReference: { min: round(Math.min(...ratios)), max: round(Math.max(...ratios)) },
      }
    }

    const answers = await measureAnswers(base, db, prepared, log)

    const js = lessonJavaScript(html)
    clearInterval(sampler)
    return {
      pageLoad: { connections: PAGE_CONNECTIONS, seconds: PAGE_SECONDS, rounds: ROUNDS },
      reference: {
        ...throughput('reference'),
        htmlBytes: Buffer.byteLength(referenceHtml),
        peakRssMb: mb(referencePeakRss),
      },
      bareRoute: { ...throughput('bareRoute'), ...toReference('bareRoute'), htmlBytes: Buffer.byteLength(bareHtml) },
      lessonPage: {
        ...throughput('lessonPage'),
        ...toReference('lessonPage'),
        ratioToBare: round(mean(runs.lessonPage.map((r) => r.requests.average)) / bareRate),
      },
      healthz: { ...throughput('healthz'), ...toReference('healthz') },
      answersSaturated: {
        ...answers.saturated,
        ratioToReference: round(answers.saturated.answersPerSecond / referenceRate),
        ratioToBare: round(answers.saturated.answersPerSecond / bareRate),
      },
      answersOffered: answers.offered,
      integrity: answers.integrity,
      memory: { idleRssMb: mb(idleRss), peakRssMb: mb(peakRss) },
      lessonJavaScript: js,
    }
  } finally {
    clearInterval(sampler)
    server.kill()
    reference.kill()
    await db.close()
  }
}

/**
 * Answer submissions alone, on another database (PostgreSQL beside the SQLite run): the app's server
 * on it (the production build must exist), the same learners and loads, its memory.
 */
export async function answersBench(databaseUrl: string, log: Log) {
  const db = await openDatabase(databaseUrl)
  const prepared = await prepareLearners(db)
  const port = process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : await freePort()
  const base = `http://127.0.0.1:${port}`
  const server = startServer({
    DATABASE_URL: databaseUrl,
    SESSION_SECRET: process.env.SESSION_SECRET!,
    PORT: String(port),
    APP_URL: base,
    LOG_LEVEL: 'info',
  })
  let peakRss = 0
  let sampler: NodeJS.Timeout | undefined
  try {
    await server.listening
    sampler = setInterval(() => (peakRss = Math.max(peakRss, server.rss())), 100)
    const idleRss = server.rss()
    log(
      `Server up on ${base} (RSS ${mb(idleRss)} MB at rest); ${LEARNERS} learners × ${ATTEMPTS_PER_LEARNER * ITEMS_PER_ATTEMPT} open items.`,
    )
    const answers = await measureAnswers(base, db, prepared, log)
    return { ...answers, memory: { idleRssMb: mb(idleRss), peakRssMb: mb(peakRss) } }
  } finally {
    clearInterval(sampler)
    server.kill()
    await db.close()
  }
}

/** 50 learners of the database, each with open attempts of single-answer items, and their session cookies. */
async function prepareLearners(db: Database) {
  // 50 learners, each with an open attempt of 400 single-answer items: every request answers a new item.
  const rows = db.rows
  const learners = (await rows(`SELECT id FROM "User" WHERE role = 'learner' AND status = 'active' ORDER BY id LIMIT ?`, [LEARNERS])).map(
    (r) => String(r.id),
  )
  const quizId = String((await rows('SELECT id FROM "Quiz" ORDER BY slug LIMIT 1'))[0]!.id)
  const versions = (await rows('SELECT v.id, v.definition FROM "Scenario" s JOIN "ScenarioVersion" v ON v.id = s."currentVersionId"'))
    .map((r) => ({
      id: String(r.id),
      definition: JSON.parse(String(r.definition)) as {
        type: string
        options: unknown[]
        competencies: unknown[]
      },
    }))
    .filter((v) => v.definition.type === 'single')
  const competenciesOf = new Map(versions.map((v) => [v.id, v.definition.competencies.length]))
  const attempts: string[][] = []
  const runId = Date.now()
  for (const [i, userId] of learners.entries()) {
    attempts.push([])
    for (let k = 0; k < ATTEMPTS_PER_LEARNER; k++) {
      const attemptId = `bench-${runId}-${i}-${k}`
      attempts[i]!.push(attemptId)
      await db.batch([
        {
          sql: 'INSERT INTO "QuizAttempt" (id, "quizId", "userId", number, status, feedback, focus, "startedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          args: [attemptId, quizId, userId, (runId % 100_000_000) * 10 + k, 'open', 'end', '[]', new Date().toISOString()],
        },
        ...Array.from({ length: ITEMS_PER_ATTEMPT }, (_, position) => {
          const v = versions[position % versions.length]!
          return {
            sql: 'INSERT INTO "AttemptItem" (id, "attemptId", position, "versionId", "optionOrder") VALUES (?, ?, ?, ?, ?)',
            args: [`${attemptId}-${position}`, attemptId, position, v.id, JSON.stringify(v.definition.options.map((_, k) => k))],
          }
        }),
      ])
    }
  }
  const { createSession, sessionCookieHeader } = await import('~/utils/session.server')
  const { attemptItemOptionIds } = await import('~/utils/option-ids.server')
  const cookies = await Promise.all(learners.map(async (id) => (await sessionCookieHeader((await createSession(id)).token)).split(';')[0]!))

  return { learners, attempts, cookies, competenciesOf, runId, optionIds: attemptItemOptionIds }
}

/** Answer submissions on the server at `base`: saturated by the learners, then offered at a paced rate; then the stored answers counted. */
async function measureAnswers(base: string, db: Database, prepared: Awaited<ReturnType<typeof prepareLearners>>, log: Log) {
  // Each connection is one learner answering the next item of their attempt.
  const { attempts, cookies, competenciesOf, runId, optionIds } = prepared
  const rows = db.rows
  const next = new Array<number>(LEARNERS).fill(0)
  let connection = 0
  let acknowledged = 0
  const answerOf = (learner: number) => {
    const n = next[learner]++
    const position = n % ITEMS_PER_ATTEMPT
    const attemptId = attempts[learner]![Math.floor(n / ITEMS_PER_ATTEMPT)]!
    return {
      path: `/attempts/${attemptId}?item=${position + 1}`,
      headers: { Cookie: cookies[learner]!, 'Content-Type': 'application/x-www-form-urlencoded', Origin: base },
      body: `intent=answer&position=${position}&option=${optionIds(`${attemptId}-${position}`, process.env.SESSION_SECRET!).id('', 0)}`,
    }
  }
  const saturated = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections: LEARNERS,
        amount: SATURATED_ANSWERS,
        timeout: 30,
        requests: [
          {
            method: 'POST',
            setupRequest: (req, context: { learner?: number }) => ({
              ...req,
              ...answerOf((context.learner ??= connection++ % LEARNERS)),
            }),
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    )
    instance.on('response', (_client, status) => status === 302 && acknowledged++)
  })
  assertClean('answers (saturated)', saturated, 302)
  log(`Answers, ${LEARNERS} connections: ${saturated.requests.average} answers/s, p99 ${saturated.latency.p99} ms.`)
  let turn = 0
  const offered = await paced(base, OFFERED_RATE, OFFERED_RATE * OFFERED_SECONDS, () => answerOf(turn++ % LEARNERS))
  acknowledged += offered.statuses[302] ?? 0
  if (Object.keys(offered.statuses).some((code) => code !== '302'))
    throw new Error(`answers (${OFFERED_RATE}/s): status codes ${JSON.stringify(offered.statuses)}; expected only 302.`)
  log(`Answers offered at ${OFFERED_RATE}/s: ${offered.answersPerSecond} answers/s, p50 ${offered.p50Ms} ms, p99 ${offered.p99Ms} ms.`)

  // Every acknowledged answer is stored, with its evidence, and nothing else is.
  const all = attempts.flat()
  const placeholders = all.map(() => '?').join(',')
  const stored = Number(
    (await rows(`SELECT COUNT(*) AS n FROM "AttemptItem" WHERE "attemptId" IN (${placeholders}) AND "answeredAt" IS NOT NULL`, all))[0]!.n,
  )
  const evidence = Number((await rows(`SELECT COUNT(*) AS n FROM "Evidence" WHERE "sourceId" LIKE ?`, [`bench-${runId}-%`]))[0]!.n)
  const answeredItems = await rows(
    `SELECT "versionId" FROM "AttemptItem" WHERE "attemptId" IN (${placeholders}) AND "answeredAt" IS NOT NULL`,
    all,
  )
  const expectedEvidence = answeredItems.reduce((sum, r) => sum + competenciesOf.get(String(r.versionId))!, 0)

  return {
    saturated: {
      connections: LEARNERS,
      requests: SATURATED_ANSWERS,
      answersPerSecond: saturated.requests.average,
      p99Ms: saturated.latency.p99,
    },
    offered: {
      offeredPerSecond: OFFERED_RATE,
      requests: OFFERED_RATE * OFFERED_SECONDS,
      answersPerSecond: offered.answersPerSecond,
      p50Ms: offered.p50Ms,
      p99Ms: offered.p99Ms,
    },
    integrity: {
      acknowledged,
      stored,
      evidence,
      expectedEvidence,
      allStored: acknowledged === stored && evidence === expectedEvidence,
    },
  }
}

/** The reference app's server (tests/bench/reference/server.ts) with the app's V8 limits, as startServer starts the app's. */
function startReference(port: number) {
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, '--import', 'tsx', path.join(REFERENCE_DIR, 'server.ts')], {
    cwd: root,
    env: { PATH: process.env.PATH!, HOME: process.env.HOME!, NODE_ENV: 'production', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let stdout = ''
  let stderr = ''
  child.stderr!.on('data', (d) => (stderr += d))
  const listening = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => (stdout += d).includes('"msg":"listening"') && resolve())
    child.on('exit', (code) => reject(new Error(`The reference app's server exited ${code}: ${stderr}`)))
  })
  listening.catch(() => {})
  const kill = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL')
    } catch {
      // already gone
    }
  }
  const rss = () => {
    try {
      return Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) * 1024
    } catch {
      return 0
    }
  }
  return { listening, kill, rss }
}

/**
 * An offered rate as the budget means it: a request due every 1/rate seconds whatever the server is
 * doing (an open loop), over as many keep-alive connections as there are learners, each request's
 * latency counted from the moment it was due (time spent waiting for a connection counts too).
 * autocannon's `overallRate` cannot say this: it lets each connection send its share of a second's
 * requests at the start of every second, which offers one burst per second instead.
 */
async function paced(
  base: string,
  rate: number,
  count: number,
  request: () => { path: string; headers: Record<string, string>; body: string },
) {
  const url = new URL(base)
  const agent = new http.Agent({ keepAlive: true, maxSockets: LEARNERS })
  const latencies: number[] = []
  const statuses: Record<number, number> = {}
  const send = (r: ReturnType<typeof request>) =>
    new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: r.path,
          agent,
          headers: { ...r.headers, 'Content-Length': Buffer.byteLength(r.body) },
        },
        (res) => {
          res.resume()
          res.on('end', () => resolve(res.statusCode!))
        },
      )
      req.on('error', reject)
      req.end(r.body)
    })
  const start = performance.now() + 20
  const pending: Promise<void>[] = []
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / rate
    const wait = due - performance.now()
    if (wait > 0) await new Promise((r) => setTimeout(r, wait))
    pending.push(
      send(request()).then((status) => {
        latencies.push(performance.now() - due)
        statuses[status] = (statuses[status] ?? 0) + 1
      }),
    )
  }
  await Promise.all(pending)
  const seconds = (performance.now() - start) / 1000
  agent.destroy()
  latencies.sort((a, b) => a - b)
  const at = (q: number) => round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!, 1)
  return { answersPerSecond: round(count / seconds, 1), p50Ms: at(0.5), p99Ms: at(0.99), statuses }
}

/** A run whose every response had the expected status, with no errors or timeouts, or it throws. */
function assertClean(what: string, result: autocannon.Result, status: number) {
  const codes = Object.keys(result.statusCodeStats ?? {}).map(Number)
  if (result.errors > 0 || result.timeouts > 0 || codes.some((c) => c !== status)) {
    throw new Error(
      `${what}: ${result.errors} errors, ${result.timeouts} timeouts, status codes ${JSON.stringify(result.statusCodeStats)}; expected only ${status}.`,
    )
  }
}

/** The JavaScript a lesson page loads, gzipped as it is served: its modules and its inline scripts. */
function lessonJavaScript(html: string) {
  const files = [...new Set([...html.matchAll(/<(?:script|link)\b[^>]*(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!))]
  const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!)
  const gz = (b: Buffer | string) => zlib.gzipSync(b).length
  const moduleBytes = files.reduce((sum, f) => sum + gz(fs.readFileSync(path.join(root, 'build', 'client', f))), 0)
  const inlineBytes = inline.reduce((sum, s) => sum + gz(s), 0)
  return {
    modules: files.length,
    modulesGzipKb: round(moduleBytes / 1024, 1),
    inlineGzipKb: round(inlineBytes / 1024, 1),
    totalGzipKb: round((moduleBytes + inlineBytes) / 1024, 1),
  }
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024)
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits
