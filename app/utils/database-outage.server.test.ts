import { describe, expect, it } from 'vitest'
import { isDatabaseUnavailable } from './database-outage.server'

describe('isDatabaseUnavailable', () => {
  it('recognises an unreachable, locked or overloaded database, also as the cause of another error', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('Operation has timed out'), { code: 'P1008' }))).toBe(true)
    expect(isDatabaseUnavailable(new Error('SQLITE_BUSY: database is locked'))).toBe(true)
    expect(isDatabaseUnavailable(Object.assign(new Error('connect failed'), { code: 'ECONNREFUSED' }))).toBe(true)
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: new Error("Can't reach database server at 127.0.0.1:5432") }))).toBe(true)
    expect(isDatabaseUnavailable(Object.assign(new Error('x'), { name: 'PrismaClientInitializationError' }))).toBe(true)
    // As a driver adapter reports it (a DriverAdapterError's cause).
    expect(isDatabaseUnavailable(Object.assign(new Error('SocketTimeout'), { cause: { kind: 'SocketTimeout', originalCode: '5' } }))).toBe(
      true,
    )
    expect(
      isDatabaseUnavailable(
        Object.assign(new Error('postgres'), { cause: { kind: 'postgres', originalMessage: 'the database system is shutting down' } }),
      ),
    ).toBe(true)
  })

  it('leaves bugs and bad data alone: they are not outages', () => {
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false)
    expect(isDatabaseUnavailable(Object.assign(new Error('Unique constraint failed'), { code: 'P2002' }))).toBe(false)
    expect(
      isDatabaseUnavailable(
        Object.assign(new Error('UniqueConstraintViolation'), {
          cause: { kind: 'UniqueConstraintViolation', originalMessage: 'UNIQUE constraint failed: Evidence.id' },
        }),
      ),
    ).toBe(false)
    expect(isDatabaseUnavailable(new Response('Not found', { status: 404 }))).toBe(false)
    expect(isDatabaseUnavailable(null)).toBe(false)
    expect(isDatabaseUnavailable('SQLITE_BUSY')).toBe(false)
  })
})
