// Online backup and restore of the SQLite database. A backup is taken with VACUUM INTO: a single,
// consistent, compacted file, written while the app keeps serving (readers and writers go on).
import { createClient } from '@libsql/client'
import fs from 'node:fs'
import path from 'node:path'
import { databaseKind } from './database-url'

export class BackupError extends Error {}

/** The file path of a `file:` URL (relative paths are relative to the working directory). */
export function sqlitePath(url: string) {
  if (databaseKind(url) !== 'sqlite')
    throw new BackupError('Backups made by this command are for SQLite. For PostgreSQL, use pg_dump and pg_restore.')
  return path.resolve(url.slice('file:'.length).split('?')[0]!)
}

/** Writes a consistent copy of the database to `destination` (which must not exist yet). */
export async function backupDatabase(url: string, destination: string) {
  const source = sqlitePath(url)
  if (!fs.existsSync(source)) throw new BackupError(`There is no database at ${source}.`)
  if (fs.existsSync(destination)) throw new BackupError(`${destination} already exists; choose a new file name.`)
  fs.mkdirSync(path.dirname(path.resolve(destination)), { recursive: true })
  const client = createClient({ url: `file:${source}` })
  try {
    // The copy is created owner-only before SQLite writes into it: a backup holds everyone's records.
    fs.writeFileSync(destination, '', { mode: 0o600 })
    await client.execute({ sql: 'VACUUM INTO ?', args: [path.resolve(destination)] })
  } finally {
    client.close()
  }
  fs.chmodSync(destination, 0o600)
  return { file: path.resolve(destination), bytes: fs.statSync(destination).size }
}

/** Checks a backup file: a SQLite database that passes its integrity check and carries the app's migrations. */
export async function checkBackup(file: string) {
  if (!fs.existsSync(file)) throw new BackupError(`There is no backup at ${file}.`)
  const client = createClient({ url: `file:${path.resolve(file)}` })
  try {
    const integrity = await client.execute('PRAGMA integrity_check')
    if (String(integrity.rows[0]?.[0]) !== 'ok')
      throw new BackupError(`${file} fails SQLite's integrity check: ${String(integrity.rows[0]?.[0])}.`)
    const migrations = await client.execute('SELECT COUNT(*) AS n FROM "_migrations"')
    return { migrations: Number(migrations.rows[0]!.n) }
  } catch (error) {
    if (error instanceof BackupError) throw error
    throw new BackupError(`${file} is not a Mission Ready backup (${(error as Error).message.split('\n')[0]}).`)
  } finally {
    client.close()
  }
}

/**
 * Replaces the database with a backup, after checking it. The app must be stopped: the new file is
 * written beside the old one and moved into place in one rename, so a failure leaves the old one.
 */
export async function restoreDatabase(backup: string, url: string) {
  const info = await checkBackup(backup)
  const target = sqlitePath(url)
  fs.mkdirSync(path.dirname(target), { recursive: true })
  const temporary = `${target}.restoring`
  fs.copyFileSync(backup, temporary)
  fs.chmodSync(temporary, 0o600)
  for (const suffix of ['-wal', '-shm']) fs.rmSync(target + suffix, { force: true })
  fs.renameSync(temporary, target)
  return { file: target, migrations: info.migrations }
}
