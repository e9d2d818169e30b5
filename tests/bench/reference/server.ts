// The reference app's server: Express with compression and the built assets, and React Router's
// request handler as @react-router/express writes it (a Request from Express's request, the
// Response streamed back). `npm run bench` starts it with the app's V8 limits, beside the app.
import compression from 'compression'
import express from 'express'
import path from 'node:path'
import { createReadableStreamFromReadable, writeReadableStreamToWritable } from '@react-router/node'
import { createRequestHandler, type ServerBuild } from 'react-router'

const buildDirectory = path.resolve(import.meta.dirname, '..', '..', '.tmp', 'bench-reference', 'build')
const build = (await import(path.join(buildDirectory, 'server', 'index.js'))) as ServerBuild
const handle = createRequestHandler(build, 'production')

function requestOf(req: express.Request, res: express.Response) {
  const url = new URL(`${req.protocol}://${req.get('host')}${req.originalUrl}`)
  const headers = new Headers()
  for (const [key, values] of Object.entries(req.headers)) {
    if (!values) continue
    if (Array.isArray(values)) for (const value of values) headers.append(key, value)
    else headers.set(key, values)
  }
  const controller = new AbortController()
  res.on('close', () => controller.abort())
  const init: RequestInit & { duplex?: 'half' } = { method: req.method, headers, signal: controller.signal }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    init.body = createReadableStreamFromReadable(req)
    init.duplex = 'half'
  }
  return new Request(url.href, init)
}

const app = express()
app.disable('x-powered-by')
app.use(compression())
app.use('/assets', express.static(path.join(buildDirectory, 'client', 'assets'), { immutable: true, maxAge: '1y' }))
app.all('*', async (req, res, next) => {
  try {
    const response = await handle(requestOf(req, res))
    res.statusMessage = response.statusText
    res.status(response.status)
    for (const [key, value] of response.headers.entries()) res.append(key, value)
    if (response.body) await writeReadableStreamToWritable(response.body, res)
    else res.end()
  } catch (error) {
    next(error)
  }
})

const port = Number(process.env.PORT ?? 3000)
const server = app.listen(port, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ msg: 'listening', port })}\n`))
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)))
