// Single sign-on against a real OpenID Connect provider (oidc-provider on loopback): the login
// page's button, the provider's sign-in driven over HTTP, and the app's callback, with the refusals
// an attacker or a misconfiguration would produce. Also the organisation's "require single sign-on".
import crypto from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import * as login from '~/routes/login'
import * as callback from '~/routes/auth.sso.callback'
import * as settingsRoute from '~/routes/admin.settings'
import * as personRoute from '~/routes/admin.people.$id'
import * as forgot from '~/routes/forgot-password'
import * as reset from '~/routes/reset-password.$token'
import * as acceptInvite from '~/routes/invite.$token'
import { generateToken, hashToken } from '~/domain/auth/tokens'
import { db } from '~/utils/db.server'
import { reloadEnv } from '~/utils/env.server'
import { forgetProviderConfigurations, ssoFormOrigins } from '~/utils/oidc.server'
import { contentSecurityPolicy } from '~/utils/http-policy.server'
import { forgetCached } from '~/utils/cache.server'
import { validateSessionToken } from '~/utils/session.server'
import { readSignedCookie } from '~/utils/signed-cookie.server'
import { COOKIE_SECRETS } from '~/utils/session.server'
import { cookieFor, createPerson, TEST_PASSWORD } from '../factories'
import { call, errorsOf, get, post, sessionCookieFrom, toastOf } from '../setup/remix'
import { freePort } from '../setup/server-process'
import { startTestProvider, type TestProvider } from '../setup/oidc-provider'

const LABEL = 'Test IdP'
const DOMAIN = 'harbourlight.example'
let provider: TestProvider

function configure(issuer: string | null) {
  const values = {
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: 'mission-ready',
    OIDC_CLIENT_SECRET: 'mission-ready-test-secret-0123456789abcdef',
    OIDC_ALLOWED_DOMAINS: `${DOMAIN}, Harbourlight-Hotels.example`,
    OIDC_LABEL: LABEL,
  }
  for (const [name, value] of Object.entries(values)) {
    if (issuer === null) delete process.env[name]
    else process.env[name] = value!
  }
  reloadEnv()
  forgetProviderConfigurations()
}

beforeAll(async () => {
  provider = await startTestProvider({ redirectUris: ['http://localhost:3000/auth/sso/callback'] })
  configure(provider.issuer)
})
afterAll(async () => {
  configure(null)
  await provider.stop()
})
beforeEach(async () => {
  provider.onToken(null)
  if (!process.env.OIDC_ISSUER) configure(provider.issuer)
  await db.organisation.upsert({
    where: { id: 'default' },
    create: { id: 'default', name: 'Harbour Light', mission: 'Make every guest feel at home.', requireSso: false },
    update: { requireSso: false },
  })
  forgetCached()
})

const stateCookieOf = (headers: Headers) => /mr_sso=[^;]*/.exec(headers.get('Set-Cookie') ?? '')?.[0] ?? null
const uniqueEmail = (domain = DOMAIN) => `${crypto.randomBytes(4).toString('hex')}@${domain}`

/** Presses "Sign in with …" on the login page: the provider's address and this browser's state cookie. */
async function startSignIn(redirectTo = '') {
  const started = await call(login.action, post('/login', { intent: 'sso', redirectTo }))
  expect(started.status).toBe(302)
  const cookie = stateCookieOf(started.headers)
  expect(cookie).not.toBeNull()
  return { authorizationUrl: started.headers.get('Location')!, cookie: cookie! }
}

/** The whole round trip: the button, the provider's sign-in as `accountId`, the app's callback. */
async function ssoSignIn(accountId: string, { redirectTo = '' } = {}) {
  const { authorizationUrl, cookie } = await startSignIn(redirectTo)
  const back = await provider.authorize(authorizationUrl, accountId)
  const callbackPath = back.pathname + back.search
  const response = await call(callback.loader, get(callbackPath, cookie))
  return { response, callbackPath, cookie, authorizationUrl }
}

async function sessionUser(headers: Headers) {
  const cookie = sessionCookieFrom(headers)
  if (!cookie) return null
  const token = readSignedCookie(cookie, 'mr_session', COOKIE_SECRETS)
  return typeof token === 'string' && token ? ((await validateSessionToken(token))?.user ?? null) : null
}

const refusals = (summaryPart: string) => db.auditEvent.count({ where: { action: 'sso.refused', summary: { contains: summaryPart } } })
const bodyOf = (response: { body: unknown }) => response.body as { title: string; message: string; again: string }

describe('the login page', () => {
  it('offers the button beside the password form, and sends the browser to the provider with PKCE, state and nonce', async () => {
    const page = await call(login.loader, get('/login'))
    expect(page.body).toEqual({ sso: { label: LABEL, required: false } })
    const { authorizationUrl, cookie } = await startSignIn('/learn')
    const url = new URL(authorizationUrl)
    expect(url.origin).toBe(provider.issuer)
    expect(url.searchParams.get('client_id')).toBe('mission-ready')
    expect(url.searchParams.get('redirect_uri')).toBe('http://localhost:3000/auth/sso/callback')
    expect(url.searchParams.get('code_challenge_method')).toBe('S256')
    expect(url.searchParams.get('scope')).toBe('openid email profile')
    const saved = readSignedCookie(cookie, 'mr_sso', COOKIE_SECRETS) as Record<string, unknown>
    expect(saved.state).toBe(url.searchParams.get('state'))
    expect(saved.nonce).toBe(url.searchParams.get('nonce'))
    expect(saved.redirectTo).toBe('/learn')
    // The verifier stays in the cookie; only its hash travels.
    expect(authorizationUrl).not.toContain(saved.verifier as string)
  })

  it('keeps the state in a short-lived, signed, httpOnly, SameSite=Lax cookie sent only to the callback', async () => {
    const started = await call(login.action, post('/login', { intent: 'sso' }))
    const header = started.headers.get('Set-Cookie')!
    expect(header).toMatch(/Max-Age=600/)
    expect(header).toMatch(/HttpOnly/)
    expect(header).toMatch(/SameSite=Lax/)
    expect(header).toMatch(/Path=\/auth\/sso/)
  })

  it('says so on the login page when the provider is down, instead of failing', async () => {
    configure(`http://127.0.0.1:${await freePort()}`)
    const response = await call(login.action, post('/login', { intent: 'sso' }))
    expect(response.status).toBe(503)
    expect((response.body as { ssoError: string }).ssoError).toBe(
      `${LABEL} is not answering right now, so single sign-on cannot start. Try again in a few minutes; if it keeps happening, tell your administrator.`,
    )
    expect(stateCookieOf(response.headers)).toBeNull()
  })

  it('shows nothing new when single sign-on is not configured, and refuses the button', async () => {
    configure(null)
    expect((await call(login.loader, get('/login'))).body).toEqual({ sso: null })
    const response = await call(login.action, post('/login', { intent: 'sso' }))
    expect(response.status).toBe(404)
    expect(stateCookieOf(response.headers)).toBeNull()
  })
})

describe('the Content-Security-Policy', () => {
  const directives = (policy: string) => policy.split('; ')

  it('lets forms go on to the provider’s origin only when single sign-on is configured, and changes nothing else', async () => {
    const strict = contentSecurityPolicy('n0nce')
    expect(directives(strict)).toContain("form-action 'self'")
    const origins = ssoFormOrigins()
    expect(origins).toEqual([provider.issuer])
    const policy = contentSecurityPolicy('n0nce', origins)
    expect(directives(policy)).toContain(`form-action 'self' ${provider.issuer}`)
    // Every other directive is exactly as without single sign-on.
    expect(directives(policy).filter((d) => !d.startsWith('form-action'))).toEqual(
      directives(strict).filter((d) => !d.startsWith('form-action')),
    )
    expect(directives(policy)).toHaveLength(directives(strict).length)
    configure(null)
    expect(ssoFormOrigins()).toEqual([])
    expect(contentSecurityPolicy('n0nce', ssoFormOrigins())).toBe(strict)
  })

  it('names only origins (never a path or the client’s settings), once each, after discovery too', async () => {
    await startSignIn()
    const origins = ssoFormOrigins()
    // The test provider's authorisation endpoint is on the issuer's origin: one entry, no path.
    expect(origins).toEqual([provider.issuer])
    for (const origin of origins) expect(new URL(origin).origin).toBe(origin)
  })
})

describe('signing in with the provider', () => {
  it('activates an invited person, binds the subject, signs them in and lands on the page they asked for', async () => {
    const email = uniqueEmail()
    const person = await createPerson({ status: 'invited', email })
    const invite = await db.oneTimeToken.create({
      data: { purpose: 'invite', tokenHash: hashToken(generateToken()), userId: person.id, expiresAt: new Date(Date.now() + 86_400_000) },
    })
    const subject = `sub-${crypto.randomBytes(4).toString('hex')}`
    // The provider reports the address in another case: it is the same account.
    provider.setAccount(subject, { email: email.toUpperCase(), email_verified: true })
    const { response } = await ssoSignIn(subject, { redirectTo: '/learn?tab=paths' })
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/learn?tab=paths')
    expect((await sessionUser(response.headers))?.id).toBe(person.id)
    const setCookie = response.headers.get('Set-Cookie')!
    expect(setCookie).toMatch(/mr_device=/)
    expect(setCookie).toMatch(/mr_sso=;.*Max-Age=0/)
    const after = await db.user.findUniqueOrThrow({ where: { id: person.id } })
    expect(after.status).toBe('active')
    expect(after.ssoSubject).toBe(subject)
    expect((await db.oneTimeToken.findUniqueOrThrow({ where: { id: invite.id } })).usedAt).not.toBeNull()
    expect(await db.auditEvent.count({ where: { action: 'sso.linked', subject: `user:${person.id}` } })).toBe(1)
  })

  it('signs the same person in again with the same subject, without a second link', async () => {
    const email = uniqueEmail()
    const person = await createPerson({ email })
    const subject = `sub-${crypto.randomBytes(4).toString('hex')}`
    provider.setAccount(subject, { email, email_verified: true })
    expect((await ssoSignIn(subject)).response.status).toBe(302)
    const second = await ssoSignIn(subject)
    expect(second.response.status).toBe(302)
    expect(second.response.headers.get('Location')).toBe('/')
    expect((await sessionUser(second.response.headers))?.id).toBe(person.id)
    expect(await db.auditEvent.count({ where: { action: 'sso.linked', subject: `user:${person.id}` } })).toBe(1)
  })

  it('sends an unsafe redirectTo to the home page, as the password form does', async () => {
    const email = uniqueEmail()
    await createPerson({ email })
    const subject = `sub-${crypto.randomBytes(4).toString('hex')}`
    provider.setAccount(subject, { email, email_verified: true })
    const { response } = await ssoSignIn(subject, { redirectTo: '//evil.example/steal' })
    expect(response.headers.get('Location')).toBe('/')
  })

  it('sends an over-long redirectTo to the home page rather than failing', async () => {
    const email = uniqueEmail()
    await createPerson({ email })
    const subject = `sub-${crypto.randomBytes(4).toString('hex')}`
    provider.setAccount(subject, { email, email_verified: true })
    const { response } = await ssoSignIn(subject, { redirectTo: `/learn?${'x'.repeat(5000)}` })
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/')
  })

  it('says so when the person stops at the provider (access denied), with a way back to the page they wanted', async () => {
    const { authorizationUrl, cookie } = await startSignIn('/learn')
    // The provider's page answers access_denied for an account it does not know.
    const back = await provider.authorize(authorizationUrl, 'nobody-at-the-provider')
    expect(back.searchParams.get('error')).toBe('access_denied')
    const response = await call(callback.loader, get(back.pathname + back.search, cookie))
    expect(response.status).toBe(400)
    expect(bodyOf(response)).toEqual({
      title: 'Sign-in was not completed',
      message: `${LABEL} did not sign you in. Start again from the sign-in page.`,
      again: '/login?redirectTo=%2Flearn',
    })
    expect(await refusals('the provider did not sign them in')).toBeGreaterThan(0)
  })

  it('refuses a provider account already linked to another person (its email changed to theirs)', async () => {
    const first = await createPerson({ email: uniqueEmail() })
    const second = await createPerson({ email: uniqueEmail() })
    const subject = `sub-${crypto.randomBytes(4).toString('hex')}`
    provider.setAccount(subject, { email: first.email, email_verified: true })
    expect((await ssoSignIn(subject)).response.status).toBe(302)
    provider.setAccount(subject, { email: second.email, email_verified: true })
    const { response } = await ssoSignIn(subject)
    expect(response.status).toBe(403)
    expect(sessionCookieFrom(response.headers)).toBeNull()
    expect((await db.user.findUniqueOrThrow({ where: { id: second.id } })).ssoSubject).toBeNull()
    expect(await refusals('already linked to another person')).toBeGreaterThan(0)
  })

  it('refuses a different provider account with the same email (account takeover), and logs it', async () => {
    const email = uniqueEmail()
    const person = await createPerson({ email })
    const owner = `sub-${crypto.randomBytes(4).toString('hex')}`
    const intruder = `sub-${crypto.randomBytes(4).toString('hex')}`
    provider.setAccount(owner, { email, email_verified: true })
    provider.setAccount(intruder, { email, email_verified: true })
    expect((await ssoSignIn(owner)).response.status).toBe(302)
    const { response } = await ssoSignIn(intruder)
    expect(response.status).toBe(403)
    expect(bodyOf(response).message).toBe(
      `The Mission Ready account for ${email} is linked to a different ${LABEL} account, so this sign-in was refused. Ask an administrator if this is your account.`,
    )
    expect(sessionCookieFrom(response.headers)).toBeNull()
    expect((await db.user.findUniqueOrThrow({ where: { id: person.id } })).ssoSubject).toBe(owner)
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'sso.refused', subject: `user:${person.id}` } })
    expect(event.summary).toMatch(/possible account takeover/)
    expect(event.summary).not.toContain(email)
  })

  it('refuses an ID token issued to another application (wrong audience)', async () => {
    const email = uniqueEmail()
    const person = await createPerson({ email })
    const subject = `sub-${crypto.randomBytes(4).toString('hex')}`
    provider.setAccount(subject, { email, email_verified: true })
    const { authorizationUrl, cookie } = await startSignIn()
    const nonce = new URL(authorizationUrl).searchParams.get('nonce')!
    // A real token, signed by the provider for the other client, with this sign-in's nonce.
    const foreign = await provider.idTokenForOtherClient(subject, nonce)
    expect(JSON.parse(Buffer.from(foreign.split('.')[1]!, 'base64url').toString()).aud).toBe('other-app')
    provider.onToken({ rewrite: (body) => ({ ...body, id_token: foreign }) })
    const back = await provider.authorize(authorizationUrl, subject)
    const response = await call(callback.loader, get(back.pathname + back.search, cookie))
    expect(response.status).toBe(400)
    expect(bodyOf(response).title).toBe('The sign-in could not be verified')
    expect(sessionCookieFrom(response.headers)).toBeNull()
    expect((await db.user.findUniqueOrThrow({ where: { id: person.id } })).ssoSubject).toBeNull()
    expect(await refusals('the ID token failed its checks')).toBeGreaterThan(0)
  })

  it('refuses an expired ID token', async () => {
    const email = uniqueEmail()
    await createPerson({ email })
    const subject = `sub-${crypto.randomBytes(4).toString('hex')}`
    provider.setAccount(subject, { email, email_verified: true })
    // The provider's clock runs 2 hours behind while it issues the token: its ID token (1 hour) has expired on arrival.
    provider.onToken({ clockShiftMs: -2 * 60 * 60 * 1000 })
    const { response } = await ssoSignIn(subject)
    expect(response.status).toBe(400)
    expect(bodyOf(response).message).toMatch(/did not pass its checks/)
    expect(sessionCookieFrom(response.headers)).toBeNull()
  })

  it('refuses a tampered state, a missing or forged cookie, and a replayed callback', async () => {
    const email = uniqueEmail()
    await createPerson({ email })
    const subject = `sub-${crypto.randomBytes(4).toString('hex')}`
    provider.setAccount(subject, { email, email_verified: true })
    const { authorizationUrl, cookie } = await startSignIn()
    const back = await provider.authorize(authorizationUrl, subject)

    const tampered = new URL(back)
    tampered.searchParams.set('state', 'x'.repeat(43))
    const wrongState = await call(callback.loader, get(tampered.pathname + tampered.search, cookie))
    expect(wrongState.status).toBe(400)
    expect(bodyOf(wrongState).title).toBe('This sign-in does not match')

    const noCookie = await call(callback.loader, get(back.pathname + back.search))
    expect(noCookie.status).toBe(400)
    expect(bodyOf(noCookie).title).toBe('This sign-in has expired')
    expect(bodyOf(noCookie).again).toBe('/login')

    // The cookie's value changed by someone without the secret: its signature no longer matches.
    const [name, value] = cookie.split('=')
    const forged = `${name}=${value!.replace(/^./, (c) => (c === 'e' ? 'f' : 'e'))}`
    const forgedCookie = await call(callback.loader, get(back.pathname + back.search, forged))
    expect(forgedCookie.status).toBe(400)

    const first = await call(callback.loader, get(back.pathname + back.search, cookie))
    expect(first.status).toBe(302)
    // The same address with the same (old) cookie: the provider has spent the code.
    const replay = await call(callback.loader, get(back.pathname + back.search, cookie))
    expect(replay.status).toBe(400)
    expect(bodyOf(replay).title).toBe('This sign-in has already been used')
    for (const refused of [wrongState, noCookie, forgedCookie, replay]) expect(sessionCookieFrom(refused.headers)).toBeNull()
    expect(await refusals('did not match the sign-in that browser started')).toBeGreaterThan(0)
  })

  it('refuses a sign-in whose state cookie is older than 10 minutes', async () => {
    const { authorizationUrl, cookie } = await startSignIn()
    const subject = `sub-${crypto.randomBytes(4).toString('hex')}`
    provider.setAccount(subject, { email: uniqueEmail(), email_verified: true })
    const back = await provider.authorize(authorizationUrl, subject)
    const { finishSsoSignIn, ssoSettings } = await import('~/utils/oidc.server')
    const late = await finishSsoSignIn(ssoSettings()!, get(back.pathname + back.search, cookie), Date.now() + 11 * 60 * 1000)
    expect(late).toEqual({ ok: false, reason: 'state_missing' })
  })

  it('refuses an address outside the allowed domains, and a look-alike domain, naming the allowed ones', async () => {
    for (const domain of ['gmail.example', 'evilharbourlight.example', 'harbourlight.example.evil.test', 'mail.harbourlight.example']) {
      const email = uniqueEmail(domain)
      await createPerson({ email })
      const subject = `sub-${crypto.randomBytes(4).toString('hex')}`
      provider.setAccount(subject, { email, email_verified: true })
      const { response } = await ssoSignIn(subject)
      expect(response.status, domain).toBe(403)
      expect(bodyOf(response).message).toBe(
        `Signing in with ${LABEL} is only for addresses at harbourlight.example, harbourlight-hotels.example; ${email} is not one of them. Sign in with your work account.`,
      )
      expect(sessionCookieFrom(response.headers)).toBeNull()
      expect(await refusals(`an address at ${domain}: the email address is outside the allowed domains`)).toBe(1)
    }
  })

  it('accepts a second allowed domain whatever its case', async () => {
    const email = uniqueEmail('harbourlight-hotels.example')
    await createPerson({ email })
    const subject = `sub-${crypto.randomBytes(4).toString('hex')}`
    provider.setAccount(subject, { email, email_verified: true })
    expect((await ssoSignIn(subject)).response.status).toBe(302)
  })

  it('refuses an email the provider has not verified', async () => {
    const email = uniqueEmail()
    const person = await createPerson({ email })
    const subject = `sub-${crypto.randomBytes(4).toString('hex')}`
    provider.setAccount(subject, { email, email_verified: false })
    const { response } = await ssoSignIn(subject)
    expect(response.status).toBe(403)
    expect(bodyOf(response).title).toBe('Your email address is not verified')
    expect((await db.user.findUniqueOrThrow({ where: { id: person.id } })).ssoSubject).toBeNull()
    expect(await refusals('has not verified the email address')).toBeGreaterThan(0)
  })

  it('refuses an address with no account, without creating one', async () => {
    const email = uniqueEmail()
    const subject = `sub-${crypto.randomBytes(4).toString('hex')}`
    provider.setAccount(subject, { email, email_verified: true })
    const { response } = await ssoSignIn(subject)
    expect(response.status).toBe(403)
    expect(bodyOf(response).message).toBe(`There is no Mission Ready account for ${email}. Ask an administrator to invite you.`)
    expect(await db.user.count({ where: { email } })).toBe(0)
  })

  it('refuses a deactivated person with the words the password form uses', async () => {
    const email = uniqueEmail()
    const person = await createPerson({ email, status: 'deactivated' })
    const subject = `sub-${crypto.randomBytes(4).toString('hex')}`
    provider.setAccount(subject, { email, email_verified: true })
    const { response } = await ssoSignIn(subject)
    expect(response.status).toBe(403)
    const passwordAnswer = await call(login.action, post('/login', { email, password: TEST_PASSWORD }))
    expect(bodyOf(response).message).toBe(errorsOf(passwordAnswer.body).form)
    expect((await db.user.findUniqueOrThrow({ where: { id: person.id } })).ssoSubject).toBeNull()
    expect(await db.session.count({ where: { userId: person.id } })).toBe(0)
  })

  it('says the provider is not answering when it goes down between the button and the callback', async () => {
    const email = uniqueEmail()
    await createPerson({ email })
    const subject = `sub-${crypto.randomBytes(4).toString('hex')}`
    provider.setAccount(subject, { email, email_verified: true })
    const { authorizationUrl, cookie } = await startSignIn()
    const back = await provider.authorize(authorizationUrl, subject)
    provider.onToken({ drop: true })
    const response = await call(callback.loader, get(back.pathname + back.search, cookie))
    expect(response.status).toBe(503)
    expect(bodyOf(response).message).toBe(
      `${LABEL} is not answering right now. Try again in a few minutes; if it keeps happening, tell your administrator.`,
    )
    expect(sessionCookieFrom(response.headers)).toBeNull()
  })
})

describe('requiring single sign-on', () => {
  async function linkedAdmin() {
    const email = uniqueEmail()
    const admin = await createPerson({ role: 'admin', email })
    const subject = `sub-${crypto.randomBytes(4).toString('hex')}`
    provider.setAccount(subject, { email, email_verified: true })
    expect((await ssoSignIn(subject)).response.status).toBe(302)
    return { admin, cookie: await cookieFor(admin.id) }
  }
  const toggle = (value: 'on' | 'off', cookie: string) =>
    call(settingsRoute.action, post('/admin/settings', { intent: 'requireSso', requireSso: value }, cookie))

  it('cannot be turned on by an admin who has not signed in with it', async () => {
    const admin = await createPerson({ role: 'admin' })
    const response = await toggle('on', await cookieFor(admin.id))
    expect(response.status).toBe(400)
    expect(errorsOf(response.body).form).toBe(
      `Sign in with ${LABEL} yourself first, so you know it works for you before it is the only way in.`,
    )
    expect((await db.organisation.findUniqueOrThrow({ where: { id: 'default' } })).requireSso).toBe(false)
    const page = await call(settingsRoute.loader, get('/admin/settings', await cookieFor(admin.id)))
    expect(page.body).toMatchObject({ sso: { label: LABEL, required: false, adminLinked: false } })
  })

  it('cannot be turned on when single sign-on is not configured', async () => {
    const { cookie } = await linkedAdmin()
    configure(null)
    const response = await toggle('on', cookie)
    expect(response.status).toBe(400)
    expect(errorsOf(response.body).form).toMatch(/Single sign-on is not configured on this server/)
    expect((await db.organisation.findUniqueOrThrow({ where: { id: 'default' } })).requireSso).toBe(false)
    expect((await call(settingsRoute.loader, get('/admin/settings', cookie))).body).toMatchObject({ sso: null })
  })

  it('refuses a learner', async () => {
    const learner = await createPerson()
    const response = await toggle('on', await cookieFor(learner.id))
    expect(response.status).toBe(403)
  })

  it('once on, refuses password sign-in, password reset and invite passwords on the server; off again restores them', async () => {
    const { admin, cookie } = await linkedAdmin()
    const on = await toggle('on', cookie)
    expect(on.status).toBe(302)
    expect((await db.organisation.findUniqueOrThrow({ where: { id: 'default' } })).requireSso).toBe(true)
    expect(await db.auditEvent.count({ where: { action: 'organisation.require_sso', actorId: admin.id } })).toBe(1)
    const refusal = `Your organisation signs in with ${LABEL}.`

    expect((await call(login.loader, get('/login'))).body).toEqual({ sso: { label: LABEL, required: true } })
    const person = await createPerson({ email: uniqueEmail() })
    const password = await call(login.action, post('/login', { email: person.email, password: TEST_PASSWORD }))
    expect(password.status).toBe(403)
    expect(errorsOf(password.body).form).toBe(refusal)
    expect(sessionCookieFrom(password.headers)).toBeNull()

    const forgotten = await call(forgot.action, post('/forgot-password', { email: person.email }))
    expect(forgotten.status).toBe(403)
    expect(errorsOf(forgotten.body).form).toBe(refusal)

    const resetToken = generateToken()
    await db.oneTimeToken.create({
      data: { purpose: 'reset', tokenHash: hashToken(resetToken), userId: person.id, expiresAt: new Date(Date.now() + 3_600_000) },
    })
    const newPassword = 'a brand new harbour sentence'
    const resetting = await call(
      reset.action,
      post(`/reset-password/${resetToken}`, { password: newPassword, confirmPassword: newPassword }),
      { token: resetToken },
    )
    expect(resetting.status).toBe(403)
    expect(errorsOf(resetting.body).form).toBe(refusal)
    expect((await call(reset.loader, get(`/reset-password/${resetToken}`), { token: resetToken })).body).toMatchObject({ ssoOnly: refusal })

    const invited = await createPerson({ status: 'invited', email: uniqueEmail() })
    const inviteToken = generateToken()
    await db.oneTimeToken.create({
      data: { purpose: 'invite', tokenHash: hashToken(inviteToken), userId: invited.id, expiresAt: new Date(Date.now() + 3_600_000) },
    })
    const accepting = await call(
      acceptInvite.action,
      post(`/invite/${inviteToken}`, { name: 'Nia Hire', password: newPassword, confirmPassword: newPassword }),
      { token: inviteToken },
    )
    expect(accepting.status).toBe(403)
    expect(errorsOf(accepting.body).form).toBe(refusal)
    expect((await db.user.findUniqueOrThrow({ where: { id: invited.id } })).status).toBe('invited')
    expect((await call(acceptInvite.loader, get(`/invite/${inviteToken}`), { token: inviteToken })).body).toMatchObject({
      ssoOnly: refusal,
    })

    // The invited person signs in with the provider instead, and is active.
    const subject = `sub-${crypto.randomBytes(4).toString('hex')}`
    provider.setAccount(subject, { email: invited.email, email_verified: true })
    expect((await ssoSignIn(subject)).response.status).toBe(302)
    expect((await db.user.findUniqueOrThrow({ where: { id: invited.id } })).status).toBe('active')

    const off = await toggle('off', cookie)
    expect(off.status).toBe(302)
    const again = await call(login.action, post('/login', { email: person.email, password: TEST_PASSWORD }))
    expect(again.status).toBe(302)
  })

  it('lets passwords work again when the OIDC settings are removed while it is on (nobody is locked out)', async () => {
    const { cookie } = await linkedAdmin()
    expect((await toggle('on', cookie)).status).toBe(302)
    configure(null)
    const person = await createPerson({ email: uniqueEmail() })
    const password = await call(login.action, post('/login', { email: person.email, password: TEST_PASSWORD }))
    expect(password.status).toBe(302)
    expect((await call(login.loader, get('/login'))).body).toEqual({ sso: null })
  })

  it('refuses an unknown value for the toggle, changing nothing', async () => {
    const { cookie } = await linkedAdmin()
    const response = await toggle('maybe' as 'on', cookie)
    expect(response.status).toBe(400)
    expect((await db.organisation.findUniqueOrThrow({ where: { id: 'default' } })).requireSso).toBe(false)
  })
})

describe('the account page', () => {
  it('says whether the account is linked to single sign-on', async () => {
    const { loader } = await import('~/routes/account')
    const email = uniqueEmail()
    const person = await createPerson({ email })
    const before = await call(loader, get('/account', await cookieFor(person.id)))
    expect(before.body).toMatchObject({ sso: { label: LABEL, linked: false } })
    const subject = `sub-${crypto.randomBytes(4).toString('hex')}`
    provider.setAccount(subject, { email, email_verified: true })
    expect((await ssoSignIn(subject)).response.status).toBe(302)
    const after = await call(loader, get('/account', await cookieFor(person.id)))
    expect(after.body).toMatchObject({ sso: { label: LABEL, linked: true } })
  })
})

describe('an admin unlinking a person’s single sign-on account', () => {
  type PersonPage = { sso: { label: string; linked: boolean; since: string | null; fingerprint: string | null; required: boolean } | null }
  const page = async (id: string, cookie: string) =>
    (await call(personRoute.loader, get(`/admin/people/${id}`, cookie), { id })).body as PersonPage
  const unlink = (id: string, linked: string | undefined, cookie: string) =>
    call(
      personRoute.action,
      post(`/admin/people/${id}`, linked === undefined ? { intent: 'unlinkSso' } : { intent: 'unlinkSso', linked }, cookie),
      { id },
    )
  const unlinkEvents = (id: string) => db.auditEvent.count({ where: { action: 'sso.unlinked', subject: `user:${id}` } })

  async function linkedPerson(role: 'learner' | 'admin' = 'learner') {
    const email = uniqueEmail()
    const person = await createPerson({ email, role })
    const subject = `sub-${crypto.randomBytes(4).toString('hex')}`
    provider.setAccount(subject, { email, email_verified: true })
    expect((await ssoSignIn(subject)).response.status).toBe(302)
    return { person, subject }
  }

  it('shows the link and since when; unlinking lets a recreated work account (a new subject) sign in and binds it', async () => {
    const admin = await createPerson({ role: 'admin' })
    const cookie = await cookieFor(admin.id)
    const { person, subject } = await linkedPerson()
    const before = await page(person.id, cookie)
    expect(before.sso).toMatchObject({ label: LABEL, linked: true, required: false })
    expect(before.sso!.since).toMatch(/^\d{4}-\d{2}-\d{2}T/)
    expect(before.sso!.fingerprint).toMatch(/^[0-9a-f]{16}$/)
    expect(JSON.stringify(before)).not.toContain(subject)

    // The work account is recreated: same email, new subject, refused as a possible takeover.
    const recreated = `sub-${crypto.randomBytes(4).toString('hex')}`
    provider.setAccount(recreated, { email: person.email, email_verified: true })
    expect((await ssoSignIn(recreated)).response.status).toBe(403)

    const response = await unlink(person.id, before.sso!.fingerprint!, cookie)
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe(`/admin/people/${person.id}`)
    expect((await toastOf(response)).toast?.description).toBe(
      `Unlinked from ${LABEL}. Their next sign-in with ${LABEL} links the account they use then.`,
    )
    expect((await db.user.findUniqueOrThrow({ where: { id: person.id } })).ssoSubject).toBeNull()
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'sso.unlinked', subject: `user:${person.id}` } })
    expect(event.actorId).toBe(admin.id)
    expect(event.summary).not.toContain(person.email)
    expect((await page(person.id, cookie)).sso).toMatchObject({ linked: false, since: null, fingerprint: null })

    const { response: signedIn } = await ssoSignIn(recreated)
    expect(signedIn.status).toBe(302)
    expect((await sessionUser(signedIn.headers))?.id).toBe(person.id)
    expect((await db.user.findUniqueOrThrow({ where: { id: person.id } })).ssoSubject).toBe(recreated)
    // The old account is now the one refused.
    expect((await ssoSignIn(subject)).response.status).toBe(403)
  })

  it('a repeated unlink changes nothing and says so', async () => {
    const cookie = await cookieFor((await createPerson({ role: 'admin' })).id)
    const { person } = await linkedPerson()
    const { fingerprint } = (await page(person.id, cookie)).sso!
    expect((await unlink(person.id, fingerprint!, cookie)).status).toBe(302)
    const again = await unlink(person.id, fingerprint!, cookie)
    expect(again.status).toBe(302)
    expect((await toastOf(again)).toast).toMatchObject({
      type: 'message',
      description: `Their account was not linked to ${LABEL}: nothing changed.`,
    })
    expect(await unlinkEvents(person.id)).toBe(1)
  })

  it('a stale page does not unlink the account the person linked since it was loaded', async () => {
    const cookie = await cookieFor((await createPerson({ role: 'admin' })).id)
    const { person } = await linkedPerson()
    const stale = (await page(person.id, cookie)).sso!.fingerprint!
    expect((await unlink(person.id, stale, cookie)).status).toBe(302)
    const newer = `sub-${crypto.randomBytes(4).toString('hex')}`
    provider.setAccount(newer, { email: person.email, email_verified: true })
    expect((await ssoSignIn(newer)).response.status).toBe(302)
    // The same page's form, sent again (another tab, or the back button).
    const response = await unlink(person.id, stale, cookie)
    expect((await toastOf(response)).toast?.description).toMatch(
      /linked another Test IdP account since this page was loaded: nothing changed/,
    )
    expect((await db.user.findUniqueOrThrow({ where: { id: person.id } })).ssoSubject).toBe(newer)
    expect(await unlinkEvents(person.id)).toBe(1)
  })

  it('refuses a missing or malformed link, changing nothing', async () => {
    const cookie = await cookieFor((await createPerson({ role: 'admin' })).id)
    const { person, subject } = await linkedPerson()
    for (const linked of [undefined, '', 'not-a-fingerprint', 'f'.repeat(5000)]) {
      expect((await unlink(person.id, linked, cookie)).status).toBe(400)
    }
    expect((await db.user.findUniqueOrThrow({ where: { id: person.id } })).ssoSubject).toBe(subject)
    expect(await unlinkEvents(person.id)).toBe(0)
  })

  it('refuses people who are not admins, and answers 404 for an unknown person', async () => {
    const admin = await createPerson({ role: 'admin' })
    const { person, subject } = await linkedPerson()
    const fingerprint = (await page(person.id, await cookieFor(admin.id))).sso!.fingerprint!
    for (const role of ['learner', 'trainer', 'leader'] as const) {
      const other = await createPerson({ role })
      const cookie = await cookieFor(other.id)
      expect((await unlink(person.id, fingerprint, cookie)).status).toBe(403)
      expect((await call(personRoute.loader, get(`/admin/people/${person.id}`, cookie), { id: person.id })).status).toBe(403)
    }
    // The person themselves, who is a learner, cannot either.
    expect((await unlink(person.id, fingerprint, await cookieFor(person.id))).status).toBe(403)
    expect((await db.user.findUniqueOrThrow({ where: { id: person.id } })).ssoSubject).toBe(subject)
    expect(await unlinkEvents(person.id)).toBe(0)

    const missing = await unlink('no-such-person', fingerprint, await cookieFor(admin.id))
    expect(missing.status).toBe(404)
    expect(
      (await call(personRoute.loader, get('/admin/people/no-such-person', await cookieFor(admin.id)), { id: 'no-such-person' })).status,
    ).toBe(404)
  })

  it('an admin who unlinks their own account while single sign-on is required can still sign in with it, which links it again', async () => {
    const { person: admin, subject } = await linkedPerson('admin')
    const cookie = await cookieFor(admin.id)
    expect((await call(settingsRoute.action, post('/admin/settings', { intent: 'requireSso', requireSso: 'on' }, cookie))).status).toBe(302)
    const own = await page(admin.id, cookie)
    expect(own.sso).toMatchObject({ linked: true, required: true })
    expect((await unlink(admin.id, own.sso!.fingerprint!, cookie)).status).toBe(302)
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).ssoSubject).toBeNull()
    // Still required; passwords still refused; the provider still signs the admin in, and links them.
    expect((await db.organisation.findUniqueOrThrow({ where: { id: 'default' } })).requireSso).toBe(true)
    expect((await call(login.action, post('/login', { email: admin.email, password: TEST_PASSWORD }))).status).toBe(403)
    const { response } = await ssoSignIn(subject)
    expect(response.status).toBe(302)
    expect((await sessionUser(response.headers))?.id).toBe(admin.id)
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).ssoSubject).toBe(subject)
  })

  it('hides the section when single sign-on is not configured and the person is not linked, and keeps it while they are', async () => {
    const cookie = await cookieFor((await createPerson({ role: 'admin' })).id)
    const { person } = await linkedPerson()
    const unlinked = await createPerson()
    configure(null)
    expect((await page(unlinked.id, cookie)).sso).toBeNull()
    const still = (await page(person.id, cookie)).sso!
    expect(still).toMatchObject({ label: 'single sign-on', linked: true })
    expect((await unlink(person.id, still.fingerprint!, cookie)).status).toBe(302)
    expect((await db.user.findUniqueOrThrow({ where: { id: person.id } })).ssoSubject).toBeNull()
  })
})
