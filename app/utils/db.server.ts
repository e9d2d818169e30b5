import { PrismaLibSQL } from '@prisma/adapter-libsql'
import type { Client as LibsqlClient } from '@libsql/client'
import Libsql from 'libsql'
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

/** What app/utils/sql.server.ts needs of a Prisma driver adapter (both adapters have it). */
export type DriverAdapter = {
  provider: 'sqlite' | 'postgres'
  queryRaw(query: DriverQuery): Promise<{ columnNames: string[]; columnTypes: number[]; rows: unknown[][] }>
  executeRaw(query: DriverQuery): Promise<number>
  startTransaction(): Promise<DriverTransaction>
  dispose(): Promise<void>
}
export type DriverTransaction = Pick<DriverAdapter, 'queryRaw' | 'executeRaw'> & {
  options: { usePhantomQuery: boolean }
  commit(): Promise<void>
  rollback(): Promise<void>
}
export type DriverQuery = { sql: string; args: unknown[]; argTypes: { scalarType: string; arity: 'scalar' }[] }

/**
 * The adapter a client is connected through (null until it connects, and after it disconnects).
 * Kept on globalThis like the client itself: the server and its build each load this module.
 */
const adapters = ((globalThis as unknown as { __dbAdapters?: WeakMap<Db, { current: DriverAdapter | null }> }).__dbAdapters ??=
  new WeakMap())

export function driverAdapterOf(client: Db) {
  return adapters.get(client)!
}

/** Keeps the adapter each connect gives, so app/utils/sql.server.ts can send statements through it. */
function keep(holder: { current: DriverAdapter | null }, adapter: DriverAdapter) {
  holder.current = adapter
  const dispose = adapter.dispose.bind(adapter)
  adapter.dispose = () => {
    if (holder.current === adapter) holder.current = null
    return dispose()
  }
  return adapter
}

/** Statements a SQLite connection keeps prepared (the app runs about 300 distinct ones). */
export const KEPT_STATEMENTS = 500

/**
 * @libsql/client prepares every statement it runs afresh and throws it away (its `executeStmt`):
 * preparing was 8.9% of the server's CPU on the answer path. Each SQLite connection keeps what it
 * prepared, by SQL text, for the next time (the least recently used go past KEPT_STATEMENTS). A
 * kept statement is reset and its values bound again each time it runs, holds no lock between
 * runs, and SQLite prepares it again by itself after a schema change; it goes with its connection
 * (resetConnections).
 */
function keepPreparedStatements() {
  const proto = Libsql.prototype as Libsql.Database & { keepsStatements?: true }
  if (proto.keepsStatements) return
  proto.keepsStatements = true
  const prepare = proto.prepare
  const kept = new WeakMap<object, Map<string, ReturnType<typeof prepare>>>()
  proto.prepare = function (this: Libsql.Database, source: string) {
    let statements = kept.get(this)
    if (!statements) kept.set(this, (statements = new Map()))
    const statement = statements.get(source)
    if (statement) {
      // Most recently used last.
      statements.delete(source)
      statements.set(source, statement)
      return statement
    }
    const prepared = prepare.call(this, source)
    statements.set(source, prepared)
    if (statements.size > KEPT_STATEMENTS) statements.delete(statements.keys().next().value!)
    return prepared
  } as typeof prepare
}

/**
 * The adapter begins every interactive transaction DEFERRED: it reads from a snapshot and asks for
 * the write lock at its first write. In WAL mode, if another process (the daily CLI, a second server)
 * committed in between, SQLite refuses that write at once with SQLITE_BUSY, without waiting. Taking
 * the write lock at BEGIN (IMMEDIATE) makes the busy timeout apply instead. Within this process
 * the adapter already runs one transaction at a time, so nothing waits longer here.
 */
function beginImmediately(client: LibsqlClient) {
  const transaction = client.transaction.bind(client)
  client.transaction = () => transaction('write')
}

/** A client for a database URL: libsql for `file:`, pg for `postgres://`. */
export function createDb(url: string): Db {
  const holder: { current: DriverAdapter | null } = { current: null }
  let client: Db
  if (databaseKind(url) === 'postgres') {
    class Pg extends PrismaPg {
      override async connect() {
        return keep(holder, (await super.connect()) as unknown as DriverAdapter) as never
      }
    }
    client = new PostgresClient({ adapter: new Pg({ connectionString: url, max: 10 }) }) as unknown as Db
  } else {
    // WAL is set in the file by app/cli/migrate.ts. The busy timeout is per connection and libsql
    // opens connections as it needs them, so it goes in the client's config (@libsql/client ≥ 0.17,
    // pinned for the adapter by an npm override): writers from other processes wait, not fail.
    keepPreparedStatements()
    class LibSQL extends PrismaLibSQL {
      override async connect() {
        const adapter = await super.connect()
        beginImmediately((adapter as unknown as { client: LibsqlClient }).client)
        return keep(holder, adapter as unknown as DriverAdapter) as never
      }
    }
    client = new SqliteClient({ adapter: new LibSQL({ url, timeout: SQLITE_BUSY_TIMEOUT_MS }) })
  }
  adapters.set(client, holder)
  return client
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

/** Resolves when the database answers a trivial query (the health check); rejects when it does not. */
export async function pingDatabase(): Promise<void> {
  await db.$queryRawUnsafe('SELECT 1')
}
