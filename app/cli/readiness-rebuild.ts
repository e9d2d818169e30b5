// Recomputes every readiness estimate from the evidence, at today's date (so decay is applied):
//   npm run readiness:rebuild        (run it daily, and after changing the readiness settings)
import { rebuildReadiness } from '~/models/readiness.server'
import { db } from '~/utils/db.server'

try {
  const started = performance.now()
  const r = await rebuildReadiness()
  console.log(`Readiness rebuilt: ${r.estimates} estimates for ${r.people} people in ${Math.round(performance.now() - started)} ms.`)
} catch (error) {
  console.error((error as Error).message)
  process.exitCode = 1
} finally {
  await db.$disconnect()
}
