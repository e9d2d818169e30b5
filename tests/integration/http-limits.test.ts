// Attacks on the HTTP layer against the real server process (production build): a form with
// 50,000 fields, a 60 MB chunked upload, bodies that are not forms, cached personal pages, and
// single-use tokens in the request log. Needs `npm run build` first (npm test builds).
import http from 'node:http'
import { decode } from 'turbo-stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCookie } from 'react-router'
import { createSession } from '~/utils/session.server'
import { createPerson, createTeam, TEST_PASSWORD } from '../factories'
import { testDatabaseKind } from '../setup/databases'
import { freePort, hasBuild, startServer, type ServerProcess } from '../setup/server-process'

describe.runIf(hasBuild() && testDatabaseKind() === 'sqlite')('the HTTP layer under hostile requests', () => {
  let server: ServerProcess
  let base: string
  let port: number
  beforeAll(async () => {
    port = await freePort()
    server = startServer({ DATABASE_URL: process.env.DATABASE_URL!, PORT: String(port), APP_URL: `http://localhost:${port}` })
    await server.listening
    base = `http://127.0.0.1:${port}`
  }, 30_000)
  afterAll(() => server?.kill())

  // The Origin a browser on this address sends (React Router compares it with the request URL's origin too).
  const origin = () => ({ Origin: base })

  it('refuses a form of 50,000 fields with 400 before parsing it, and /healthz keeps answering', async () => {
    const body = Array.from({ length: 50_000 }, (_, i) => `f${i}=x`).join('&')
    const started = Date.now()
    const post = fetch(`${base}/login`, {
      method: 'POST',
      body,
      headers: { ...origin(), 'Content-Type': 'application/x-www-form-urlencoded' },
    })
    let slowest = 0
    for (let i = 0; i < 5; i++) {
      const t = Date.now()
      expect((await fetch(`${base}/healthz`)).status).toBe(200)
      slowest = Math.max(slowest, Date.now() - t)
    }
    const answer = await post
    expect(answer.status).toBe(400)
    expect(await answer.text()).toContain('too many fields (limit 1000)')
    expect(Date.now() - started).toBeLessThan(8000) // 12-19 s before the fields were counted
    expect(slowest).toBeLessThan(5000)
    // A field name of 10,000 characters is refused too.
    const long = await fetch(`${base}/login`, {
      method: 'POST',
      body: `${'n'.repeat(10_000)}=x`,
      headers: { ...origin(), 'Content-Type': 'application/x-www-form-urlencoded' },
    })
    expect(long.status).toBe(400)
    expect(await long.text()).toContain('field name in this form is too long')
  }, 30_000)

  it('answers a 60 MB chunked upload (no Content-Length) with 413 without reading it all', async () => {
    const rssBefore = server.rss()
    const chunk = Buffer.alloc(64 * 1024, 'a')
    const result = await new Promise<{ status: number; sent: number }>((resolve, reject) => {
      let sent = 0
      let status = 0
      const req = http.request(
        `${base}/login`,
        { method: 'POST', headers: { ...origin(), 'Content-Type': 'application/x-www-form-urlencoded', 'Transfer-Encoding': 'chunked' } },
        (res) => {
          status = res.statusCode!
          res.resume()
          res.on('end', () => resolve({ status, sent }))
        },
      )
      // The server cuts the upload off after answering; the client may notice the cut first.
      req.on('error', () => resolve({ status: status || 413, sent }))
      void reject
      const pump = () => {
        while (sent < 60 * 1024 * 1024) {
          sent += chunk.length
          if (!req.write(chunk)) return void req.once('drain', pump)
        }
        req.end()
      }
      pump()
    })
    expect(result.status).toBe(413)
    expect(result.sent).toBeLessThan(60 * 1024 * 1024)
    expect(server.rss() - rssBefore).toBeLessThan(30 * 1024 * 1024)
    expect((await fetch(`${base}/healthz`)).status).toBe(200)
  }, 60_000)

  it('shows an over-size document post a page that names the limit', async () => {
    const page = await fetch(`${base}/login`, {
      method: 'POST',
      body: `email=${'x'.repeat(2 * 1024 * 1024)}`,
      headers: { ...origin(), Accept: 'text/html', 'Content-Type': 'application/x-www-form-urlencoded' },
    })
    expect(page.status).toBe(413)
    expect(page.headers.get('content-type')).toMatch(/text\/html/)
    expect(await page.text()).toContain('The request is too large (limit 1 MB).')
  })

  it('answers an over-size or malformed .data post (a client navigation or fetcher) with an error React Router’s client shows, naming the limit', async () => {
    // The browser's decoder, with the plugin React Router's client uses for error responses.
    const read = async (answer: Response) =>
      (
        await decode(answer.body!, {
          plugins: [
            (type: string, ...rest: unknown[]) =>
              type === 'ErrorResponse' ? { value: { status: rest[1], statusText: rest[2], data: rest[0] } } : undefined,
          ],
        })
      ).value as { error?: { status: number; data: string } }
    const big = await fetch(`${base}/login.data`, {
      method: 'POST',
      body: `email=${'x'.repeat(2 * 1024 * 1024)}`,
      headers: { ...origin(), 'Content-Type': 'application/x-www-form-urlencoded' },
    })
    expect(big.status).toBe(413)
    expect(big.headers.get('cache-control')).toBe('no-store')
    expect((await read(big)).error).toEqual({
      status: 413,
      statusText: 'Payload Too Large',
      data: 'The request is too large (limit 1 MB).',
    })
    const json = await fetch(`${base}/content/lessons/any/preview.data`, {
      method: 'POST',
      body: '{"body":"x"}',
      headers: { ...origin(), 'Content-Type': 'application/json' },
    })
    expect(json.status).toBe(415)
    expect((await read(json)).error?.data).toMatch(/accepts forms only/)
  })

  it.each(['/login', '/forgot-password'])('answers bodies that are not forms on %s with 400 or 415 and a message', async (route) => {
    const cases: [string | undefined, string, number][] = [
      ['multipart/form-data', '--x\r\n', 400],
      ['application/json', '{"email":"a@b.c"}', 415],
      ['text/plain', 'email=a@b.c', 415],
      [undefined, '', 400],
    ]
    for (const [type, body, status] of cases) {
      const answer = await fetch(`${base}${route}`, {
        method: 'POST',
        body,
        headers: { ...origin(), ...(type ? { 'Content-Type': type } : {}) },
      })
      expect([type, answer.status]).toEqual([type, status])
      expect((await answer.text()).length).toBeGreaterThan(10)
    }
  })

  it('marks pages and .data payloads no-store; hashed assets stay immutable', async () => {
    const page = await fetch(`${base}/login`)
    expect(page.headers.get('cache-control')).toBe('no-store')
    const data = await fetch(`${base}/login.data`)
    expect(data.headers.get('cache-control')).toMatch(/no-store/)
    const css = /href="(\/assets\/[^"]+\.css)"/.exec(await page.text())![1]!
    expect((await fetch(`${base}${css}`)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    const signedIn = await fetch(`${base}/login`, { headers: { Cookie: 'mr_session=whatever' } })
    expect(signedIn.headers.get('cache-control')).toBe('private, no-store')
  })

  it('sends the CSV and JSON exports and the outbox with Cache-Control: no-store, and the hashed scripts stay immutable', async () => {
    const admin = await createPerson({ role: 'admin' })
    const leader = await createPerson({ role: 'leader' })
    const team = await createTeam(undefined, [leader.id])
    const member = await createPerson({ teamIds: [team.id] })
    // Signed as the server signs them (its SESSION_SECRET, server-process.ts).
    const signed = createCookie('mr_session', { secrets: ['s'.repeat(40)] })
    const cookieOf = async (userId: string) => (await signed.serialize((await createSession(userId)).token)).split(';')[0]!
    const [adminCookie, leaderCookie] = [await cookieOf(admin.id), await cookieOf(leader.id)]
    const cases: [string, string, RegExp, string][] = [
      [`/readiness/team.csv?teamId=${team.id}`, leaderCookie, /text\/csv/, member.email],
      ['/account/export', leaderCookie, /application\/json/, leader.email],
      [`/admin/people/${member.id}/export`, adminCookie, /application\/json/, member.email],
      ['/admin/outbox', adminCookie, /text\/html/, 'Outbox'],
      ['/admin/outbox.data', adminCookie, /text\/x-script/, 'mails'],
    ]
    for (const [path, cookie, type, shows] of cases) {
      const answer = await fetch(`${base}${path}`, { headers: { Cookie: cookie } })
      expect([path, answer.status, answer.headers.get('content-type')]).toEqual([path, 200, expect.stringMatching(type)])
      expect([path, answer.headers.get('cache-control')]).toEqual([path, 'private, no-store'])
      expect(await answer.text()).toContain(shows)
    }
    const page = await (await fetch(`${base}/login`)).text()
    const scripts = [...page.matchAll(/(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!)
    expect(scripts.length).toBeGreaterThan(0)
    for (const script of scripts.slice(0, 3))
      expect((await fetch(`${base}${script}`)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
  })

  it('accepts a post from the configured address behind a proxy that does not forward the host (no 500), and refuses other sites with 403', async () => {
    await createPerson({ email: 'behind.proxy@example.com' })
    const form = (password: string) => new URLSearchParams({ email: 'behind.proxy@example.com', password, redirectTo: '/' }).toString()
    // APP_URL is http://localhost:PORT; the request arrives with Host 127.0.0.1:PORT, as from a proxy that sets its own.
    const appUrl = { Origin: `http://localhost:${port}`, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/html' }
    const signedIn = await fetch(`${base}/login`, { method: 'POST', body: form(TEST_PASSWORD), headers: appUrl, redirect: 'manual' })
    expect(signedIn.status).toBe(302)
    expect(signedIn.headers.get('set-cookie')).toMatch(/mr_session=/)
    const wrong = await fetch(`${base}/login`, { method: 'POST', body: form('not the password'), headers: appUrl })
    expect(wrong.status).toBe(400)
    expect(await wrong.text()).toContain('That email and password do not match an account.')
    // A client navigation (.data), and a proxy that forwards a host other than APP_URL's.
    const data = await fetch(`${base}/login.data`, {
      method: 'POST',
      body: form('not the password'),
      headers: { ...appUrl, Accept: '*/*' },
    })
    expect(data.status).not.toBe(500)
    expect(await data.text()).toContain('That email and password do not match an account.')
    const forwarded = await fetch(`${base}/login`, {
      method: 'POST',
      body: form('not the password'),
      headers: { ...appUrl, 'X-Forwarded-Host': 'internal.example:8080' },
    })
    expect(forwarded.status).toBe(400)
    // Another site is still refused, with a message, whatever host it claims.
    const others: Record<string, string>[] = [
      { Origin: 'https://evil.example' },
      { Origin: 'https://evil.example', 'X-Forwarded-Host': 'evil.example' },
      { Origin: 'null' },
    ]
    for (const headers of others) {
      const refused = await fetch(`${base}/login`, {
        method: 'POST',
        body: form(TEST_PASSWORD),
        headers: { ...appUrl, ...headers },
        redirect: 'manual',
      })
      expect([headers, refused.status]).toEqual([headers, 403])
      expect(await refused.text()).toContain('Cross-site request refused')
      expect(refused.headers.get('set-cookie')).toBeNull()
    }
  })

  it('logs a request’s query with token-looking values redacted', async () => {
    const secrets = ['QUERYTOKEN111', 'QUERYCODE222', 'QUERYKEY333', 'k7q2m4x9z3w8v6t5r1p0abcd']
    await fetch(
      `${base}/login?redirectTo=%2Flearn&token=${secrets[0]}&code=${secrets[1]}&key=${secrets[2]}&state=${secrets[3]}&lesson=the-check-in-call`,
    )
    await new Promise((r) => setTimeout(r, 200))
    const line = server.out.stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg: string; path?: string; query?: string })
      .find((l) => l.msg === 'request' && l.path === '/login' && l.query?.includes('redirectTo'))
    expect(line?.query).toBe(
      '?redirectTo=%2Flearn&token=[redacted]&code=[redacted]&key=[redacted]&state=[redacted]&lesson=the-check-in-call',
    )
    for (const secret of secrets) expect(server.out.stdout).not.toContain(secret)
  })

  it('keeps reset and invite tokens out of the request log', async () => {
    await fetch(`${base}/reset-password/SECRETTOKEN123456`)
    await fetch(`${base}/invite/INVITETOKEN987654`)
    await new Promise((r) => setTimeout(r, 200))
    expect(server.out.stdout).not.toContain('SECRETTOKEN123456')
    expect(server.out.stdout).not.toContain('INVITETOKEN987654')
    expect(server.out.stdout).toContain('/reset-password/[redacted]')
  })
})
