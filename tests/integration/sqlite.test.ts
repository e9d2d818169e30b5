import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { db } from '~/utils/db.server'
import { testDatabaseKind } from '../setup/databases'

describe.runIf(testDatabaseKind() === 'sqlite')('SQLite settings', () => {
  it('runs in WAL mode', async () => {
    const rows = await db.$queryRawUnsafe<{ journal_mode: string }[]>('PRAGMA journal_mode')
    expect(rows[0]!.journal_mode).toBe('wal')
  })

  it('waits for a write lock held by another process instead of failing at once', async () => {
    const file = process.env.DATABASE_URL!.replace(/^file:/, '')
    // Another process takes the write lock, holds it for 700 ms, then commits.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `
      const Database = require('libsql');
      const other = new Database(${JSON.stringify(file)});
      other.exec('BEGIN IMMEDIATE');
      other.exec("INSERT INTO OutboxMail (id, \\"to\\", subject, text, createdAt) VALUES ('held', 'a@example.com', 's', 't', 0)");
      process.stdout.write('locked\\n');
      setTimeout(() => { other.exec('COMMIT'); process.exit(0) }, 700);
    `,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()))
    const started = Date.now()
    await db.outboxMail.create({ data: { to: 'b@example.com', subject: 'after the lock', text: 'waited' } })
    expect(Date.now() - started).toBeGreaterThanOrEqual(300)
    expect(await db.outboxMail.count()).toBe(2)
  })
})
