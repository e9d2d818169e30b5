import { spawn } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import Libsql from 'libsql'
import { describe, expect, it } from 'vitest'
import { db, KEPT_STATEMENTS } from '~/utils/db.server'
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

  it('a transaction that reads, then writes, is not refused because another process wrote in between', async () => {
    // In WAL mode a deferred transaction reads from a snapshot; if another connection commits before
    // it writes, SQLite refuses the write at once (SQLITE_BUSY, no busy wait). The app's
    // transactions take the write lock when they begin, so the other process waits instead.
    const file = process.env.DATABASE_URL!.replace(/^file:/, '')
    let otherWrote: Promise<void> | null = null
    await db.$transaction(async (tx) => {
      const before = await tx.outboxMail.count()
      otherWrote = new Promise<void>((resolve, reject) => {
        // The other process writes while this transaction is open; it must wait for the commit.
        const child = spawn(
          process.execPath,
          [
            '-e',
            `
            const Database = require('libsql');
            const other = new Database(${JSON.stringify(file)}, { timeout: 5000 });
            other.exec("INSERT INTO OutboxMail (id, \\"to\\", subject, text, createdAt) VALUES ('between', 'c@example.com', 's', 't', 0)");
          `,
          ],
          { stdio: ['ignore', 'ignore', 'inherit'] },
        )
        child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the other process exited with ${code}`))))
      })
      await new Promise((resolve) => setTimeout(resolve, 700))
      await tx.outboxMail.create({ data: { to: 'd@example.com', subject: `after ${before}`, text: 'read, then wrote' } })
    })
    await otherWrote
    expect(await db.outboxMail.count({ where: { id: 'between' } })).toBe(1)
    expect(await db.outboxMail.count({ where: { text: 'read, then wrote' } })).toBe(1)
  })
})

describe.runIf(testDatabaseKind() === 'sqlite')('prepared statements kept by each SQLite connection', () => {
  const open = () => {
    const file = path.join(os.tmpdir(), `kept-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.db`)
    const first = new Libsql(file)
    first.exec('PRAGMA journal_mode = WAL; CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE)')
    return { file, first, second: new Libsql(file) }
  }

  it('prepares a statement once per connection and runs it again after a failed run', async () => {
    await db.$queryRawUnsafe('SELECT 1') // the app's client is what keeps them
    const { first, second } = open()
    const insert = first.prepare('INSERT INTO t (v) VALUES (?)')
    expect(first.prepare('INSERT INTO t (v) VALUES (?)')).toBe(insert)
    expect(second.prepare('INSERT INTO t (v) VALUES (?)')).not.toBe(insert)
    insert.run(['a'])
    expect(() => first.prepare('INSERT INTO t (v) VALUES (?)').run(['a'])).toThrow(/UNIQUE/)
    expect(first.prepare('INSERT INTO t (v) VALUES (?)').run(['b']).changes).toBe(1)
    expect(first.prepare('SELECT v FROM t ORDER BY v').raw(true).all()).toEqual([['a'], ['b']])
  })

  it('holds no lock between runs, sees other connections’ writes, and follows a schema change', () => {
    const { first, second } = open()
    const read = () => first.prepare('SELECT * FROM t ORDER BY id').raw(true).all()
    first.prepare('INSERT INTO t (v) VALUES (?)').run(['a'])
    expect(read()).toEqual([[1, 'a']])
    second.prepare('INSERT INTO t (v) VALUES (?)').run(['b'])
    expect(read()).toEqual([
      [1, 'a'],
      [2, 'b'],
    ])
    // A checkpoint needs every reader gone: a kept statement is not one.
    expect(second.prepare('PRAGMA wal_checkpoint(TRUNCATE)').all()).toEqual([{ busy: 0, log: 0, checkpointed: 0 }])
    second.exec("ALTER TABLE t ADD COLUMN w TEXT DEFAULT 'x'")
    expect(read()).toEqual([
      [1, 'a', 'x'],
      [2, 'b', 'x'],
    ])
  })

  it('keeps at most KEPT_STATEMENTS, dropping the least recently used', () => {
    const { first } = open()
    const oldest = first.prepare('SELECT 0')
    const recent = first.prepare('SELECT 1')
    for (let i = 2; i < KEPT_STATEMENTS; i++) first.prepare(`SELECT ${i}`) // full: KEPT_STATEMENTS kept
    expect(first.prepare('SELECT 0')).toBe(oldest) // used again: now the most recent
    first.prepare(`SELECT ${KEPT_STATEMENTS}`) // one too many: 'SELECT 1' goes
    expect(first.prepare('SELECT 0')).toBe(oldest)
    expect(first.prepare('SELECT 1')).not.toBe(recent)
  })
})
