// React Router behind Express, as @react-router/express does it (the same Request, headers, abort signal and
// streamed Response), except that the body is read first by readBody/checkForm: the router receives a
// buffer already counted and checked.
import type { ServerBuild } from 'react-router'
import { createRequestHandler as createRouterHandler } from 'react-router'
import { writeReadableStreamToWritable } from '@react-router/node'
import type express from 'express'
import { checkForm, readBody } from '~/utils/http-body.server'
import { isSameOrigin, refuse } from '~/utils/http-policy.server'

function headersOf(req: express.Request) {
  const headers = new Headers()
  for (const [key, values] of Object.entries(req.headers)) {
    if (!values) continue
    if (Array.isArray(values)) for (const value of values) headers.append(key, value)
    else headers.set(key, values)
  }
  return headers
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
      // policy is the rule (crossSiteGuard refuses other sites with 403), so a request from an
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
