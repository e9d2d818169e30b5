// Statements written as SQL for the busiest paths (signing a request in, answering, reading a
// lesson), sent straight to Prisma's driver adapter: the same connections, the same locking and the
// same value formats as the rest of the app, without the client's query engine, which costs several
// times as much as the statement itself (see the README's benchmark). Everything else goes through
// the Prisma client. Statements are `Prisma.sql` templates; both databases share the SQL used here.
// On SQLite the adapter runs one thing at a time: never call these inside a Prisma transaction (use
// viaPrisma(tx) there), nor the Prisma client inside sql.transaction. Rows are typed from the
// generated model types (Pick<Model, ...>), and tables written here name their columns in a
// SqlTable checked against the model type: a column renamed in the schema fails the type check.
import { Prisma } from '~/generated/sqlite/client'
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

/**
 * Every column of a model's table, from the generated model type: a column added to, renamed in or
 * removed from the schema fails the type check where the map is written.
 */
export type ColumnsOf<Row> = { readonly [K in keyof Row]-?: true }

/** A table written with SQL: its columns (checked against the model type) and its conflict target. */
export type SqlTable<Row> = { model: Prisma.ModelName; name: Prisma.Sql; columns: (keyof Row & string)[]; conflict: (keyof Row & string)[] }

const quoted = (name: string) => `"${name}"`

/**
 * A table's columns for statements, checked against its model: `sqlTable<ReadinessEstimate>('ReadinessEstimate',
 * { userId: true, ... }, ['userId', 'competencyId'])`; `conflict` is the primary key or unique index
 * an upsert meets.
 */
export function sqlTable<Row>(model: Prisma.ModelName, columns: ColumnsOf<Row>, conflict: (keyof Row & string)[]): SqlTable<Row> {
  return { model, name: Prisma.raw(quoted(model)), columns: Object.keys(columns) as (keyof Row & string)[], conflict }
}

/** Some of a table's columns, quoted, for a SELECT or RETURNING list; read the rows as Pick<Row, K>. */
export function columnList<Row, K extends keyof Row & string>(_table: SqlTable<Row>, names: readonly K[]): Prisma.Sql {
  return Prisma.raw(names.map(quoted).join(', '))
}

/**
 * `INSERT … ON CONFLICT (conflict target) DO UPDATE SET` every other column written, or `DO NOTHING`
 * (SQLite and PostgreSQL share the syntax). The columns written are those the first row has (a
 * column left out keeps its default, or its value on update); every row must have the same.
 */
export function upsertInto<Row>(
  table: SqlTable<Row>,
  rows: readonly Partial<Row>[],
  onConflict: 'update' | 'nothing' = 'update',
): Prisma.Sql {
  if (rows.length === 0) throw new Error('upsertInto needs at least one row')
  const columns = table.columns.filter((c) => rows[0]![c] !== undefined)
  for (const row of rows) {
    const given = table.columns.filter((c) => row[c] !== undefined)
    if (given.length !== columns.length || given.some((c, i) => c !== columns[i]))
      throw new Error(`upsertInto: every row must give the same columns (${columns.join(', ')})`)
  }
  const updated = columns.filter((c) => !table.conflict.includes(c))
  const action =
    onConflict === 'nothing' || updated.length === 0
      ? Prisma.raw('DO NOTHING')
      : Prisma.raw(`DO UPDATE SET ${updated.map((c) => `${quoted(c)} = excluded.${quoted(c)}`).join(', ')}`)
  return Prisma.sql`INSERT INTO ${table.name} (${Prisma.raw(columns.map(quoted).join(', '))})
    VALUES ${Prisma.join(rows.map((row) => Prisma.sql`(${Prisma.join(columns.map((c) => row[c]))})`))}
    ON CONFLICT (${Prisma.raw(table.conflict.map(quoted).join(', '))}) ${action}`
}

/**
 * Bound values a batch of rows may bring to one statement: under 999, SQLite's limit as Prisma counts
 * it (PostgreSQL allows more), leaving room for the statement's other values.
 */
const MAX_BOUND_VALUES = 900

/** Rows in batches that each bring at most MAX_BOUND_VALUES to a statement, at `valuesPerRow` a row. */
export function inBatches<T>(rows: readonly T[], valuesPerRow: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_BOUND_VALUES / Math.max(1, valuesPerRow)))
  const batches: T[][] = []
  for (let i = 0; i < rows.length; i += size) batches.push(rows.slice(i, i + size))
  return batches
}
