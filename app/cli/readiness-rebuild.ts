// Recomputes every readiness estimate from the evidence at today's date (so decay is applied and
// refreshers become due), writes this week's snapshot for the trend charts, and mails reminders
// (refresher due, onboarding overdue; at most one a week per person):
//   npm run readiness:rebuild        (run it daily, and after changing the readiness settings)
import { rebuildReadiness, writeSnapshot } from '~/models/readiness.server'
import { sendReadinessReminders } from '~/models/reminders.server'
import { db } from '~/utils/db.server'

try {
  const started = performance.now()
  const now = new Date()
  const r = await rebuildReadiness(now)
  const groups = await writeSnapshot(now)
  const reminders = await sendReadinessReminders(now)
  console.log(`Readiness rebuilt: ${r.estimates} estimates for ${r.people} people, this week's snapshot for ${groups} group(s), ${reminders} reminder(s) mailed, in ${Math.round(performance.now() - started)} ms.`)
} catch (error) {
  console.error((error as Error).message)
  process.exitCode = 1
} finally {
  await db.$disconnect()
}
