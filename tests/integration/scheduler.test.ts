// The server's own recurring work: each job runs once per slot however many runners look, a
// failed run is retried and recorded, a lost claim is taken over, and the slot is the
// organisation's local day. Then, on PostgreSQL, two real server processes on one database: the
// daily run happens once, and an answer recorded through one appears on the other's pages.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { JOBS, LEASE_MS, runDueJobs, runJobIfDue, type JobDefinition } from '~/models/jobs.server'
import { syncContent } from '~/models/content.server'
import { MAX_ATTEMPTS } from '~/domain/schedule/slots'
import { readContentFiles, readShippedFramework } from '~/utils/content-files.server'
import { db } from '~/utils/db.server'
import { cookieFor, createPerson, createTeam } from '../factories'
import * as jobsRoute from '~/routes/admin.jobs'
import { itemOptionId } from '../setup/answers'
import { testDatabaseKind } from '../setup/databases'
import { call, errorsOf, get, post, toastOf } from '../setup/remix'
import { freePort, hasBuild, startServer, type ServerProcess } from '../setup/server-process'

const MINUTE = 60_000
const at = (iso: string) => new Date(iso)

const noRuns = () => beforeEach(async () => void (await db.jobRun.deleteMany()))

describe('jobs', () => {
  noRuns()

  it('each job runs once for its slot: a second look, or a second runner at the same time, finds it done or taken', async () => {
    const now = at('2026-12-05T12:00:00Z')
    const [first, second] = await Promise.all([runDueJobs(now, JOBS, 'one:1'), runDueJobs(now, JOBS, 'two:2')])
    for (const job of JOBS) {
      const outcomes = [...first!, ...second!].filter((o) => o.job === job.name).map((o) => o.outcome)
      expect(
        outcomes.filter((o) => o === 'succeeded'),
        job.name,
      ).toHaveLength(1)
    }
    const rows = await db.jobRun.findMany({ orderBy: { job: 'asc' } })
    expect(rows.map((r) => [r.job, r.slot, r.status, r.attempt])).toEqual([
      // Weekly: the week of Monday 30 November.
      ['digest', '2026-11-30', 'succeeded', 1],
      ['prune', '2026-12-05', 'succeeded', 1],
      ['readiness', '2026-12-05', 'succeeded', 1],
      ['reminders', '2026-12-05', 'succeeded', 1],
    ])
    expect(rows.find((r) => r.job === 'readiness')!.summary).toMatch(/^\d+ estimates for \d+ people; snapshot for \d+ group\(s\)$/)
    const outcomes = async (iso: string) => Object.fromEntries((await runDueJobs(at(iso))).map((o) => [o.job, o.outcome]))
    expect(await outcomes('2026-12-05T23:00:00Z')).toEqual({ readiness: 'done', prune: 'done', reminders: 'done', digest: 'done' })
    // The next local day is a new slot for the daily jobs; the digest waits for Monday.
    expect(await outcomes('2026-12-06T12:00:00Z')).toEqual({
      readiness: 'succeeded',
      prune: 'succeeded',
      reminders: 'succeeded',
      digest: 'done',
    })
    expect((await outcomes('2026-12-07T08:00:00Z')).digest).toBe('succeeded')
  })

  it('the slot is the organisation’s local day, due at the job’s local time', async () => {
    const zone = (timeZone: string) =>
      db.organisation.upsert({
        where: { id: 'default' },
        create: { id: 'default', name: 'Harbour Light', mission: 'Every guest feels someone here is on their side.', timeZone },
        update: { timeZone },
      })
    await zone('Pacific/Auckland')
    try {
      // 01:00 on Saturday in Auckland: readiness (02:00) is still due for Friday; Saturday's comes at 02:00.
      expect((await runDueJobs(at('2026-12-04T12:00:00Z'))).find((o) => o.job === 'readiness')!.slot).toBe('2026-12-04')
      expect((await runDueJobs(at('2026-12-04T13:00:00Z'))).find((o) => o.job === 'readiness')).toMatchObject({
        slot: '2026-12-05',
        outcome: 'succeeded',
      })
    } finally {
      await zone('UTC')
    }
  })

  it('a failed run is recorded with its error, retried after a delay, and given up after its tries', async () => {
    let calls = 0
    const flaky: JobDefinition = {
      name: 'prune',
      title: 'Fails twice',
      description: 'Fails twice, then works.',
      cadence: { every: 'day', at: 0 },
      run: async () => {
        calls++
        if (calls <= 2) throw new Error(`disk full (${calls})`)
        return 'done at last'
      },
    }
    const now = at('2026-12-05T12:00:00Z')
    expect(await runJobIfDue(flaky, now, 'UTC')).toMatchObject({ outcome: 'failed', attempt: 1 })
    const failed = await db.jobRun.findFirstOrThrow()
    expect(failed).toMatchObject({ status: 'failed', error: 'disk full (1)', attempt: 1 })
    expect(failed.retryAt).toEqual(new Date(now.getTime() + 5 * MINUTE))
    // Not before its retry is due.
    expect(await runJobIfDue(flaky, now, 'UTC')).toMatchObject({ outcome: 'waiting' })
    expect(calls).toBe(1)
    const later = (ms: number) => new Date(now.getTime() + ms)
    expect(await runJobIfDue(flaky, later(6 * MINUTE), 'UTC')).toMatchObject({ outcome: 'failed', attempt: 2 })
    expect(await runJobIfDue(flaky, later(20 * MINUTE), 'UTC')).toMatchObject({ outcome: 'succeeded', attempt: 3 })
    expect(await db.jobRun.findFirstOrThrow()).toMatchObject({ status: 'succeeded', attempt: 3, summary: 'done at last', error: '' })

    // A job that always fails stops after MAX_ATTEMPTS, its last error kept.
    await db.jobRun.deleteMany()
    const broken: JobDefinition = { ...flaky, run: async () => Promise.reject(new Error('still broken')) }
    for (let i = 0; i < MAX_ATTEMPTS; i++) await runJobIfDue(broken, later(i * 60 * MINUTE), 'UTC')
    expect(await db.jobRun.findFirstOrThrow()).toMatchObject({
      status: 'failed',
      attempt: MAX_ATTEMPTS,
      retryAt: null,
      error: 'still broken',
    })
    expect(await runJobIfDue(broken, later(11 * 60 * MINUTE), 'UTC')).toMatchObject({ outcome: 'waiting' })
  })

  it('a claim whose process died is taken over once its lease ends, not before', async () => {
    const job = JOBS.find((j) => j.name === 'prune')!
    const now = at('2026-12-05T12:00:00Z')
    await db.jobRun.create({
      data: { job: 'prune', slot: '2026-12-05', status: 'running', runner: 'gone:99', leaseUntil: new Date(now.getTime() + LEASE_MS) },
    })
    expect(await runJobIfDue(job, now, 'UTC', 'here:1')).toMatchObject({ outcome: 'taken' })
    expect(await runJobIfDue(job, new Date(now.getTime() + LEASE_MS), 'UTC', 'here:1')).toMatchObject({ outcome: 'succeeded', attempt: 2 })
    expect(await db.jobRun.findFirstOrThrow()).toMatchObject({ status: 'succeeded', runner: 'here:1' })
  })
})

describe('the admins’ page', () => {
  noRuns()

  it('lists each job with its schedule and last run; Run now runs it, records it as by hand and audit-logs it', async () => {
    const admin = await createPerson({ role: 'admin' })
    const cookie = await cookieFor(admin.id)
    const page = async () => (await call(jobsRoute.loader, get('/admin/jobs', cookie))).body as Awaited<ReturnType<typeof jobsRoute.loader>>
    const before = await page()
    expect(before.jobs.map((j) => [j.name, j.schedule, j.last])).toEqual([
      ['readiness', 'Every day at 02:00', null],
      ['prune', 'Every day at 03:00', null],
      ['reminders', 'Every day at 09:00', null],
      ['digest', 'Every Monday at 08:00', null],
    ])
    const res = await call(jobsRoute.action, post('/admin/jobs', { intent: 'run', job: 'prune' }, cookie))
    expect(res.status).toBe(302)
    expect((await toastOf(res)).toast).toMatchObject({ type: 'success', description: expect.stringContaining('Pruning: done.') })
    const prune = (await page()).jobs.find((j) => j.name === 'prune')!
    expect(prune.last).toMatchObject({
      status: 'succeeded',
      slot: expect.stringMatching(/^manual /),
      summary: expect.stringMatching(/sessions/),
    })
    expect(await db.auditEvent.findFirst({ where: { action: 'job.run', actorId: admin.id, subject: 'job:prune' } })).not.toBeNull()
    // A scheduled run of the same day is still its own slot: Run now does not use it up.
    expect((await runDueJobs()).find((o) => o.job === 'prune')!.outcome).toBe('succeeded')
  })

  it('refuses an unknown job, and anyone but an admin', async () => {
    const admin = await createPerson({ role: 'admin' })
    const bad = await call(jobsRoute.action, post('/admin/jobs', { intent: 'run', job: 'drop-tables' }, await cookieFor(admin.id)))
    expect(bad.status).toBe(400)
    expect(errorsOf(bad.body).job).toBe('There is no such job.')
    expect(await db.jobRun.count()).toBe(0)
    const leader = await createPerson({ role: 'leader' })
    const refused = await call(jobsRoute.action, post('/admin/jobs', { intent: 'run', job: 'prune' }, await cookieFor(leader.id)))
    expect(refused.status).toBe(403)
    expect((await call(jobsRoute.loader, get('/admin/jobs', await cookieFor(leader.id)))).status).toBe(403)
    expect(await db.jobRun.count()).toBe(0)
  })
})

// Two processes on one database is the PostgreSQL deployment; SQLite is one process (its scheduler
// is the same code, and the concurrent runners above share its database).
describe.runIf(hasBuild() && testDatabaseKind() === 'postgres')('two server processes on one PostgreSQL database', () => {
  const servers: ServerProcess[] = []
  // The servers sign cookies and derive option ids with this secret, as the test process does without one.
  const SECRET = 'development-only-secret-not-for-production-use'
  let a = ''
  let b = ''
  let people: { leader: string; learner: string }

  beforeAll(async () => {
    await syncContent(readContentFiles(), readShippedFramework())
    const leader = await createPerson({ role: 'leader' })
    const team = await createTeam(undefined, [leader.id])
    const learner = await createPerson({ teamIds: [team.id], name: 'Two Process Learner' })
    people = { leader: leader.id, learner: learner.id }
    await db.jobRun.deleteMany()
    const ports = [await freePort(), await freePort()]
    for (const port of ports)
      servers.push(
        startServer({
          DATABASE_URL: process.env.DATABASE_URL!,
          PORT: String(port),
          APP_URL: `http://localhost:${port}`,
          SESSION_SECRET: SECRET,
          SCHEDULER: 'on',
          SCHEDULER_INTERVAL_SECONDS: '1',
        }),
      )
    await Promise.all(servers.map((s) => s.listening))
    ;[a, b] = ports.map((p) => `http://127.0.0.1:${p}`) as [string, string]
  }, 60_000)
  afterAll(() => servers.splice(0).forEach((s) => s.kill()))
  /** What the servers said on stderr and whether they are still up, for a failure's message. */
  const diagnosis = () =>
    servers
      .map(
        (s, i) =>
          `process ${i + 1} (${s.child.exitCode === null ? 'running' : `exited ${s.child.exitCode}`}): ${s.out.stderr.slice(-2000)}`,
      )
      .join('\n')

  it('the daily run happens once, whichever process gets there first', async () => {
    try {
      await expect
        .poll(() => db.jobRun.count({ where: { status: { not: 'running' } } }), { timeout: 60_000, interval: 250 })
        .toBe(JOBS.length)
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${diagnosis()}`)
    }
    // Both keep looking every second; give them a few more looks.
    await new Promise((resolve) => setTimeout(resolve, 3_000))
    const rows = await db.jobRun.findMany({ orderBy: { job: 'asc' } })
    const log = (pattern: RegExp) =>
      servers.flatMap((s, i) => [...s.out.stdout.matchAll(pattern)].map((m) => `${m[1]} by process ${i + 1}`))
    const ran = log(/"msg":"job succeeded","job":"(\w+)"/g)
    const lost = log(/"msg":"job taken by another process","job":"(\w+)"/g)
    process.stdout.write(
      `\nTwo processes, one PostgreSQL database: ${rows.length} job runs recorded; ` +
        `${rows.map((r) => `${r.job} ${r.slot} ${r.status} attempt ${r.attempt} by ${r.runner}`).join('; ')}. ` +
        `Ran: ${ran.join(', ')}. Lost the race: ${lost.join(', ') || 'none'}.\n`,
    )
    expect(rows).toHaveLength(JOBS.length)
    expect(
      rows.filter((r) => r.status !== 'succeeded' || r.attempt !== 1),
      diagnosis(),
    ).toEqual([])
    expect(ran).toHaveLength(JOBS.length)
  }, 90_000)

  it('an answer recorded through one process appears on the other’s pages', async () => {
    const post = (base: string, path: string, cookie: string, body: Record<string, string>) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { Cookie: cookie, Origin: base, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(body).toString(),
      })
    const learnerCookie = await cookieFor(people.learner)
    const leaderCookie = await cookieFor(people.leader)
    const evidenceOnB = async () => {
      const html = await (await fetch(`${b}/people/${people.learner}/readiness`, { headers: { Cookie: leaderCookie } })).text()
      return (html.match(/\d+ scored answers? or observations?/g) ?? []).length
    }
    expect(await evidenceOnB()).toBe(0)

    // Through A: start the module quiz on the real need and answer its single-response item with the key.
    const started = await post(a, '/quizzes/04-probing', learnerCookie, {})
    expect(started.status, diagnosis()).toBe(302)
    expect(started.headers.get('Location'), diagnosis()).toMatch(/^\/attempts\/[\w-]+$/)
    const attemptId = started.headers.get('Location')!.split('/').pop()!
    const item = await db.attemptItem.findFirstOrThrow({ where: { attemptId, version: { type: 'single' } }, include: { version: true } })
    const key = (JSON.parse(item.version.definition) as { options: { score?: number }[] }).options.findIndex((o) => o.score === 1)
    const answered = await post(a, `/attempts/${attemptId}`, learnerCookie, {
      intent: 'answer',
      position: String(item.position),
      option: itemOptionId(item, key, undefined, SECRET),
    })
    expect(answered.status).toBe(302)
    expect((await db.attemptItem.findUniqueOrThrow({ where: { id: item.id } })).score).toBe(1)

    // Through B, the leader sees the evidence at once.
    expect(await evidenceOnB()).toBeGreaterThan(0)
  }, 60_000)
})
