import { PassThrough } from 'node:stream'
import type { AppLoadContext, EntryContext } from '@remix-run/node'
import { createReadableStreamFromReadable } from '@remix-run/node'
import { isRouteErrorResponse, RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { NonceProvider } from '~/components/nonce'
import { log } from '~/utils/logger.server'
import { currentRequestContext } from '~/utils/request-context.server'

const ABORT_DELAY_MS = 5000

export function handleError(error: unknown, { request }: { request: Request }) {
  // Aborted requests and expected answers (404 for an unknown URL, a thrown 403) are not errors.
  if (request.signal.aborted || isRouteErrorResponse(error)) return
  log.error('unhandled error', {
    requestId: currentRequestContext()?.requestId,
    url: request.url,
    error: error instanceof Error ? error.stack ?? error.message : String(error),
  })
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  _loadContext: AppLoadContext,
) {
  const readyEvent = isbot(request.headers.get('user-agent') ?? '') ? 'onAllReady' : 'onShellReady'
  const nonce = currentRequestContext()?.nonce ?? ''
  return new Promise((resolve, reject) => {
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY_MS} nonce={nonce} />
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
    setTimeout(abort, ABORT_DELAY_MS)
  })
}
