import { PrismaLibSQL } from '@prisma/adapter-libsql'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient as SqliteClient } from '~/generated/sqlite/client'
import { PrismaClient as PostgresClient } from '~/generated/postgres/client'
import { databaseKind } from './database-url'
import { env } from './env.server'

export type { Prisma } from '~/generated/sqlite/client'
/** The app's database client. Both generated clients share one API; SQLite's types stand for both. */
export type Db = SqliteClient
/** The client inside an interactive transaction. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0]

export const SQLITE_BUSY_TIMEOUT_MS = 5000

/** A client for a database URL: libsql for `file:`, pg for `postgres://`. */
export function createDb(url: string): Db {
  if (databaseKind(url) === 'postgres') {
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) }) as unknown as Db
  }
  // WAL is set in the file by app/cli/migrate.ts. The busy timeout is per connection and libsql
  // opens connections as it needs them, so it goes in the client's config (@libsql/client ≥ 0.17,
  // pinned for the adapter by an npm override): writers from other processes wait, not fail.
  return new SqliteClient({ adapter: new PrismaLibSQL({ url, timeout: SQLITE_BUSY_TIMEOUT_MS }) })
}

// One client per process, kept across dev-server reloads.
const globalForDb = globalThis as unknown as { __db?: Db }
export const db: Db = (globalForDb.__db ??= createDb(env().DATABASE_URL))

let resetting: Promise<void> | null = null
/**
 * Drops the client's connections; the next query opens new ones. After a database outage a
 * connection can be left unusable (SQLite: a statement the busy timeout interrupted stays "in
 * progress", so every later commit on it fails), and only a new connection recovers.
 */
export function resetConnections(): Promise<void> {
  resetting ??= db
    .$disconnect()
    .catch(() => undefined)
    .finally(() => (resetting = null))
  return resetting
}
