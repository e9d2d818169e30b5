// "The database is away" (locked past the busy timeout, refusing connections, restarting) is not a
// bug in a page: every loader and action answers it with a 503 page and a Retry-After, and the next
// request tries the database again, so the app recovers by itself when the database is back.
import type { ServerBuild } from 'react-router'
import { resetConnections } from './db.server'
import { log } from './logger.server'

// Prisma's codes for an unreachable or overloaded database: can't reach, timed out, connection
// closed, no connection from the pool in time, transaction could not start in time.
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028'])
// The same, as the driver adapters report it to statements sent straight to them (app/utils/sql.server.ts).
const ADAPTER_KINDS = new Set(['SocketTimeout', 'DatabaseNotReachable', 'ConnectionClosed', 'TooManyConnections'])
const MESSAGES =
  /SQLITE_BUSY|database is locked|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|Connection terminated|timeout exceeded when trying to connect|Can't reach database server|the database system is (starting up|shutting down)|terminating connection/i

/** True when an error (or its cause) says the database cannot be reached or used right now. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    if (typeof e !== 'object') return false
    const { code, message, cause, name, kind, originalMessage } = e as Record<string, unknown>
    if (name === 'PrismaClientInitializationError') return true
    if (typeof kind === 'string' && ADAPTER_KINDS.has(kind)) return true
    if (typeof originalMessage === 'string' && MESSAGES.test(originalMessage)) return true
    if (typeof code === 'string' && (PRISMA_CODES.has(code) || /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|SQLITE_BUSY)$/.test(code)))
      return true
    if (typeof message === 'string' && MESSAGES.test(message)) return true
    e = cause
  }
  return false
}

export function databaseUnavailable(): Response {
  return new Response('The service cannot reach its database. Try again in a minute.', {
    status: 503,
    headers: { 'Retry-After': '10', 'Cache-Control': 'no-store' },
  })
}

type Handler = (args: never) => unknown

function guard<T extends Handler | undefined>(routeId: string, handler: T): T {
  if (!handler) return handler
  return (async (args: never) => {
    try {
      return await handler(args)
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error
      log.error('database unavailable', { route: routeId, error: (error as Error).message?.slice(0, 300) })
      await resetConnections()
      throw databaseUnavailable()
    }
  }) as T
}

/** The build with every loader and action answering a database outage with a 503. */
export function withDatabaseOutagePages(build: ServerBuild): ServerBuild {
  const routes = Object.fromEntries(
    Object.entries(build.routes).flatMap(([id, route]) => {
      if (!route) return []
      const module = { ...route.module }
      if (module.loader) module.loader = guard(id, module.loader)
      if (module.action) module.action = guard(id, module.action)
      return [[id, { ...route, module }]]
    }),
  )
  return { ...build, routes }
}
