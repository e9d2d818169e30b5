// Syncs content/ into the database (idempotent: by slug and content hash, keeping versions).
//   npm run content:sync        (DATABASE_URL chooses the database)
import { ContentSyncError, syncContent } from '~/models/content.server'
import { readContentFiles, readShippedFramework } from '~/utils/content-files.server'
import { db } from '~/utils/db.server'

try {
  const s = await syncContent(readContentFiles(), readShippedFramework())
  console.log(
    `Content synced: ${s.modules} modules, ${s.lessonsCreated} new lessons, ${s.versionsAdded} new versions, ${s.unchanged} unchanged, ${s.paths} new path(s), ${s.competencies} competencies; scenarios: ${s.scenariosCreated} new, ${s.scenarioVersionsAdded} new versions, ${s.scenariosUnchanged} unchanged; quizzes: ${s.quizVersionsAdded} new versions, ${s.quizzesUnchanged} unchanged.`,
  )
  if (s.quizzesKept.length > 0)
    console.log(
      `Kept as edited in the app (content/quizzes not applied): ${s.quizzesKept.join(', ')}. Their history is under Content → Quizzes.`,
    )
} catch (error) {
  console.error(error instanceof ContentSyncError ? `${error.message}\nNothing was changed.` : (error as Error).message)
  process.exitCode = 1
} finally {
  await db.$disconnect()
}
