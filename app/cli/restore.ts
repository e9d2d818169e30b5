// Restores the SQLite database from a backup. Stop the app first.
//   npm run db:restore -- prisma/data/backups/mission-ready-<date-time>.db
import { BackupError, restoreDatabase } from '~/utils/backup.server'
import { defaultDatabaseUrl } from '~/utils/database-url'

const url = process.env.DATABASE_URL ?? defaultDatabaseUrl
const backup = process.argv[2]
if (!backup) {
  console.error('Name the backup to restore: npm run db:restore -- path/to/backup.db')
  process.exit(1)
}
try {
  const r = await restoreDatabase(backup, url)
  console.log(
    `Restored ${backup} into ${r.file} (${r.migrations} migrations applied in it). Start the app again; run npm run db:migrate first if it is newer than the backup.`,
  )
} catch (error) {
  console.error(error instanceof BackupError ? `${error.message}\nNothing was changed.` : (error as Error).stack)
  process.exitCode = 1
}
