// React Router behind Express, as @react-router/express does it (the same Request, headers, abort signal and
// streamed Response), except that the body is read first by readBody/checkForm: the router receives a
// buffer already counted and checked.
import type { ServerBuild } from 'react-router'
import { createRequestHandler as createRouterHandler } from 'react-router'
import { writeReadableStreamToWritable } from '@react-router/node'
import type express from 'express'
import { checkForm, readBody } from '~/utils/http-body.server'

function headersOf(req: express.Request) {
  const headers = new Headers()
  for (const [key, values] of Object.entries(req.headers)) {
    if (!values) continue
    if (Array.isArray(values)) for (const value of values) headers.append(key, value)
    else headers.set(key, values)
  }
  return headers
}

function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

// The app's look without its stylesheet (whose hashed name the server does not know): the same
// tokens as app/styles/app.css. The CSP allows inline styles.
const REFUSAL_STYLE =
  '<style>body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b2430;background:#f6f4ef}' +
  'header{background:#08444a;color:#fff;font-weight:700;padding:.7rem 1rem}' +
  'main{max-width:32rem;margin:3rem auto;padding:1.25rem 1.5rem;background:#fff;border:1px solid #d9d5cc;border-radius:10px}h1{font-size:1.5rem;margin:0 0 .5rem}</style>'

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
}

/**
 * An error response as React Router's client reads a `.data` answer (single fetch, turbo-stream): the
 * route's error boundary then shows this status and message, not "Something went wrong" (the
 * client cannot decode plain text). The encoding is the one react-router's server runtime's
 * encodeViaTurboStream writes for `{ error: ErrorResponse }`; server.test.ts decodes it with the
 * client's decoder.
 */
export function singleFetchError(status: number, message: string) {
  return `${JSON.stringify([{ _1: 2 }, 'error', ['ErrorResponse', 3, 4, 5], message, status, STATUS_TEXT[status] ?? ''])}\n`
}

/** A refusal in the form the client asked for: a page for a document request, an error React Router's client shows for `.data`, text otherwise. */
export function refuse(req: express.Request, res: express.Response, status: number, message: string) {
  res.setHeader('Cache-Control', 'no-store')
  if (status === 413) res.setHeader('Connection', 'close')
  if (req.path.endsWith('.data')) {
    res.status(status).type('text/x-script').send(singleFetchError(status, message))
    return
  }
  const wantsPage = (req.get('accept') ?? '').includes('text/html')
  if (wantsPage) {
    const title = status === 413 ? 'Too large' : 'Not accepted'
    res
      .status(status)
      .type('html')
      .send(
        `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title} · Mission Ready</title>${REFUSAL_STYLE}</head>` +
          `<body><header>Mission Ready</header><main role="alert"><h1>${title}</h1><p>${escapeHtml(message)}</p><p>Go back to keep what you wrote, shorten it, and send it again.</p></main></body></html>`,
      )
  } else {
    res.status(status).type('text/plain').send(message)
  }
}

/**
 * The server's origin policy: an address (Origin or Referer) is this app's when its origin is
 * APP_URL's, or its host is the Host the request was sent to.
 */
export function isSameOrigin(address: string | undefined, host: string | undefined, appOrigin: string) {
  if (!address) return false
  try {
    const url = new URL(address)
    return url.origin === appOrigin || url.host === host
  } catch {
    return false
  }
}

export function createRequestHandler({
  build,
  mode,
  appOrigin,
}: {
  build: ServerBuild | (() => Promise<ServerBuild>)
  mode: string
  appOrigin: string
}) {
  const handle = createRouterHandler(build, mode)
  return async (req: express.Request, res: express.Response, next: express.NextFunction) => {
    try {
      const read = await readBody(req)
      if (!read.ok) {
        refuse(req, res, read.status, read.message)
        // Stop the upload: nothing more of it is read. A moment's grace lets the client read the
        // answer before its connection goes.
        if (read.status === 413) res.on('finish', () => setTimeout(() => req.destroy(), 200).unref())
        return
      }
      if (read.body) {
        const bad = checkForm(req.get('content-type'), read.body)
        if (bad) return refuse(req, res, bad.status, bad.message)
      }
      const [, forwardedPort] = req.get('X-Forwarded-Host')?.split(':') ?? []
      const [, hostPort] = req.get('host')?.split(':') ?? []
      const port = [forwardedPort, hostPort].map((p) => Number.parseInt(p ?? '', 10)).find(Number.isSafeInteger) ?? ''
      let url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ''}${req.originalUrl}`)
      let controller: AbortController | null = new AbortController()
      const headers = headersOf(req)
      // React Router refuses an action whose Origin is not the request URL's origin: behind a proxy
      // that sets its own Host and forwards none, every post from APP_URL would fail. The origin
      // policy above is the rule (server.ts refuses other sites with 403), so a request from an
      // origin that policy accepts is addressed to that origin.
      const origin = req.get('origin')
      if (origin && isSameOrigin(origin, req.get('host'), appOrigin)) url = new URL(req.originalUrl, origin)
      const init: RequestInit & { duplex?: 'half' } = { method: req.method, headers, signal: controller.signal }
      if (read.body) init.body = read.body as unknown as BodyInit
      // A post with an empty body, whatever type it claims, reads as an empty form (the route then names what is missing).
      if (read.body?.length === 0) (init.headers as Headers).set('content-type', 'application/x-www-form-urlencoded')
      // Abort loaders and actions once the response can no longer be written (close without finish).
      res.on('finish', () => (controller = null))
      res.on('close', () => controller?.abort())
      const response = await handle(new Request(url.href, init))
      res.statusMessage = response.statusText
      res.status(response.status)
      for (const [key, value] of response.headers.entries()) if (key !== 'cache-control') res.append(key, value)
      // Every page, .data payload and export may carry personal data: no cache keeps any of it
      // (after sign-out, Back must not show the previous person's page).
      res.setHeader('Cache-Control', response.headers.has('set-cookie') || req.get('cookie') ? 'private, no-store' : 'no-store')
      if (response.headers.get('Content-Type')?.match(/text\/event-stream/i)) res.flushHeaders()
      if (response.body) await writeReadableStreamToWritable(response.body, res)
      else res.end()
    } catch (error) {
      // A client that went away mid-answer (a closed tab, a navigation) is not a server error.
      if (res.destroyed || res.writableEnded) return
      next(error)
    }
  }
}
