import { describe, expect, it } from 'vitest'
import * as login from '~/routes/login'
import * as logout from '~/routes/logout'
import * as home from '~/routes/_index'
import * as account from '~/routes/account'
import { hashToken } from '~/domain/auth/tokens'
import { signInPasswordChecks } from '~/models/account.server'
import { db } from '~/utils/db.server'
import { getAuth } from '~/utils/auth.server'
import { requestContext } from '~/utils/request-context.server'
import { validateSessionToken } from '~/utils/session.server'
import { cookieFor, createPerson, TEST_PASSWORD } from '../factories'
import { call, get, post, sessionCookieFrom, errorsOf, valuesOf, toastOf } from '../setup/remix'

describe('sign in', () => {
  it('starts a session: HttpOnly, SameSite=Lax cookie on path /, only the token hash stored', async () => {
    const person = await createPerson({ email: 'sign.in@example.com' })
    const res = await call(login.action, post('/login', { email: 'Sign.In@Example.com ', password: TEST_PASSWORD, redirectTo: '/account' }))
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe('/account')
    const setCookie = res.headers.get('Set-Cookie')!
    expect(setCookie).toMatch(/HttpOnly/)
    expect(setCookie).toMatch(/SameSite=Lax/)
    expect(setCookie).toMatch(/Path=\//)
    expect(setCookie).toMatch(/Max-Age=2592000/)

    const sessions = await db.session.findMany({ where: { userId: person.id } })
    expect(sessions).toHaveLength(1)
    const cookie = sessionCookieFrom(res.headers)!
    const page = await call(home.loader, get('/', cookie))
    expect(page.status).toBe(200)
    expect((page.body as { user: { id: string } }).user.id).toBe(person.id)
    // The stored id is a SHA-256 hex digest, not the token the browser holds.
    expect(sessions[0]!.id).toMatch(/^[0-9a-f]{64}$/)
    expect(cookie).not.toContain(sessions[0]!.id)
  })

  it('issues a new session at sign-in, whatever session cookie the browser already had (no fixation)', async () => {
    const victim = await createPerson({ email: 'fixation.victim@example.com' })
    // An attacker's own valid session, and a made-up token, planted in the victim's browser.
    const attacker = await createPerson()
    const planted = await cookieFor(attacker.id)
    for (const cookie of [planted, 'mr_session=plantedtoken123456789012345678901234']) {
      const request = post('/login', { email: 'fixation.victim@example.com', password: TEST_PASSWORD, redirectTo: '/' }, cookie)
      const res = await call(login.action, request)
      expect(res.status).toBe(302)
      const issued = sessionCookieFrom(res.headers)!
      expect(issued).not.toBe(cookie)
      // The new cookie is the victim's; the planted one is not, and never becomes theirs.
      expect(((await call(home.loader, get('/', issued))).body as { user: { id: string } }).user.id).toBe(victim.id)
      const plantedPage = await call(home.loader, get('/', cookie))
      if (plantedPage.status === 200) expect((plantedPage.body as { user: { id: string } }).user.id).toBe(attacker.id)
      else expect(plantedPage.status).toBe(302)
    }
  })

  it('ignores an off-site redirectTo', async () => {
    await createPerson({ email: 'redirect@example.com' })
    const res = await call(
      login.action,
      post('/login', { email: 'redirect@example.com', password: TEST_PASSWORD, redirectTo: '//evil.example/x' }),
    )
    expect(res.headers.get('Location')).toBe('/')
  })

  it('gives the same answer for a wrong password and an unknown email', async () => {
    await createPerson({ email: 'known@example.com' })
    const wrong = await call(login.action, post('/login', { email: 'known@example.com', password: 'not the password at all' }))
    const unknown = await call(login.action, post('/login', { email: 'nobody@example.com', password: 'not the password at all' }))
    expect(wrong.status).toBe(400)
    expect(unknown.status).toBe(400)
    expect(errorsOf(wrong.body).form).toBe('That email and password do not match an account.')
    expect(errorsOf(unknown.body).form).toBe('That email and password do not match an account.')
    expect(wrong.headers.get('Set-Cookie')).toBeNull()
  })

  it('shows field errors and keeps the email when the form is incomplete', async () => {
    const res = await call(login.action, post('/login', { email: 'not-an-email', password: '' }))
    expect(res.status).toBe(400)
    expect(errorsOf(res.body).email).toMatch(/email address/)
    expect(errorsOf(res.body).password).toBe('Enter your password.')
    expect(valuesOf(res.body).email).toBe('not-an-email')
    expect(valuesOf(res.body)).not.toHaveProperty('password')
  })

  it('slows an account at one address after 5 failures, even with the right password, and doubles the wait', async () => {
    await createPerson({ email: 'throttle@example.com' })
    for (let i = 0; i < 5; i++) {
      const res = await call(
        login.action,
        post('/login', { email: 'throttle@example.com', password: `wrong password ${i}` }),
        {},
        '198.51.100.20',
      )
      expect(res.status).toBe(400)
    }
    const blocked = await call(
      login.action,
      post('/login', { email: 'throttle@example.com', password: TEST_PASSWORD }),
      {},
      '198.51.100.20',
    )
    expect(blocked.status).toBe(429)
    expect(errorsOf(blocked.body).form).toMatch(/Too many failed sign-ins. Try again in 1 second\./)
    expect(blocked.headers.get('Retry-After')).toBe('1')
    expect(blocked.headers.get('Set-Cookie')).toBeNull()
    // After the wait, the right password works; the refused attempt did not make the wait longer.
    await new Promise((r) => setTimeout(r, 1100))
    expect(
      (await call(login.action, post('/login', { email: 'throttle@example.com', password: TEST_PASSWORD }), {}, '198.51.100.20')).status,
    ).toBe(302)
  })

  it('checks at most the free allowance of passwords when 100 wrong attempts arrive at once', async () => {
    await createPerson({ email: 'burst@example.com' })
    const before = signInPasswordChecks()
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        call(login.action, post('/login', { email: 'burst@example.com', password: `guess number ${i}` }), {}, '198.51.100.30'),
      ),
    )
    expect(signInPasswordChecks() - before).toBeLessThanOrEqual(5)
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(95)
    expect(answers.every((a) => a.status === 400 || a.status === 429)).toBe(true)
  })

  it('does not let one typist at a shared address lock out the others there', async () => {
    await createPerson({ email: 'colleague@example.com' })
    for (let i = 0; i < 12; i++)
      await call(login.action, post('/login', { email: 'typist@example.com', password: `wrong password ${i}` }), {}, '198.51.100.7')
    const colleague = await call(
      login.action,
      post('/login', { email: 'colleague@example.com', password: TEST_PASSWORD }),
      {},
      '198.51.100.7',
    )
    expect(colleague.status).toBe(302)
  })

  it('slows a guesser who spreads one account over many addresses, and says the same for unknown accounts', async () => {
    await createPerson({ email: 'spread@example.com' })
    for (let i = 0; i < 20; i++)
      expect((await call(login.action, post('/login', { email: 'spread@example.com', password: `wrong password ${i}` }))).status).toBe(400)
    const known = await call(login.action, post('/login', { email: 'spread@example.com', password: TEST_PASSWORD }))
    expect(known.status).toBe(429)
    for (let i = 0; i < 20; i++)
      await call(login.action, post('/login', { email: 'nobody-here@example.com', password: `wrong password ${i}` }))
    const unknown = await call(login.action, post('/login', { email: 'nobody-here@example.com', password: 'anything at all' }))
    expect(unknown.status).toBe(429)
    expect(errorsOf(unknown.body).form).toBe(errorsOf(known.body).form)
  })

  it('refuses a deactivated person with a clear message', async () => {
    const gone = await createPerson({ email: 'gone@example.com', status: 'deactivated' })
    const res = await call(login.action, post('/login', { email: 'gone@example.com', password: TEST_PASSWORD }))
    expect(res.status).toBe(403)
    expect(errorsOf(res.body).form).toMatch(/deactivated/)
    expect(await db.session.count({ where: { userId: gone.id } })).toBe(0)
  })
})

describe('sessions', () => {
  it('sign-out ends the session', async () => {
    const person = await createPerson()
    const cookie = await cookieFor(person.id)
    const res = await call(logout.action, post('/logout', {}, cookie))
    expect(res.status).toBe(302)
    expect(res.headers.get('Set-Cookie')).toMatch(/mr_session=;.*Max-Age=0/)
    expect(await db.session.count({ where: { userId: person.id } })).toBe(0)
    const after = await call(home.loader, get('/', cookie))
    expect(after.status).toBe(302)
    expect(after.headers.get('Location')).toBe('/login')
  })

  it('slides the expiry forward when fewer than 15 days remain, and deletes expired sessions', async () => {
    const person = await createPerson()
    const token = 'slidingtokenslidingtokensliding1'
    const soon = new Date(Date.now() + 10 * 86_400_000)
    await db.session.create({ data: { id: hashToken(token), userId: person.id, expiresAt: soon } })
    const result = await validateSessionToken(token)
    expect(result?.refreshed).toBe(true)
    const stored = await db.session.findUniqueOrThrow({ where: { id: hashToken(token) } })
    expect(stored.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000)

    const expired = 'expiredtokenexpiredtokenexpired1'
    await db.session.create({ data: { id: hashToken(expired), userId: person.id, expiresAt: new Date(Date.now() - 1000) } })
    expect(await validateSessionToken(expired)).toBeNull()
    expect(await db.session.findUnique({ where: { id: hashToken(expired) } })).toBeNull()
  })

  it('reads the signed-in person once for all the loaders of a page, and afresh for an action', async () => {
    const person = await createPerson({ name: 'Once Only' })
    const cookie = await cookieFor(person.id)
    const context = { requestId: 'r', ip: '127.0.0.1', setCookies: [] }
    await requestContext.run(context, async () => {
      // React Router gives each loader its own copy of the request.
      const first = getAuth(get('/learn', cookie))
      expect(getAuth(get('/learn', cookie))).toBe(first)
      expect((await first)?.user.name).toBe('Once Only')
      const action = getAuth(post('/account', {}, cookie))
      expect(action).not.toBe(first)
      await db.user.update({ where: { id: person.id }, data: { name: 'Renamed' } })
      expect((await getAuth(post('/account', {}, cookie)))?.user.name).toBe('Renamed')
    })
    // Another HTTP request reads it again.
    await requestContext.run({ requestId: 'r2', ip: '127.0.0.1', setCookies: [] }, async () =>
      expect((await getAuth(get('/learn', cookie)))?.user.name).toBe('Renamed'),
    )
  })

  it('throttles the current-password check on Account like a sign-in', async () => {
    const person = await createPerson({ email: 'guessed@example.com' })
    const cookie = await cookieFor(person.id)
    const change = (currentPassword: string) =>
      call(
        account.action,
        post(
          '/account',
          { intent: 'change-password', currentPassword, password: 'a brand new passphrase', confirmPassword: 'a brand new passphrase' },
          cookie,
        ),
        {},
        '198.51.100.40',
      )
    const before = signInPasswordChecks()
    for (let i = 0; i < 8; i++) expect((await change(`guess number ${i}`)).status).toBe(400)
    expect(signInPasswordChecks() - before).toBe(5)
    const right = await change(TEST_PASSWORD)
    expect(right.status).toBe(400)
    expect(errorsOf(right.body).currentPassword).toMatch(/Too many wrong passwords. Try again in/)
  })

  it('changing the password ends every session and starts a new one', async () => {
    const person = await createPerson({ email: 'changer@example.com' })
    const first = await cookieFor(person.id)
    const second = await cookieFor(person.id)
    const bad = await call(
      account.action,
      post(
        '/account',
        {
          intent: 'change-password',
          currentPassword: 'wrong',
          password: 'a brand new passphrase',
          confirmPassword: 'a brand new passphrase',
        },
        first,
      ),
    )
    expect(bad.status).toBe(400)
    expect(errorsOf(bad.body).currentPassword).toMatch(/not your current password/)
    expect(valuesOf(bad.body)).toEqual({ intent: 'change-password' })

    const unknown = await call(account.action, post('/account', { intent: 'delete-account', currentPassword: TEST_PASSWORD }, first))
    expect(unknown.status).toBe(400)
    expect(errorsOf(unknown.body).form).toBe('That action is not available here.')
    const missing = await call(account.action, post('/account', { currentPassword: TEST_PASSWORD }, first))
    expect(errorsOf(missing.body).form).toBe('That action is not available here.')
    expect(JSON.stringify(unknown.body)).not.toContain(TEST_PASSWORD)
    expect(await db.session.count({ where: { userId: person.id } })).toBe(2)

    const res = await call(
      account.action,
      post(
        '/account',
        {
          intent: 'change-password',
          currentPassword: TEST_PASSWORD,
          password: 'a brand new passphrase',
          confirmPassword: 'a brand new passphrase',
        },
        first,
      ),
    )
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe('/')
    expect((await toastOf(res)).toast?.description).toBe('Your password has been changed. Other devices were signed out.')
    const fresh = sessionCookieFrom(res.headers)!
    expect((await call(home.loader, get('/', second))).status).toBe(302)
    expect((await call(home.loader, get('/', first))).status).toBe(302)
    expect((await call(home.loader, get('/', fresh))).status).toBe(200)
    expect(await db.session.count({ where: { userId: person.id } })).toBe(1)
    const signIn = await call(login.action, post('/login', { email: 'changer@example.com', password: 'a brand new passphrase' }))
    expect(signIn.status).toBe(302)
  })
})
