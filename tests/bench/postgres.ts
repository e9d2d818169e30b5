// The answer path on PostgreSQL, for `npm run bench` (tests/bench/bench.ts runs it in a process of its
// own, as the sessions it creates go through the app's database client, one per process):
//   DATABASE_URL=postgres://…/mission_ready_bench BENCH_OUT=….json tsx tests/bench/postgres.ts
// on a database tests/bench/loader.ts has seeded, with the production build in build/.
import fs from 'node:fs'
import { answersBench } from './http'

const figures = await answersBench(process.env.DATABASE_URL!, (s) => process.stdout.write(`  [PostgreSQL] ${s}\n`))
fs.writeFileSync(process.env.BENCH_OUT!, `${JSON.stringify(figures, null, 2)}\n`)
const { db } = await import('~/utils/db.server')
await db.$disconnect()
