// The HTTP server: the production build (or Vite in development) behind Express, with one
// structured log line per request, a request id, a body size limit, and cached static assets.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { ServerBuild } from 'react-router'
import compression from 'compression'
import express from 'express'
import { MAX_BODY_BYTES, TOO_LARGE_MESSAGE } from '~/utils/body-limit'
import { createRequestHandler, isSameOrigin, refuse } from '~/utils/http-handler.server'
import { withDatabaseOutagePages } from '~/utils/database-outage.server'
import { parseEnv } from '~/utils/env.server'
import { log, redactTokens } from '~/utils/logger.server'
import { requestContext } from '~/utils/request-context.server'

let settings: ReturnType<typeof parseEnv>
try {
  settings = parseEnv(process.env)
} catch (error) {
  console.error(`Mission Ready cannot start.\n${(error as Error).message}`)
  process.exit(1)
}

const root = path.resolve(import.meta.dirname, '..', '..')
const dev = settings.NODE_ENV === 'development'

const viteDevServer = dev ? await import('vite').then((vite) => vite.createServer({ root, server: { middlewareMode: true } })) : undefined

const hsts = settings.APP_URL.startsWith('https://')

/**
 * Security headers on every response. Scripts run only from this origin or with this response's
 * nonce: no inline scripts otherwise. 'unsafe-eval' is the trade-off of mdx-bundler, which turns a
 * lesson's compiled (validated) code into a component with `new Function`; pages reached by
 * client-side navigation keep the first page's policy, so every page carries it. Inline style
 * attributes (progress bars) need 'unsafe-inline' for styles only. (Vite's dev server injects
 * inline scripts, so development runs without the policy.)
 */
function setSecurityHeaders(res: express.Response, nonce: string) {
  res.setHeader(
    'Content-Security-Policy',
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}' 'unsafe-eval'`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '),
  )
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('X-Frame-Options', 'DENY')
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin')
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()')
  if (hsts) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
}

const app = express()
app.disable('x-powered-by')
app.set('trust proxy', settings.TRUST_PROXY)

app.use((req, res, next) => {
  const started = process.hrtime.bigint()
  const requestId = (req.get('x-request-id') ?? '').slice(0, 64) || crypto.randomUUID()
  res.setHeader('X-Request-Id', requestId)
  res.on('finish', () => {
    // Hashed assets are not logged (req.path is relative to the /assets mount by now).
    if (req.originalUrl.startsWith('/assets/')) return
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : ''
    log.info('request', {
      requestId,
      method: req.method,
      path: redactTokens(req.path),
      ...(query ? { query: redactTokens(query) } : {}),
      status: res.statusCode,
      durationMs: Math.round(durationMs * 10) / 10,
    })
  })
  const nonce = crypto.randomBytes(16).toString('base64')
  if (!dev) setSecurityHeaders(res, nonce)
  const context = { requestId, ip: req.ip ?? 'unknown', setCookies: [] as string[], nonce }
  // A session refreshed by a loader goes out with the response, unless the route set the cookie itself.
  const writeHead = res.writeHead
  res.writeHead = function (this: typeof res, ...args: Parameters<typeof res.writeHead>) {
    const existing = String(res.getHeader('Set-Cookie') ?? '')
    if (context.setCookies.length > 0 && !existing.includes('mr_session=')) res.appendHeader('Set-Cookie', context.setCookies)
    return writeHead.apply(this, args)
  } as typeof res.writeHead
  requestContext.run(context, next)
})

app.use((req, res, next) => {
  const length = Number(req.get('content-length') ?? 0)
  if (length > MAX_BODY_BYTES) {
    refuse(req, res, 413, TOO_LARGE_MESSAGE)
    res.on('finish', () => setTimeout(() => req.destroy(), 200).unref())
    return
  }
  next()
})

// Cross-site form posts: a state-changing request whose Origin is neither the configured address
// nor the host it was sent to is refused (SameSite=Lax cookies are the first line).
const appOrigin = new URL(settings.APP_URL).origin
// Without an Origin (older browsers, some privacy tools), the browser's Sec-Fetch-Site or a
// same-site Referer must say the form came from here; a request with none of them is refused.
const sameSite = (address: string | undefined, req: express.Request) => isSameOrigin(address, req.get('host'), appOrigin)
app.use((req, res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD') return next()
  const origin = req.get('origin')
  const fetchSite = req.get('sec-fetch-site')
  const allowed = origin ? sameSite(origin, req) : fetchSite === 'same-origin' || fetchSite === 'none' || sameSite(req.get('referer'), req)
  if (allowed) return next()
  res.status(403).type('text/plain').send('Cross-site request refused: this form must be sent from Mission Ready itself.')
})

app.use(compression())

if (viteDevServer) {
  app.use(viteDevServer.middlewares)
} else {
  app.use('/assets', express.static(path.join(root, 'build/client/assets'), { immutable: true, maxAge: '1y' }))
  // The other public files (favicon, README images): only paths under them go to the file system,
  // so a page request does not cost a failed stat.
  const client = path.join(root, 'build/client')
  const entries = new Set(fs.readdirSync(client).filter((entry) => entry !== 'assets'))
  const serveClient = express.static(client, { maxAge: '1h' })
  app.use((req, res, next) => (entries.has(req.path.split('/')[1]!) ? serveClient(req, res, next) : next()))
}

const build = viteDevServer
  ? () => (viteDevServer.ssrLoadModule('virtual:react-router/server-build') as Promise<ServerBuild>).then(withDatabaseOutagePages)
  : withDatabaseOutagePages((await import(path.join(root, 'build/server/index.js'))) as ServerBuild)

app.all('*', createRequestHandler({ build, mode: settings.NODE_ENV, appOrigin }))

// Versions published before compiled code was stored with them get it now, before the first
// request: learners' pages never compile. Usually there is none and this is one query each for
// lessons and scenarios; a database that cannot be reached yet does not stop the server starting.
try {
  const { backfillCompiledCode } = await import('~/models/compiled-content.server')
  const backfilled = await backfillCompiledCode()
  if (backfilled.compiled + backfilled.failed > 0) log.info('compiled code backfilled', backfilled)
} catch (error) {
  log.error('compiled code backfill failed', { message: (error as Error).message })
}

const server = app.listen(settings.PORT, () => {
  log.info('listening', { url: settings.APP_URL, port: settings.PORT, mode: settings.NODE_ENV })
})
server.on('error', (error: NodeJS.ErrnoException) => {
  console.error(
    error.code === 'EADDRINUSE'
      ? `Mission Ready cannot start: port ${settings.PORT} is in use. Stop the other server or set PORT to a free port.`
      : `Mission Ready cannot start: ${error.message}`,
  )
  process.exit(1)
})

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0))
    setTimeout(() => process.exit(0), 5000).unref()
  })
}
