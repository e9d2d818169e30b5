// Online backup of the SQLite database, while the app runs:
//   npm run db:backup                      → prisma/data/backups/mission-ready-<date-time>.db
//   npm run db:backup -- path/to/file.db
import path from 'node:path'
import { BackupError, backupDatabase } from '~/utils/backup.server'
import { defaultDatabaseUrl } from '~/utils/database-url'

const url = process.env.DATABASE_URL ?? defaultDatabaseUrl
const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)
const destination = process.argv[2] ?? path.join('prisma', 'data', 'backups', `mission-ready-${stamp}.db`)
try {
  const r = await backupDatabase(url, destination)
  console.log(`Backup written: ${r.file} (${Math.round(r.bytes / 1024)} KB).`)
} catch (error) {
  console.error(error instanceof BackupError ? error.message : (error as Error).stack)
  process.exitCode = 1
}
