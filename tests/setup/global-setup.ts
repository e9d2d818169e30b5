import { buildTemplate, testDatabaseKind } from './databases'

export default async function setup() {
  await buildTemplate()
  console.log(`Integration tests run on ${testDatabaseKind() === 'postgres' ? 'PostgreSQL' : 'SQLite'}.`)
}
