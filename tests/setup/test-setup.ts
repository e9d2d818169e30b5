// Runs before each test file: gives the file its own copy of the migrated database, so app modules
// imported by the file connect to it. Any console.error during a test fails that test.
import { afterAll, afterEach, beforeEach, vi } from 'vitest'
import { createTestDatabase } from './databases'

const database = await createTestDatabase()
process.env.DATABASE_URL = database.url
process.env.LOG_LEVEL ??= 'silent'
process.env.APP_URL ??= 'http://localhost:3000'

let consoleError: ReturnType<typeof vi.spyOn>
beforeEach(() => {
  consoleError = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    throw new Error(`console.error was called: ${args.map(String).join(' ')}`)
  })
})
afterEach(() => consoleError.mockRestore())

afterAll(async () => {
  const { db } = await import('~/utils/db.server')
  await db.$disconnect()
  await database.drop()
})
