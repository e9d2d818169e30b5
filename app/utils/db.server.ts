import { PrismaLibSQL } from '@prisma/adapter-libsql'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient as SqliteClient } from '~/generated/sqlite/client'
import { PrismaClient as PostgresClient } from '~/generated/postgres/client'
import { databaseKind } from './database-url'
import { env } from './env.server'

export type { Prisma } from '~/generated/sqlite/client'
/** The app's database client. Both generated clients share one API; SQLite's types stand for both. */
export type Db = SqliteClient

export const SQLITE_BUSY_TIMEOUT_MS = 5000

/** A client for a database URL: libsql for `file:`, pg for `postgres://`. */
export function createDb(url: string): Db {
  if (databaseKind(url) === 'postgres') {
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) }) as unknown as Db
  }
  // libsql opens a fresh connection after each transaction, so the busy timeout goes in the config.
  return new SqliteClient({ adapter: new PrismaLibSQL({ url, timeout: SQLITE_BUSY_TIMEOUT_MS } as { url: string }) })
}

/** Turns on WAL for a SQLite database (it persists in the file); a no-op on PostgreSQL. */
export async function prepareDb(db: Db, url: string) {
  if (databaseKind(url) !== 'sqlite') return
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL')
}

// One client per process, kept across dev-server reloads.
const globalForDb = globalThis as unknown as { __db?: Db }
export const db: Db = (globalForDb.__db ??= createDb(env().DATABASE_URL))
