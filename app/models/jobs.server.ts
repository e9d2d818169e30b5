// The recurring work the server does by itself (app/utils/scheduler.server.ts looks every minute),
// and the record of each run. A run is claimed by inserting its (job, slot) row: the unique key
// lets one process of several on one database win, so each slot runs once (decision 019). A run
// that fails is retried in the same row after a delay; one whose process died is taken over once
// its lease ends.
import os from 'node:os'
import { latestSlot, nextDue, retryDelayMs, describeCadence, type Cadence, type Slot } from '~/domain/schedule/slots'
import { notFound } from '~/domain/errors'
import { audit } from '~/models/audit.server'
import { refreshAllCertificates, sendCertificateReminders } from '~/models/certificates.server'
import { sendLeaderDigests } from '~/models/digest.server'
import { pruneOldRecords } from '~/models/maintenance.server'
import { timeZoneIn } from '~/models/organisation.server'
import { rebuildReadiness, writeSnapshot } from '~/models/readiness.server'
import { sendReadinessReminders } from '~/models/reminders.server'
import { db } from '~/utils/db.server'
import { log } from '~/utils/logger.server'

export type JobName = 'readiness' | 'reminders' | 'prune' | 'digest'

export type JobDefinition = {
  name: JobName
  title: string
  /** What it does, in a line. */
  description: string
  cadence: Cadence
  /** Does the work (now, in the organisation's zone) and says what it did in a line. */
  run: (now: Date, zone: string) => Promise<string>
}

export const JOBS: readonly JobDefinition[] = [
  {
    name: 'readiness',
    title: 'Readiness',
    description:
      'Every estimate at today’s date (decay, refreshers due), certificates granted or ended by it, and this week’s snapshot for the trend charts.',
    cadence: { every: 'day', at: 2 * 60 },
    run: async (now) => {
      const r = await rebuildReadiness(now)
      const c = await refreshAllCertificates(now)
      const groups = await writeSnapshot(now)
      const certificates = c.granted + c.ended > 0 ? `; certificates: ${c.granted} granted, ${c.ended} ended` : ''
      return `${r.estimates} estimates for ${r.people} people${certificates}; snapshot for ${groups} group(s)`
    },
  },
  {
    name: 'prune',
    title: 'Pruning',
    description: 'Expired sessions, sign-in attempts over 30 days old, spent links, outbox mail over 90 days old.',
    cadence: { every: 'day', at: 3 * 60 },
    run: async (now) => {
      const p = await pruneOldRecords(now)
      return `${p.sessions} sessions, ${p.loginAttempts} sign-in attempts, ${p.tokens} links, ${p.outbox} outbox mails`
    },
  },
  {
    name: 'reminders',
    title: 'Reminder mail',
    description:
      'A mail to each person with a refresher due or overdue onboarding, at most one a week; and to each holder of a certificate 30 and 7 days before it expires.',
    // After readiness has run, at an hour people read mail.
    cadence: { every: 'day', at: 9 * 60 },
    run: async (now) => {
      const reminders = await sendReadinessReminders(now)
      const certificates = await sendCertificateReminders(now)
      return `${reminders} reminder(s) mailed${certificates > 0 ? `, ${certificates} certificate reminder(s)` : ''}`
    },
  },
  {
    name: 'digest',
    title: 'Weekly digest for leaders',
    description: 'A mail to each leader about their teams: who became client-ready, who slipped, red flags, overdue onboarding.',
    cadence: { every: 'week', weekday: 0, at: 8 * 60 },
    run: async (now, zone) => `${await sendLeaderDigests(now, zone)} digest(s) mailed`,
  },
]

/** How long a run may hold its claim before another process may take it over. */
export const LEASE_MS = 30 * 60_000
const ERROR_MAX = 2000

export const thisRunner = () => `${os.hostname()}:${process.pid}`

export type RunOutcome = { job: JobName; slot: string; outcome: 'succeeded' | 'failed' | 'taken' | 'done' | 'waiting'; attempt?: number }

/**
 * Claims the slot's run for this process: a new row, a failed run whose retry is due, or a running
 * one whose lease ended. Returns the attempt number, or null when there is nothing to do here.
 */
async function claim(
  job: JobName,
  slot: Slot,
  now: Date,
  runner: string,
): Promise<{ id: string; attempt: number } | RunOutcome['outcome']> {
  const lease = new Date(now.getTime() + LEASE_MS)
  const existing = await db.jobRun.findUnique({ where: { job_slot: { job, slot: slot.key } } })
  if (!existing) {
    try {
      const row = await db.jobRun.create({ data: { job, slot: slot.key, status: 'running', runner, startedAt: now, leaseUntil: lease } })
      return { id: row.id, attempt: 1 }
    } catch (error) {
      // Another process inserted the same (job, slot) first: the unique key decided.
      const winner = await db.jobRun.findUnique({ where: { job_slot: { job, slot: slot.key } } })
      if (winner) {
        log.info('job taken by another process', { job, slot: slot.key, runner, by: winner.runner })
        return 'taken'
      }
      throw error
    }
  }
  if (existing.status === 'succeeded') return 'done'
  const retryDue = existing.status === 'failed' && existing.retryAt !== null && existing.retryAt <= now
  const leaseLost = existing.status === 'running' && existing.leaseUntil <= now
  if (!retryDue && !leaseLost) return existing.status === 'running' ? 'taken' : 'waiting'
  // Compare and set on the attempt: of two processes retrying at once, one moves it on.
  const { count } = await db.jobRun.updateMany({
    where: { id: existing.id, status: existing.status, attempt: existing.attempt },
    data: { status: 'running', attempt: existing.attempt + 1, runner, startedAt: now, finishedAt: null, leaseUntil: lease, retryAt: null },
  })
  return count === 1 ? { id: existing.id, attempt: existing.attempt + 1 } : 'taken'
}

/** Runs one job for its latest slot if no process has (or is). */
export async function runJobIfDue(job: JobDefinition, now: Date, zone: string, runner = thisRunner()): Promise<RunOutcome> {
  const slot = latestSlot(job.cadence, now, zone)
  const claimed = await claim(job.name, slot, now, runner)
  if (typeof claimed === 'string') return { job: job.name, slot: slot.key, outcome: claimed }
  return execute(job, claimed, slot, now, runner, zone)
}

/** An admin's "Run now": a run of its own (slot "manual …"), whatever the schedule says, audit-logged. */
export async function runJobNow(name: string, actorId: string, now = new Date(), runner = thisRunner()): Promise<RunOutcome> {
  const job = JOBS.find((j) => j.name === name)
  if (!job) throw notFound('Job')
  const slot = { key: `manual ${now.toISOString()}`, dueAt: now }
  const row = await db.jobRun.create({
    data: { job: job.name, slot: slot.key, status: 'running', runner, startedAt: now, leaseUntil: new Date(now.getTime() + LEASE_MS) },
  })
  await audit(db, { actorId, action: 'job.run', subject: `job:${job.name}`, summary: job.title })
  return execute(job, { id: row.id, attempt: 1 }, slot, now, runner, await timeZoneIn(db))
}

async function execute(
  job: JobDefinition,
  claimed: { id: string; attempt: number },
  slot: Slot,
  now: Date,
  runner: string,
  zone: string,
): Promise<RunOutcome> {
  const started = performance.now()
  try {
    const summary = await job.run(now, zone)
    await db.jobRun.update({ where: { id: claimed.id }, data: { status: 'succeeded', finishedAt: new Date(), summary, error: '' } })
    log.info('job succeeded', {
      job: job.name,
      slot: slot.key,
      attempt: claimed.attempt,
      runner,
      durationMs: Math.round(performance.now() - started),
      summary,
    })
    return { job: job.name, slot: slot.key, outcome: 'succeeded', attempt: claimed.attempt }
  } catch (error) {
    const delay = retryDelayMs(claimed.attempt)
    const message = error instanceof Error ? error.message : String(error)
    await db.jobRun.update({
      where: { id: claimed.id },
      data: {
        status: 'failed',
        finishedAt: new Date(),
        error: message.slice(0, ERROR_MAX),
        retryAt: delay === null ? null : new Date(now.getTime() + delay),
      },
    })
    log.error('job failed', {
      job: job.name,
      slot: slot.key,
      attempt: claimed.attempt,
      runner,
      willRetry: delay !== null,
      error: error instanceof Error ? error.stack : message,
    })
    return { job: job.name, slot: slot.key, outcome: 'failed', attempt: claimed.attempt }
  }
}

/** Every job whose slot is due, one after another (they share the database; none is urgent). */
export async function runDueJobs(now = new Date(), jobs: readonly JobDefinition[] = JOBS, runner = thisRunner()): Promise<RunOutcome[]> {
  const zone = await timeZoneIn(db)
  const outcomes: RunOutcome[] = []
  for (const job of jobs) outcomes.push(await runJobIfDue(job, now, zone, runner))
  return outcomes
}

/** Each job, its schedule in words, its latest run and when it is next due: the admins' page. */
export async function jobOverview(now = new Date()) {
  const zone = await timeZoneIn(db)
  const latest = await Promise.all(JOBS.map((j) => db.jobRun.findFirst({ where: { job: j.name }, orderBy: { startedAt: 'desc' } })))
  return {
    zone,
    jobs: JOBS.map((j, i) => {
      const run = latest[i]
      return {
        name: j.name,
        title: j.title,
        description: j.description,
        schedule: describeCadence(j.cadence),
        nextDueAt: nextDue(j.cadence, now, zone),
        last: run
          ? {
              slot: run.slot,
              status: run.status as 'running' | 'succeeded' | 'failed',
              attempt: run.attempt,
              runner: run.runner,
              startedAt: run.startedAt,
              finishedAt: run.finishedAt,
              retryAt: run.retryAt,
              summary: run.summary,
              error: run.error,
            }
          : null,
      }
    }),
  }
}

/**
 * Looks for due jobs now and then every `intervalMs`, in this process; a look never starts while the
 * last one is still running. Returns a function that stops it (and waits for a run in progress).
 */
export function startScheduler({ intervalMs }: { intervalMs: number }): () => Promise<void> {
  let running: Promise<unknown> | null = null
  const look = () => {
    if (running) return
    running = runDueJobs()
      .catch((error: unknown) => log.error('scheduler', { error: error instanceof Error ? error.stack : String(error) }))
      .finally(() => (running = null))
  }
  look()
  const timer = setInterval(look, intervalMs)
  timer.unref()
  return async () => {
    clearInterval(timer)
    await running
  }
}
