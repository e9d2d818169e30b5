// The real HTTP server (production build) in a child process: start-up checks, health, logs,
// request limits and the cross-site check. Needs `npm run build` first (npm test builds).
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SERVER_NODE_FLAGS } from '../../app/cli/server-flags'
import { db } from '~/utils/db.server'
import { testDatabaseKind } from '../setup/databases'
import { freePort, hasBuild, root, startServer, type ServerProcess } from '../setup/server-process'

if (!hasBuild()) console.warn('server.test.ts: no production build, skipped; run `npm run build` (npm test does).')

const servers: ServerProcess[] = []
afterEach(() => servers.splice(0).forEach((s) => s.kill()))

function start(env: Record<string, string>) {
  const server = startServer(env)
  servers.push(server)
  return server
}

it('npm start runs the server under the supervisor', () => {
  const { scripts } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  expect(scripts.start).toContain('app/cli/supervise.ts')
})

describe.runIf(hasBuild() && testDatabaseKind() === 'sqlite')('the supervisor', () => {
  it('starts the server with the V8 limits and starts it again after it is killed', async () => {
    const port = await freePort()
    const supervisor = startServer(
      { DATABASE_URL: process.env.DATABASE_URL!, PORT: String(port), APP_URL: `http://localhost:${port}` },
      { supervised: true },
    )
    servers.push(supervisor)
    await supervisor.listening
    const pids = () => [...supervisor.out.stdout.matchAll(/"msg":"server started","pid":(\d+)/g)].map((m) => Number(m[1]))
    const [first] = pids()
    expect(fs.readFileSync(`/proc/${first}/cmdline`, 'utf8').split('\0')).toEqual(
      expect.arrayContaining([...SERVER_NODE_FLAGS, 'app/cli/server.ts']),
    )
    process.kill(first!, 'SIGKILL')
    await expect.poll(() => pids().length, { timeout: 15_000 }).toBe(2)
    await expect
      .poll(async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.status, { timeout: 20_000 })
      .toBe(200)
    expect(supervisor.out.stderr).toMatch(/"msg":"server exited; restarting".*"signal":"SIGKILL"/)
  })
})

describe.runIf(hasBuild() && testDatabaseKind() === 'sqlite')('the HTTP server', () => {
  it('refuses to start in production without a session secret, naming the setting', async () => {
    const { exited, out } = start({ SESSION_SECRET: '', PORT: String(await freePort()) })
    expect(await exited).toBe(1)
    expect(out.stderr).toMatch(/SESSION_SECRET: is required in production/)
  })

  it('refuses to start with a malformed database URL or SMTP URL', async () => {
    const bad = start({ DATABASE_URL: 'mysql://db/x', SMTP_URL: 'not a url', PORT: String(await freePort()) })
    expect(await bad.exited).toBe(1)
    expect(bad.out.stderr).toMatch(/DATABASE_URL/)
    expect(bad.out.stderr).toMatch(/SMTP_URL/)
  })

  it('believes X-Forwarded-For only from the proxies TRUST_PROXY names', async () => {
    const failedFrom = async (trust: string, email: string) => {
      const port = await freePort()
      const server = start({
        DATABASE_URL: process.env.DATABASE_URL!,
        PORT: String(port),
        APP_URL: `http://localhost:${port}`,
        TRUST_PROXY: trust,
      })
      await server.listening
      const res = await fetch(`http://127.0.0.1:${port}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          Origin: `http://127.0.0.1:${port}`,
          'Content-Type': 'application/x-www-form-urlencoded',
          'X-Forwarded-For': '203.0.113.9',
        },
        body: new URLSearchParams({ email, password: 'wrong-password-here' }).toString(),
      })
      expect(res.status, server.out.stderr).toBe(400)
      server.kill()
      return (await db.loginAttempt.findFirstOrThrow({ where: { email } })).ip
    }
    expect(await failedFrom('loopback', 'behind-proxy@example.com')).toBe('203.0.113.9')
    expect(await failedFrom('false', 'no-proxy@example.com')).toMatch(/127\.0\.0\.1/)
  })

  it('answers /healthz 200, logs one JSON line per request, limits bodies and refuses cross-site posts', async () => {
    const port = await freePort()
    const server = start({ DATABASE_URL: process.env.DATABASE_URL!, PORT: String(port), APP_URL: `http://localhost:${port}` })
    await server.listening
    const base = `http://127.0.0.1:${port}`

    const health = await fetch(`${base}/healthz`, { headers: { 'X-Request-Id': 'health-check-1' } })
    expect(health.status).toBe(200)
    expect(health.headers.get('x-request-id')).toBe('health-check-1')
    // The line is written when the response finishes; on a busy machine it can take a moment to arrive.
    const logged = () => server.out.stdout.split('\n').find((l) => l.includes('health-check-1'))
    for (let waited = 0; !logged() && waited < 5000; waited += 50) await new Promise((r) => setTimeout(r, 50))
    const line = logged()!
    expect(JSON.parse(line)).toMatchObject({
      level: 'info',
      msg: 'request',
      method: 'GET',
      path: '/healthz',
      status: 200,
      requestId: 'health-check-1',
    })
    expect(typeof JSON.parse(line).durationMs).toBe('number')
    // Hashed assets are served, not logged.
    const css = /href="(\/assets\/[^"]+\.css)"/.exec(await (await fetch(`${base}/login`)).text())![1]!
    const asset = await fetch(`${base}${css}`)
    expect(asset.status).toBe(200)
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    // The other public files are served too, for an hour; a page is not mistaken for one.
    const icon = await fetch(`${base}/favicon.svg`)
    expect([icon.status, icon.headers.get('content-type'), icon.headers.get('cache-control')]).toEqual([
      200,
      'image/svg+xml',
      'public, max-age=3600',
    ])
    expect((await fetch(`${base}/favicon.svg.missing`)).status).toBe(404)
    await new Promise((r) => setTimeout(r, 100))
    expect(server.out.stdout).not.toContain(css.split('/').pop())

    const huge = await fetch(`${base}/login`, {
      method: 'POST',
      body: 'x'.repeat(2 * 1024 * 1024),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    })
    expect(huge.status).toBe(413)

    const forged = await fetch(`${base}/logout`, { method: 'POST', headers: { Origin: 'https://evil.example' }, redirect: 'manual' })
    expect(forged.status).toBe(403)
    // Without an Origin, Sec-Fetch-Site or a same-site Referer must vouch for the post.
    const bare = await fetch(`${base}/logout`, { method: 'POST', redirect: 'manual' })
    expect(bare.status).toBe(403)
    expect(
      (await fetch(`${base}/logout`, { method: 'POST', headers: { 'Sec-Fetch-Site': 'cross-site' }, redirect: 'manual' })).status,
    ).toBe(403)
    expect(
      (await fetch(`${base}/logout`, { method: 'POST', headers: { Referer: 'https://evil.example/page' }, redirect: 'manual' })).status,
    ).toBe(403)
    expect(
      (await fetch(`${base}/logout`, { method: 'POST', headers: { 'Sec-Fetch-Site': 'same-origin' }, redirect: 'manual' })).status,
    ).toBe(302)
    expect(
      (await fetch(`${base}/logout`, { method: 'POST', headers: { Referer: `http://localhost:${port}/account` }, redirect: 'manual' }))
        .status,
    ).toBe(302)
    const same = await fetch(`${base}/logout`, { method: 'POST', headers: { Origin: `http://localhost:${port}` }, redirect: 'manual' })
    expect(same.status).toBe(302)
  })

  it('sends security headers, with a per-response nonce on every script of the page', async () => {
    const port = await freePort()
    const server = start({ DATABASE_URL: process.env.DATABASE_URL!, PORT: String(port), APP_URL: `http://localhost:${port}` })
    await server.listening
    const page = await fetch(`http://127.0.0.1:${port}/login`)
    const csp = page.headers.get('content-security-policy')!
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'unsafe-eval'/)
    expect(csp.split(';').find((d) => d.trim().startsWith('script-src'))).not.toContain('unsafe-inline')
    expect(csp).toContain("frame-ancestors 'none'")
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
    expect(page.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
    expect(page.headers.get('strict-transport-security')).toBeNull()
    const html = await page.text()
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])
    expect(scripts.length).toBeGreaterThan(1)
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`)
    const again = await fetch(`http://127.0.0.1:${port}/login`)
    expect(again.headers.get('content-security-policy')).not.toContain(nonce)

    const securePort = await freePort()
    const secure = start({ DATABASE_URL: process.env.DATABASE_URL!, PORT: String(securePort), APP_URL: 'https://ready.example' })
    await secure.listening
    expect((await fetch(`http://127.0.0.1:${securePort}/healthz`)).headers.get('strict-transport-security')).toBe(
      'max-age=31536000; includeSubDomains',
    )
  })

  it('answers /healthz 503 when the database cannot be reached', async () => {
    const port = await freePort()
    const closedPort = await freePort()
    const server = start({ DATABASE_URL: `postgresql://postgres@127.0.0.1:${closedPort}/none`, PORT: String(port) })
    await server.listening
    const health = await fetch(`http://127.0.0.1:${port}/healthz`)
    expect(health.status).toBe(503)
    expect(await health.text()).toBe('database unreachable')
  })
})
