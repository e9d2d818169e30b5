// Online backup while the app writes, and restore into a fresh database that a real server opens.
import { createClient } from '@libsql/client'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { syncContent } from '~/models/content.server'
import { migrate } from '../../app/cli/migrate'
import { backupDatabase, BackupError, restoreDatabase } from '~/utils/backup.server'
import { readContentFiles, readShippedFramework } from '~/utils/content-files.server'
import { db } from '~/utils/db.server'
import { createPerson } from '../factories'
import { testDatabaseKind } from '../setup/databases'

const root = path.resolve(import.meta.dirname, '..', '..')
const TABLES = ['User', 'Lesson', 'LessonVersion', 'Scenario', 'ScenarioVersion', 'Competency', 'OutboxMail']

async function counts(file: string) {
  const client = createClient({ url: `file:${file}` })
  const out: Record<string, number> = {}
  for (const t of TABLES) out[t] = Number((await client.execute(`SELECT COUNT(*) AS n FROM "${t}"`)).rows[0]!.n)
  client.close()
  return out
}

describe.runIf(testDatabaseKind() === 'sqlite')('backup and restore', () => {
  it('backs up while writes go on, and a fresh server opens the restored copy with the same counts', async () => {
    await syncContent(readContentFiles(), readShippedFramework())
    await Promise.all(Array.from({ length: 5 }, () => createPerson()))
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mr-backup-'))
    const backup = path.join(dir, 'backup.db')
    // Writes keep going during the backup; the backup is a consistent snapshot of one moment.
    const writing = Promise.all(
      Array.from({ length: 20 }, (_, i) => db.outboxMail.create({ data: { to: `w${i}@example.com`, subject: 's', text: 't' } })),
    )
    await expect(backupDatabase(process.env.DATABASE_URL!, backup)).resolves.toMatchObject({ file: backup })
    await writing
    await expect(backupDatabase(process.env.DATABASE_URL!, backup)).rejects.toThrow(/already exists/)
    // Readable by the owner only, like the database a migration creates.
    expect(fs.statSync(backup).mode & 0o777).toBe(0o600)
    const fresh = path.join(dir, 'fresh.db')
    await migrate(`file:${fresh}`)
    expect(fs.statSync(fresh).mode & 0o777).toBe(0o600)
    const atBackup = await counts(backup)
    expect(atBackup.Lesson).toBe(19)
    expect(atBackup.Scenario).toBe(59)

    const target = path.join(dir, 'restored', 'mission-ready.db')
    const restored = await restoreDatabase(backup, `file:${target}`)
    expect(fs.statSync(target).mode & 0o777).toBe(0o600)
    expect(restored.migrations).toBeGreaterThanOrEqual(5)
    expect(await counts(target)).toEqual(atBackup)

    // A real server opens it.
    if (fs.existsSync(path.join(root, 'build', 'server', 'index.js'))) {
      const port = await new Promise<number>((resolve) => {
        const srv = net.createServer().listen(0, '127.0.0.1', () => {
          const p = (srv.address() as net.AddressInfo).port
          srv.close(() => resolve(p))
        })
      })
      const child = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), ['app/cli/server.ts'], {
        cwd: root,
        env: {
          PATH: process.env.PATH!,
          HOME: process.env.HOME!,
          NODE_ENV: 'production',
          SESSION_SECRET: 's'.repeat(40),
          LOG_LEVEL: 'info',
          DATABASE_URL: `file:${target}`,
          PORT: String(port),
          APP_URL: `http://localhost:${port}`,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      })
      try {
        await new Promise<void>((resolve, reject) => {
          child.stdout!.on('data', (d) => String(d).includes('"msg":"listening"') && resolve())
          child.on('exit', (code) => reject(new Error(`server exited ${code}`)))
        })
        expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200)
        expect((await fetch(`http://127.0.0.1:${port}/login`)).status).toBe(200)
      } finally {
        // tsx runs the server in a child of its own: stop the whole process group.
        process.kill(-child.pid!, 'SIGKILL')
      }
    }
  })

  it('refuses to restore anything that is not a backup, and leaves the database alone', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mr-restore-'))
    const target = path.join(dir, 'live.db')
    fs.writeFileSync(target, 'the live database')
    const notABackup = path.join(dir, 'notes.txt')
    fs.writeFileSync(notABackup, 'hello')
    await expect(restoreDatabase(notABackup, `file:${target}`)).rejects.toThrow(BackupError)
    await expect(restoreDatabase(path.join(dir, 'missing.db'), `file:${target}`)).rejects.toThrow(/There is no backup/)
    await expect(restoreDatabase(notABackup, 'postgresql://x/y')).rejects.toThrow(BackupError)
    expect(fs.readFileSync(target, 'utf8')).toBe('the live database')
  })
})
