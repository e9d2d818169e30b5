import { pingDatabase } from '~/utils/db.server'
import { log } from '~/utils/logger.server'

/** 200 when the database answers, 503 when it does not. */
export async function loader() {
  try {
    await pingDatabase()
    return new Response('ok', { status: 200, headers: { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' } })
  } catch (error) {
    log.error('health check failed', { error: (error as Error).message })
    return new Response('database unreachable', { status: 503, headers: { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' } })
  }
}
