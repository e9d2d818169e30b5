// Generates prisma/postgres/schema.prisma and its migrations from the one source schema
// (prisma/schema.prisma, SQLite). Each SQLite migration gets a PostgreSQL twin of the same name,
// diffed from the previous generated schema, so both databases walk the same history.
//   npm run db:migration -- NAME        after editing prisma/schema.prisma: writes the SQLite
//                                       migration (diffed from the schema at the last migration,
//                                       which the generated PostgreSQL schema records) and its twin
//   npm run db:postgres-schema          write what is missing
//   npm run db:postgres-schema -- --check   exit 1 when the generated files are out of date
// Writing needs a reachable PostgreSQL (the CLI's Wasm engine diffs through a driver adapter):
// POSTGRES_URL, or the throwaway server of `.ci/postgres.sh`. Checking needs none.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { runPrisma } from './prisma'

const root = path.resolve(import.meta.dirname, '..', '..')
const sourcePath = path.join(root, 'prisma', 'schema.prisma')
const pgDir = path.join(root, 'prisma', 'postgres')
const pgSchemaPath = path.join(pgDir, 'schema.prisma')
const sqliteMigrations = path.join(root, 'prisma', 'migrations')
const pgMigrations = path.join(pgDir, 'migrations')

/** The PostgreSQL schema text for a SQLite source schema. */
export function toPostgresSchema(source: string): string {
  const out = source
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('url      = "file:./unused.db"', 'url      = "postgresql://unused"')
    .replace('output     = "../app/generated/sqlite"', 'output     = "../../app/generated/postgres"')
  if (!out.includes('provider = "postgresql"') || !out.includes('../../app/generated/postgres')) {
    throw new Error('prisma/schema.prisma no longer has the lines this script rewrites; update app/cli/postgres-schema.ts')
  }
  return `// GENERATED from prisma/schema.prisma by app/cli/postgres-schema.ts. Do not edit.\n${out}`
}

/** The SQLite source schema that a generated PostgreSQL schema was made from. */
export function fromPostgresSchema(generated: string): string {
  return generated
    .replace(/^\/\/ GENERATED from[^\n]*\n/, '')
    .replace('provider = "postgresql"', 'provider = "sqlite"')
    .replace('url      = "postgresql://unused"', 'url      = "file:./unused.db"')
    .replace('output     = "../../app/generated/postgres"', 'output     = "../app/generated/sqlite"')
}

function postgresUrl(): string {
  if (process.env.POSTGRES_URL) return process.env.POSTGRES_URL
  const out = spawnSync('bash', [path.join(root, '.ci', 'postgres.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
  if (out.status !== 0) throw new Error('Could not start a local PostgreSQL; set POSTGRES_URL.')
  return out.stdout.trim().split('\n').pop()!
}

function diffScript(fromSchema: string | null, toSchema: string, databaseUrl = postgresUrl()): string {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-schema-'))
  const to = path.join(tmp, 'to.prisma')
  fs.writeFileSync(to, toSchema)
  const from = fromSchema === null ? ['--from-empty'] : ['--from-schema-datamodel', path.join(tmp, 'from.prisma')]
  if (fromSchema !== null) fs.writeFileSync(path.join(tmp, 'from.prisma'), fromSchema)
  const result = runPrisma(
    ['migrate', 'diff', ...from, '--to-schema-datamodel', to, '--script'],
    { ...process.env, DATABASE_URL: databaseUrl },
    { capture: true },
  )
  fs.rmSync(tmp, { recursive: true, force: true })
  if (result.status !== 0) throw new Error(`prisma migrate diff failed:\n${result.stderr}`)
  return result.stdout
}

/** Writes a new SQLite migration for the changes made to prisma/schema.prisma since the last one. */
function newMigration(name: string) {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error('Name the migration with lower-case letters, digits and underscores, e.g. add_lessons.')
  const source = fs.readFileSync(sourcePath, 'utf8')
  const previous = fs.existsSync(pgSchemaPath) ? fromPostgresSchema(fs.readFileSync(pgSchemaPath, 'utf8')) : null
  if (previous === source) {
    console.log('prisma/schema.prisma has not changed since the last migration.')
    return
  }
  const scratch = path.join(os.tmpdir(), `migration-scratch-${process.pid}.db`)
  const sql = diffScript(previous, source, `file:${scratch}`)
  fs.rmSync(scratch, { force: true })
  if (/^\s*(--[^\n]*\s*)*$/.test(sql)) {
    console.log('No database change since the last migration.')
    return
  }
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14)
  fs.mkdirSync(path.join(sqliteMigrations, `${stamp}_${name}`), { recursive: true })
  fs.writeFileSync(path.join(sqliteMigrations, `${stamp}_${name}`, 'migration.sql'), sql)
  console.log(`Wrote prisma/migrations/${stamp}_${name}.`)
}

function main() {
  const newIndex = process.argv.indexOf('--new')
  if (newIndex !== -1) newMigration(process.argv[newIndex + 1] ?? '')
  const check = process.argv.includes('--check')
  const wanted = toPostgresSchema(fs.readFileSync(sourcePath, 'utf8'))
  const current = fs.existsSync(pgSchemaPath) ? fs.readFileSync(pgSchemaPath, 'utf8') : null
  const names = fs
    .readdirSync(sqliteMigrations)
    .filter((n) => fs.statSync(path.join(sqliteMigrations, n)).isDirectory())
    .sort()
  const missing = names.filter((n) => !fs.existsSync(path.join(pgMigrations, n, 'migration.sql')))

  if (current === wanted && missing.length === 0) {
    console.log('prisma/postgres is up to date.')
    return
  }
  if (check) {
    console.error('prisma/postgres is out of date: run `npm run db:postgres-schema` and commit the result.')
    process.exit(1)
  }
  if (missing.length > 1 && current !== null) {
    throw new Error(`Several SQLite migrations lack a PostgreSQL twin (${missing.join(', ')}); add them one at a time.`)
  }
  if (current !== wanted && missing.length === 0) {
    // Comments and formatting change no table: the generated schema is simply rewritten.
    if (/^\s*(--[^\n]*\s*)*$/.test(diffScript(current, wanted))) {
      fs.writeFileSync(pgSchemaPath, wanted)
      console.log('Rewrote prisma/postgres/schema.prisma (no database change).')
      return
    }
    throw new Error('prisma/schema.prisma changed without a new SQLite migration: run npm run db:migration -- NAME.')
  }
  fs.mkdirSync(pgMigrations, { recursive: true })
  const name = missing[missing.length - 1]
  const sql = diffScript(current, wanted)
  fs.mkdirSync(path.join(pgMigrations, name), { recursive: true })
  fs.writeFileSync(path.join(pgMigrations, name, 'migration.sql'), sql)
  fs.writeFileSync(
    path.join(pgMigrations, 'migration_lock.toml'),
    '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
  )
  fs.writeFileSync(pgSchemaPath, wanted)
  console.log(`Wrote prisma/postgres/schema.prisma and migrations/${name}.`)
}

main()
