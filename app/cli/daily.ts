// The daily work for cron, when the server's own scheduler is off (SCHEDULER=off; see app/models/jobs.server.ts):
//   npm run daily
// recomputes readiness at today's date (decay, refreshers due), writes this week's snapshot for
// the trend charts, mails reminders (at most one a week per person), and prunes old records.
import { pruneOldRecords } from '~/models/maintenance.server'
import { rebuildReadiness, writeSnapshot } from '~/models/readiness.server'
import { sendReadinessReminders } from '~/models/reminders.server'
import { db } from '~/utils/db.server'

try {
  const started = performance.now()
  const now = new Date()
  const r = await rebuildReadiness(now)
  const groups = await writeSnapshot(now)
  const reminders = await sendReadinessReminders(now)
  const pruned = await pruneOldRecords(now)
  console.log(
    `Daily job done in ${Math.round(performance.now() - started)} ms: ${r.estimates} estimates for ${r.people} people; snapshot for ${groups} group(s); ${reminders} reminder(s) mailed; pruned ${pruned.sessions} expired sessions, ${pruned.loginAttempts} sign-in attempts, ${pruned.tokens} spent links, ${pruned.outbox} outbox mails.`,
  )
} catch (error) {
  console.error((error as Error).stack)
  process.exitCode = 1
} finally {
  await db.$disconnect()
}
