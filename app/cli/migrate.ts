// Applies the SQL migrations in prisma/migrations (SQLite) or prisma/postgres/migrations
// (PostgreSQL) that a database has not had yet, each in its own transaction, and records them in
// `_migrations` with a checksum, refusing to run when an applied migration was edited since.
// Prisma's own `migrate deploy` cannot run on PostgreSQL here: its Wasm engine goes through the pg
// driver adapter, which cannot read the `name` columns of PostgreSQL's catalog.
//   npm run db:migrate            (DATABASE_URL chooses the database)
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { createClient } from '@libsql/client'
import pg from 'pg'
import { databaseKind, defaultDatabaseUrl } from '../utils/database-url'

const root = path.resolve(import.meta.dirname, '..', '..')

type Migration = { name: string; sql: string; checksum: string }

export function readMigrations(kind: 'sqlite' | 'postgres'): Migration[] {
  const dir = kind === 'postgres' ? path.join(root, 'prisma', 'postgres', 'migrations') : path.join(root, 'prisma', 'migrations')
  return fs
    .readdirSync(dir)
    .filter((name) => fs.existsSync(path.join(dir, name, 'migration.sql')))
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8')
      return { name, sql, checksum: crypto.createHash('sha256').update(sql).digest('hex') }
    })
}

function pending(migrations: Migration[], applied: Map<string, string>): Migration[] {
  for (const [name, checksum] of applied) {
    const file = migrations.find((m) => m.name === name)
    if (!file) throw new Error(`Migration ${name} is applied to the database but missing from the repository.`)
    if (file.checksum !== checksum) throw new Error(`Migration ${name} was edited after it was applied; add a new migration instead.`)
  }
  return migrations.filter((m) => !applied.has(m.name))
}

const CREATE_TABLE =
  'CREATE TABLE IF NOT EXISTS "_migrations" ("name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TEXT NOT NULL)'

/** Brings a database up to date; returns the names of the migrations it applied. */
export async function migrate(url: string): Promise<string[]> {
  const kind = databaseKind(url)
  const migrations = readMigrations(kind)
  if (kind === 'sqlite') {
    const file = path.resolve(url.replace(/^file:/, ''))
    fs.mkdirSync(path.dirname(file), { recursive: true })
    // Owner-only from the start (SQLite gives its -wal and -shm files the database file's mode).
    if (!fs.existsSync(file)) fs.writeFileSync(file, '', { mode: 0o600 })
    fs.chmodSync(file, 0o600)
    const client = createClient({ url })
    try {
      await client.execute('PRAGMA journal_mode = WAL')
      await client.execute(CREATE_TABLE)
      const rows = (await client.execute('SELECT "name", "checksum" FROM "_migrations"')).rows
      const todo = pending(migrations, new Map(rows.map((r) => [String(r.name), String(r.checksum)])))
      for (const m of todo) {
        const quote = (v: string) => `'${v.replaceAll("'", "''")}'`
        const record = `INSERT INTO "_migrations" VALUES (${[m.name, m.checksum, new Date().toISOString()].map(quote).join(', ')});`
        try {
          await client.executeMultiple(`BEGIN IMMEDIATE;\n${m.sql}\n;${record}\nCOMMIT;`)
        } catch (error) {
          await client.execute('ROLLBACK').catch(() => {})
          throw new Error(`Migration ${m.name} failed: ${(error as Error).message}`)
        }
      }
      // Fold the WAL into the database file, so a copy of the file alone is complete.
      await client.execute('PRAGMA wal_checkpoint(TRUNCATE)')
      return todo.map((m) => m.name)
    } finally {
      client.close()
    }
  }
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    // One migrator at a time, even with several app processes starting together.
    await client.query('SELECT pg_advisory_lock(727274)')
    await client.query(CREATE_TABLE)
    const { rows } = await client.query<{ name: string; checksum: string }>('SELECT "name", "checksum" FROM "_migrations"')
    const todo = pending(migrations, new Map(rows.map((r) => [r.name, r.checksum])))
    for (const m of todo) {
      try {
        await client.query('BEGIN')
        await client.query(m.sql)
        await client.query('INSERT INTO "_migrations" VALUES ($1, $2, $3)', [m.name, m.checksum, new Date().toISOString()])
        await client.query('COMMIT')
      } catch (error) {
        await client.query('ROLLBACK')
        throw new Error(`Migration ${m.name} failed: ${(error as Error).message}`)
      }
    }
    return todo.map((m) => m.name)
  } finally {
    await client.end()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.DATABASE_URL ?? defaultDatabaseUrl
  try {
    const applied = await migrate(url)
    console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'The database is up to date.')
  } catch (error) {
    console.error((error as Error).message)
    process.exit(1)
  }
}
