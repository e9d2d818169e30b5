import { PassThrough } from 'node:stream'
import type { AppLoadContext, EntryContext } from 'react-router'
import { isRouteErrorResponse, ServerRouter } from 'react-router'
import { createReadableStreamFromReadable } from '@react-router/node'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { NonceProvider } from '~/components/nonce'
import { log } from '~/utils/logger.server'
import { currentRequestContext } from '~/utils/request-context.server'

// Pending loader promises are rejected after this long, and the render is aborted a second later.
export const streamTimeout = 5000

export function handleError(error: unknown, { request }: { request: Request }) {
  // Aborted requests and expected answers (404 for an unknown URL, a thrown 403) are not errors.
  if (request.signal.aborted || isRouteErrorResponse(error)) return
  log.error('unhandled error', {
    requestId: currentRequestContext()?.requestId,
    url: request.url,
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
  })
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  _loadContext: AppLoadContext,
) {
  const readyEvent = isbot(request.headers.get('user-agent') ?? '') ? 'onAllReady' : 'onShellReady'
  const nonce = currentRequestContext()?.nonce ?? ''
  return new Promise((resolve, reject) => {
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true
          const body = new PassThrough()
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }))
          pipe(body)
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          if (shellRendered) handleError(error, { request })
        },
      },
    )
    setTimeout(abort, streamTimeout + 1000)
  })
}
