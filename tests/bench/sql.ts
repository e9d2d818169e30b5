// Raw SQL for the benchmark's own setup and checks, on SQLite (libsql) or PostgreSQL (pg) as the URL
// says: statements are written with `?` placeholders, numbered for PostgreSQL.
import { createClient } from '@libsql/client'
import pg from 'pg'
import { databaseKind } from '../../app/utils/database-url'

export type Row = Record<string, unknown>
export type Statement = { sql: string; args?: unknown[] }
export type Database = {
  kind: 'sqlite' | 'postgres'
  rows: (sql: string, args?: unknown[]) => Promise<Row[]>
  /** The statements in one transaction. */
  batch: (statements: Statement[]) => Promise<void>
  close: () => Promise<void>
}

const numbered = (sql: string) => {
  let n = 0
  return sql.replace(/\?/g, () => `$${++n}`)
}

export async function openDatabase(url: string): Promise<Database> {
  if (databaseKind(url) === 'sqlite') {
    const client = createClient({ url })
    return {
      kind: 'sqlite',
      rows: async (sql, args = []) => (await client.execute({ sql, args: args as never[] })).rows as unknown as Row[],
      batch: async (statements) => {
        await client.batch(
          statements.map((s) => ({ sql: s.sql, args: (s.args ?? []) as never[] })),
          'write',
        )
      },
      close: async () => client.close(),
    }
  }
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  return {
    kind: 'postgres',
    rows: async (sql, args = []) => (await client.query(numbered(sql), args)).rows as Row[],
    batch: async (statements) => {
      await client.query('BEGIN')
      try {
        for (const s of statements) await client.query(numbered(s.sql), s.args ?? [])
        await client.query('COMMIT')
      } catch (error) {
        await client.query('ROLLBACK')
        throw error
      }
    },
    close: () => client.end(),
  }
}

/**
 * A PostgreSQL database of the benchmark's own on the server of `serverUrl`, its URL: created afresh,
 * or with `keep` the one a previous run left (created empty if there is none).
 */
export async function postgresDatabase(serverUrl: string, name: string, { keep = false } = {}) {
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  try {
    if (!keep) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount! > 0
    if (!exists) await admin.query(`CREATE DATABASE "${name}"`)
  } finally {
    await admin.end()
  }
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return url.href
}
