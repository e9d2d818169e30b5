import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * Per-request state shared between the HTTP layer (app/cli/server.ts) and loaders: the request id
 * for logs, and session cookies to add to the response (a session slides forward while a loader
 * reads it). Kept on globalThis because the server and the app build each bundle this module.
 */
export type RequestContext = {
  requestId: string
  ip: string
  setCookies: string[]
  /** For the Content-Security-Policy of this response's scripts. */
  nonce?: string
  /** The signed-in person, read once for all the loaders of a page (app/utils/auth.server.ts). */
  auth?: Promise<unknown>
}

const globalForContext = globalThis as unknown as { __requestContext?: AsyncLocalStorage<RequestContext> }
export const requestContext = (globalForContext.__requestContext ??= new AsyncLocalStorage<RequestContext>())

/** The client's address as the HTTP layer saw it ("unknown" outside a request). */
export function clientIp(): string {
  return requestContext.getStore()?.ip ?? 'unknown'
}

export function currentRequestContext(): RequestContext | undefined {
  return requestContext.getStore()
}
