// Test databases: a migrated template made once per run, copied for each test file, so every file
// starts from the same empty, migrated database without running migrations again.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { migrate } from '../../app/cli/migrate'

export const root = path.resolve(import.meta.dirname, '..', '..')
export const tmpDir = path.join(root, 'tests', '.tmp')
export const sqliteTemplate = path.join(tmpDir, 'template.db')
export const PG_TEMPLATE = process.env.PG_TEMPLATE ?? 'mission_ready_template'

export function testDatabaseKind(): 'sqlite' | 'postgres' {
  return process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite'
}

export function postgresUrl(database?: string): string {
  const base = process.env.TEST_POSTGRES_URL
  if (!base)
    throw new Error('TEST_DATABASE=postgres needs TEST_POSTGRES_URL (a server URL, e.g. postgresql://postgres@127.0.0.1:54329/postgres).')
  if (!database) return base
  const url = new URL(base)
  url.pathname = `/${database}`
  return url.toString()
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl() })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/** Builds the migrated template once per test run. */
export async function buildTemplate() {
  fs.mkdirSync(tmpDir, { recursive: true })
  if (testDatabaseKind() === 'sqlite') {
    // The previous run's databases go; the benchmark's stays (BENCH_REUSE=1 times it again).
    for (const f of fs.readdirSync(tmpDir))
      if ((f.endsWith('.db') || f.includes('.db-')) && !f.startsWith('bench.')) fs.rmSync(path.join(tmpDir, f), { force: true })
    await migrate(`file:${sqliteTemplate}`)
    return
  }
  await withAdmin(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${PG_TEMPLATE} WITH (FORCE)`)
    await client.query(`CREATE DATABASE ${PG_TEMPLATE}`)
  })
  await migrate(postgresUrl(PG_TEMPLATE))
}

/** A fresh database for one test file; returns its URL and a function that removes it. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const id = crypto.randomBytes(6).toString('hex')
  if (testDatabaseKind() === 'sqlite') {
    const file = path.join(tmpDir, `test-${id}.db`)
    fs.copyFileSync(sqliteTemplate, file)
    return {
      url: `file:${file}`,
      drop: async () => {
        for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
      },
    }
  }
  const name = `mission_ready_test_${id}`
  await withAdmin((client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${PG_TEMPLATE}`))
  return {
    url: postgresUrl(name),
    drop: () => withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  }
}
