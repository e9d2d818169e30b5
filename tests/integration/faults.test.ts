// Faults, against the production server in a child process: killed in the middle of answer
// submissions, the database locked (SQLite) or unreachable (PostgreSQL). Needs `npm run build`.
import { createClient } from '@libsql/client'
import net from 'node:net'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { syncContent } from '~/models/content.server'
import { rebuildReadiness } from '~/models/readiness.server'
import { readContentFiles, readShippedFramework } from '~/utils/content-files.server'
import { db } from '~/utils/db.server'
import { cookieFor, createPerson } from '../factories'
import { testDatabaseKind } from '../setup/databases'
import { freePort, hasBuild, startServer, type ServerProcess } from '../setup/server-process'
import { itemOptionId } from '../setup/answers'

// The secret the test process signs its session cookies with (no SESSION_SECRET set in tests).
const SESSION_SECRET = 'development-only-secret-not-for-production-use'
const servers: ServerProcess[] = []
afterEach(() => servers.splice(0).forEach((s) => s.kill()))

async function serve(databaseUrl = process.env.DATABASE_URL!) {
  const port = await freePort()
  const server = startServer({
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    APP_URL: `http://127.0.0.1:${port}`,
    SESSION_SECRET,
    LOG_LEVEL: 'info',
  })
  servers.push(server)
  await server.listening
  return { server, base: `http://127.0.0.1:${port}` }
}

/** A learner with an open attempt of `items` single-answer items, and their session cookie. */
async function learnerWithAttempt(items: number) {
  const person = await createPerson()
  const quiz = await db.quiz.findFirstOrThrow({ orderBy: { slug: 'asc' } })
  const versions = (await db.scenario.findMany({ where: { currentVersionId: { not: null } }, include: { currentVersion: true } }))
    .map((s) => s.currentVersion!)
    .filter((v) => JSON.parse(v.definition).type === 'single')
  const attempt = await db.quizAttempt.create({
    data: {
      quizId: quiz.id,
      userId: person.id,
      number: 1,
      feedback: 'end',
      items: {
        create: Array.from({ length: items }, (_, position) => ({
          position,
          versionId: versions[position % versions.length]!.id,
          optionOrder: '[0,1,2,3]',
        })),
      },
    },
  })
  const created = await db.attemptItem.findMany({ where: { attemptId: attempt.id }, select: { id: true, position: true } })
  // Known before any outage, so answering needs no database in the test process.
  for (const i of created) itemIds.set(`${attempt.id}:${i.position}`, i.id)
  return { person, attemptId: attempt.id, cookie: await cookieFor(person.id) }
}

const itemIds = new Map<string, string>()
const answer = async (base: string, cookie: string, attemptId: string, position: number) => {
  // The id the page shows for the item's first option in the content (the server signs with the same secret).
  let itemId = itemIds.get(`${attemptId}:${position}`)
  if (!itemId) {
    itemId = (await db.attemptItem.findUniqueOrThrow({ where: { attemptId_position: { attemptId, position } }, select: { id: true } })).id
    itemIds.set(`${attemptId}:${position}`, itemId)
  }
  return fetch(`${base}/attempts/${attemptId}?item=${position + 1}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded', Origin: base },
    body: `intent=answer&position=${position}&option=${itemOptionId({ id: itemId }, 0, undefined, SESSION_SECRET)}`,
  })
}

/** What a 503 page must be: the product's page with its message, and nothing of the error inside. */
async function expectOutagePage(res: Response) {
  expect(res.status).toBe(503)
  const html = await res.text()
  expect(html).toContain('Temporarily unavailable')
  expect(html).not.toMatch(/SQLITE|Prisma|ECONNREFUSED|\bat [\w.<>]+ \(|node_modules/)
}

async function eventually(check: () => Promise<boolean>, ms = 15_000) {
  const until = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > until) throw new Error('did not recover in time')
    await new Promise((r) => setTimeout(r, 200))
  }
}

beforeAll(async () => {
  await syncContent(readContentFiles(), readShippedFramework())
})

describe.runIf(hasBuild() && testDatabaseKind() === 'sqlite')('a server killed in the middle of answer submissions', () => {
  it('restarts on the same database with every acknowledged answer, no half-recorded answer and no orphan row', async () => {
    const learners = await Promise.all([0, 1, 2, 3].map(() => learnerWithAttempt(100)))
    const { server, base: url } = await serve()
    const acknowledged: { attemptId: string; position: number }[] = []
    let killed = false
    // Two concurrent submitters per learner, each on its own items, until the kill.
    const submitters = learners.flatMap((l) =>
      [0, 1].map(async (lane) => {
        for (let position = lane; position < 100 && !killed; position += 2) {
          try {
            const res = await answer(url, l.cookie, l.attemptId, position)
            if (res.status === 302) acknowledged.push({ attemptId: l.attemptId, position })
            else throw new Error(`answer ${position} got ${res.status}`)
          } catch (error) {
            if (!killed) throw error
          }
        }
      }),
    )
    while (acknowledged.length < 40) await new Promise((r) => setTimeout(r, 5))
    killed = true
    server.kill()
    await server.exited
    await Promise.all(submitters)

    // The database opens and is whole.
    const sqlite = createClient({ url: process.env.DATABASE_URL! })
    expect((await sqlite.execute('PRAGMA integrity_check')).rows[0]![0]).toBe('ok')
    expect((await sqlite.execute('PRAGMA foreign_key_check')).rows).toHaveLength(0)
    sqlite.close()
    const restarted = await serve()
    expect((await fetch(`${restarted.base}/healthz`)).status).toBe(200)

    // Every acknowledged answer is there; every stored answer has all its evidence, and no evidence is without its answer.
    const items = await db.attemptItem.findMany({
      where: { attemptId: { in: learners.map((l) => l.attemptId) } },
      include: { version: true },
    })
    const byKey = new Map(items.map((i) => [`${i.attemptId}:${i.position}`, i]))
    for (const a of acknowledged) expect(byKey.get(`${a.attemptId}:${a.position}`)!.answeredAt).not.toBeNull()
    const evidence = await db.evidence.groupBy({
      by: ['sourceId'],
      where: { kind: 'quiz', userId: { in: learners.map((l) => l.person.id) } },
      _count: true,
    })
    const evidenceOf = new Map(evidence.map((e) => [e.sourceId, e._count]))
    let answered = 0
    for (const item of items) {
      const competencies = (JSON.parse(item.version.competencies) as unknown[]).length
      if (item.answeredAt) answered++
      expect({ item: item.position, evidence: evidenceOf.get(item.id) ?? 0 }).toEqual({
        item: item.position,
        evidence: item.answeredAt ? competencies : 0,
      })
      expect(item.response === null).toBe(item.answeredAt === null)
    }
    expect(answered).toBeGreaterThanOrEqual(acknowledged.length)

    // The kept estimates are what the evidence says (no estimate half-updated).
    const before = await db.readinessEstimate.findMany({
      where: { userId: { in: learners.map((l) => l.person.id) } },
      orderBy: [{ userId: 'asc' }, { competencyId: 'asc' }],
    })
    await rebuildReadiness()
    const after = await db.readinessEstimate.findMany({
      where: { userId: { in: learners.map((l) => l.person.id) } },
      orderBy: [{ userId: 'asc' }, { competencyId: 'asc' }],
    })
    expect(after.map((e) => [e.userId, e.competencyId, e.count])).toEqual(before.map((e) => [e.userId, e.competencyId, e.count]))
    after.forEach((e, i) => expect(e.positive).toBeCloseTo(before[i]!.positive, 9))

    // And the restarted server takes the next answer.
    const next = items.find((i) => !i.answeredAt && i.attemptId === learners[0]!.attemptId)!
    expect((await answer(restarted.base, learners[0]!.cookie, learners[0]!.attemptId, next.position)).status).toBe(302)
  }, 60_000)
})

describe.runIf(hasBuild() && testDatabaseKind() === 'sqlite')('the SQLite database locked by another writer', () => {
  it('answers a 503 page once the busy timeout passes, loses nothing, and takes the answer when the lock is gone', async () => {
    const l = await learnerWithAttempt(3)
    const { base } = await serve()
    const locker = createClient({ url: process.env.DATABASE_URL! })
    const lock = await locker.transaction('write')
    await lock.execute('UPDATE "Organisation" SET name = name')
    try {
      const started = Date.now()
      await expectOutagePage(await answer(base, l.cookie, l.attemptId, 0))
      // after waiting out the busy timeout, not at once
      expect(Date.now() - started).toBeGreaterThanOrEqual(4_000)
      // Reading still works while the writer holds the lock (WAL).
      expect((await fetch(`${base}/learn`, { headers: { Cookie: l.cookie } })).status).toBe(200)
    } finally {
      await lock.rollback()
      locker.close()
    }
    const answered = async () => {
      const html = await (await fetch(`${base}/attempts/${l.attemptId}`, { headers: { Cookie: l.cookie } })).text()
      return Number(/<strong>(\d+)(?:<!-- -->)? of (?:<!-- -->)?3<\/strong>/.exec(html)![1])
    }
    expect(await answered()).toBe(0)
    // The server recovers by itself: the same answer goes through once the lock is gone.
    await eventually(async () => (await answer(base, l.cookie, l.attemptId, 0)).status === 302)
    expect(await answered()).toBe(1)
  }, 30_000)
})

/** A TCP relay to PostgreSQL that the test can cut (every connection dropped, new ones refused) and restore. */
function relay(port: number, target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>()
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host)
    for (const [a, b] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      sockets.add(a)
      a.pipe(b)
      a.on('error', () => b.destroy())
      a.on('close', () => (sockets.delete(a), b.destroy()))
    }
  })
  return {
    listening: new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
    cut: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const s of sockets) s.destroy()
      }),
  }
}

describe.runIf(hasBuild() && testDatabaseKind() === 'postgres')('PostgreSQL unreachable', () => {
  it('answers 503 pages while the database cannot be reached, and recovers by itself when it is back', async () => {
    const target = new URL(process.env.DATABASE_URL!)
    const port = await freePort()
    const through = new URL(target)
    through.hostname = '127.0.0.1'
    through.port = String(port)
    let link = relay(port, { host: target.hostname, port: Number(target.port) })
    await link.listening
    const l = await learnerWithAttempt(3)
    const { server, base } = await serve(through.toString())
    const page = () => fetch(`${base}/learn`, { headers: { Cookie: l.cookie } })
    expect((await page()).status).toBe(200)

    await link.cut()
    await expectOutagePage(await page())
    await expectOutagePage(await answer(base, l.cookie, l.attemptId, 0))
    expect((await fetch(`${base}/healthz`)).status).toBe(503)

    link = relay(port, { host: target.hostname, port: Number(target.port) })
    await link.listening
    await eventually(async () => (await page()).status === 200)
    expect((await answer(base, l.cookie, l.attemptId, 0)).status).toBe(302)
    expect(server.child.exitCode).toBeNull()
    await link.cut()
  }, 60_000)
})
