// Prisma CLI configuration. The CLI runs its WebAssembly schema engine through a driver adapter,
// so nothing is downloaded: SQLite through libsql, PostgreSQL through pg, chosen by DATABASE_URL.
// Run the CLI through `tsx app/cli/prisma.ts` (npm scripts do), which sets the engine placeholders.
// Migrations are applied by app/cli/migrate.ts; the CLI generates clients and diffs schemas.
import path from 'node:path'
import { defineConfig } from 'prisma/config'
import { PrismaLibSQL } from '@prisma/adapter-libsql'
import { PrismaPg } from '@prisma/adapter-pg'
import { databaseKind, defaultDatabaseUrl } from './app/utils/database-url'

const url = process.env.DATABASE_URL ?? defaultDatabaseUrl
const kind = databaseKind(url)

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: kind === 'postgres' ? path.join('prisma', 'postgres', 'schema.prisma') : path.join('prisma', 'schema.prisma'),
  migrations: {
    path: kind === 'postgres' ? path.join('prisma', 'postgres', 'migrations') : path.join('prisma', 'migrations'),
  },
  async adapter() {
    return kind === 'postgres' ? new PrismaPg({ connectionString: url }) : new PrismaLibSQL({ url })
  },
})
