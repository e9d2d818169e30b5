// Statements written as SQL for the busiest paths (signing a request in, answering, reading a
// lesson), sent straight to Prisma's driver adapter: the same connections, the same locking and the
// same value formats as the rest of the app, without the client's query engine, which costs several
// times as much as the statement itself (see the README's benchmark). Everything else goes through
// the Prisma client. Statements are `Prisma.sql` templates; both databases share the SQL used here.
// On SQLite the adapter runs one thing at a time: never call these inside a Prisma transaction (use
// viaPrisma(tx) there), nor the Prisma client inside sql.transaction.
import type { Prisma } from '~/generated/sqlite/client'
import { db, driverAdapterOf, type Db, type DriverAdapter, type DriverQuery, type Tx } from './db.server'

/** Runs statements: outside a transaction, inside one, or through a Prisma transaction (viaPrisma). */
export type SqlRunner = {
  /** The rows, with dates as Date and booleans as boolean on both databases, as the Prisma client reads them. */
  query<T>(statement: Prisma.Sql): Promise<T[]>
  /** The number of rows changed. */
  execute(statement: Prisma.Sql): Promise<number>
}

// Prisma's column types (@prisma/driver-adapter-utils ColumnTypeEnum) that need converting.
const INT64 = 1
const BOOLEAN = 5
const DATE = 8
const DATETIME = 10

type Queryable = Pick<DriverAdapter, 'queryRaw' | 'executeRaw'>

function driverQuery(provider: DriverAdapter['provider'], statement: Prisma.Sql): DriverQuery {
  return {
    sql: provider === 'postgres' ? statement.text : statement.sql,
    args: statement.values,
    argTypes: statement.values.map((v) => ({ scalarType: v instanceof Date ? 'datetime' : 'unknown', arity: 'scalar' as const })),
  }
}

async function query<T>(on: Queryable, provider: DriverAdapter['provider'], statement: Prisma.Sql): Promise<T[]> {
  const { columnNames, columnTypes, rows } = await on.queryRaw(driverQuery(provider, statement))
  return rows.map((row) => {
    const record: Record<string, unknown> = {}
    for (let i = 0; i < columnNames.length; i++) {
      const value = row[i]
      const type = columnTypes[i]
      record[columnNames[i]!] =
        value === null || value === undefined
          ? null
          : type === DATETIME || type === DATE
            ? new Date(value as string)
            : type === BOOLEAN
              ? Boolean(value)
              : type === INT64
                ? Number(value)
                : value
    }
    return record as T
  })
}

async function adapterOf(client: Db): Promise<DriverAdapter> {
  const holder = driverAdapterOf(client)
  if (!holder.current) await client.$connect()
  return holder.current!
}

/** Statements through a client's driver adapter (the app's client by default). */
export function sqlOf(client: Db) {
  return {
    async query<T>(statement: Prisma.Sql) {
      const adapter = await adapterOf(client)
      return query<T>(adapter, adapter.provider, statement)
    },
    async execute(statement: Prisma.Sql) {
      const adapter = await adapterOf(client)
      return adapter.executeRaw(driverQuery(adapter.provider, statement))
    },
    /**
     * Runs `fn` in a transaction: committed when it returns, rolled back when it throws. On SQLite
     * the transaction holds the adapter's lock, so `fn` must not use the Prisma client meanwhile.
     */
    async transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
      const adapter = await adapterOf(client)
      const tx = await adapter.startTransaction()
      // PostgreSQL's adapter leaves COMMIT and ROLLBACK to the caller; libsql's sends them itself.
      const end = (word: 'COMMIT' | 'ROLLBACK') =>
        tx.options.usePhantomQuery ? Promise.resolve(0) : tx.executeRaw({ sql: word, args: [], argTypes: [] })
      let result: T
      try {
        result = await fn({
          query: <R>(statement: Prisma.Sql) => query<R>(tx, adapter.provider, statement),
          execute: (statement) => tx.executeRaw(driverQuery(adapter.provider, statement)),
        })
      } catch (error) {
        await end('ROLLBACK').catch(() => undefined)
        await tx.rollback()
        throw error
      }
      try {
        await end('COMMIT')
      } catch (error) {
        await tx.rollback()
        throw error
      }
      await tx.commit()
      return result
    },
  } satisfies SqlRunner & { transaction: unknown }
}

export const sql = sqlOf(db)

/** The same statements through a Prisma client or interactive transaction. */
export function viaPrisma(client: Tx | Db): SqlRunner {
  return { query: (statement) => client.$queryRaw(statement), execute: (statement) => client.$executeRaw(statement) }
}
