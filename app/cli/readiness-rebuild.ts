// Recomputes every readiness estimate from the evidence, at today's date:
//   npm run readiness:rebuild        (after changing the settings; the daily job runs it too)
import { rebuildReadiness } from '~/models/readiness.server'
import { db } from '~/utils/db.server'

try {
  const started = performance.now()
  const r = await rebuildReadiness(new Date())
  console.log(`Readiness rebuilt: ${r.estimates} estimates for ${r.people} people in ${Math.round(performance.now() - started)} ms.`)
} catch (error) {
  console.error((error as Error).message)
  process.exitCode = 1
} finally {
  await db.$disconnect()
}
