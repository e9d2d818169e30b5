// The daily work for cron, when the server's own scheduler is off (SCHEDULER=off; see app/models/jobs.server.ts):
//   npm run daily
// recomputes readiness at today's date (decay, refreshers due), writes this week's snapshot for
// the trend charts, grants and ends certificates, mails reminders (at most one a week per person;
// certificates 30 and 7 days before they expire), and prunes old records.
import { refreshAllCertificates, sendCertificateReminders } from '~/models/certificates.server'
import { pruneOldRecords } from '~/models/maintenance.server'
import { rebuildReadiness, writeSnapshot } from '~/models/readiness.server'
import { sendReadinessReminders } from '~/models/reminders.server'
import { db } from '~/utils/db.server'

try {
  const started = performance.now()
  const now = new Date()
  const r = await rebuildReadiness(now)
  const certificates = await refreshAllCertificates(now)
  const groups = await writeSnapshot(now)
  const reminders = await sendReadinessReminders(now)
  const certificateReminders = await sendCertificateReminders(now)
  const pruned = await pruneOldRecords(now)
  console.log(
    `Daily job done in ${Math.round(performance.now() - started)} ms: ${r.estimates} estimates for ${r.people} people; certificates: ${certificates.granted} granted, ${certificates.ended} ended; snapshot for ${groups} group(s); ${reminders} reminder(s) and ${certificateReminders} certificate reminder(s) mailed; pruned ${pruned.sessions} expired sessions, ${pruned.loginAttempts} sign-in attempts, ${pruned.tokens} spent links, ${pruned.outbox} outbox mails.`,
  )
} catch (error) {
  console.error((error as Error).stack)
  process.exitCode = 1
} finally {
  await db.$disconnect()
}
