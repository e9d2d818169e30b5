// The HTTP server: the production build (or Vite in development) behind Express, with one
// structured log line per request, a request id, the security policy of app/utils/http-policy.server.ts
// (headers, body size limit, cross-site check), and cached static assets.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { ServerBuild } from 'react-router'
import compression from 'compression'
import express from 'express'
import { createRequestHandler } from '~/utils/http-handler.server'
import { bodySizeGuard, crossSiteGuard, setSecurityHeaders } from '~/utils/http-policy.server'
import { withDatabaseOutagePages } from '~/utils/database-outage.server'
import { withDomainErrorResponses } from '~/utils/domain-errors.server'
import { parseEnv } from '~/utils/env.server'
import { log, redactTokens } from '~/utils/logger.server'
import { ssoFormOrigins, warmSsoDiscovery } from '~/utils/oidc.server'
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

const appOrigin = new URL(settings.APP_URL).origin
const hsts = settings.APP_URL.startsWith('https://')

const app = express()
app.disable('x-powered-by')
app.set('trust proxy', settings.TRUST_PROXY)

let nextDiscovery = 0
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
  // The provider's metadata names its authorisation endpoint for the form-action; a discovery that
  // failed (provider down at start-up) is tried again, at most once a minute.
  if (Date.now() >= nextDiscovery) {
    nextDiscovery = Date.now() + 60_000
    void warmSsoDiscovery()
  }
  // Vite's dev server injects inline scripts, so development runs without the policy.
  if (!dev) setSecurityHeaders(res, { nonce, hsts, formOrigins: ssoFormOrigins() })
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

app.use(bodySizeGuard())
app.use(crossSiteGuard(appOrigin))

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
  ? () =>
      (viteDevServer.ssrLoadModule('virtual:react-router/server-build') as Promise<ServerBuild>).then((b) =>
        withDatabaseOutagePages(withDomainErrorResponses(b)),
      )
  : withDatabaseOutagePages(withDomainErrorResponses((await import(path.join(root, 'build/server/index.js'))) as ServerBuild))

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

// Recurring work (readiness at today's date, reminders, pruning), once per slot across every
// process on the database; `SCHEDULER=off` leaves it to `npm run daily` from cron.
let stopScheduler: (() => Promise<void>) | undefined

const server = app.listen(settings.PORT, async () => {
  log.info('listening', { url: settings.APP_URL, port: settings.PORT, mode: settings.NODE_ENV })
  if (settings.SCHEDULER === 'on') {
    const { startScheduler } = await import('~/models/jobs.server')
    stopScheduler = startScheduler({ intervalMs: settings.SCHEDULER_INTERVAL_SECONDS * 1000 })
  }
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
    server.close(() => void (stopScheduler?.() ?? Promise.resolve()).finally(() => process.exit(0)))
    setTimeout(() => process.exit(0), 5000).unref()
  })
}
