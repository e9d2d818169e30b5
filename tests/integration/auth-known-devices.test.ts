// A browser that signed in to an account before keeps signing in to it whatever failures a guesser
// causes for the account or from the address (domain/auth/known-devices), and is slowed only by its
// own wrong guesses.
import { createCookie } from 'react-router'
import { describe, expect, it } from 'vitest'
import * as login from '~/routes/login'
import { SIGN_IN_SCOPES } from '~/domain/auth/throttle'
import { db } from '~/utils/db.server'
import { createPerson, TEST_PASSWORD } from '../factories'
import { call, post, sessionCookieFrom, errorsOf } from '../setup/remix'

const FRONT_DESK = '198.51.100.80'

function deviceCookieFrom(headers: Headers) {
  return /mr_device=[^;]*/.exec(headers.get('Set-Cookie') ?? '')?.[0] ?? null
}

async function signInFrom(email: string, password: string, cookie?: string, ip = FRONT_DESK) {
  return call(login.action, post('/login', { email, password, redirectTo: '/' }, cookie), {}, ip)
}

/** Failures a guesser caused in the last minute, as sign-in attempts record them. */
async function guesserFailures(rows: { email: string; ip: string }[]) {
  const now = Date.now()
  await db.loginAttempt.createMany({ data: rows.map((r, i) => ({ ...r, success: false, createdAt: new Date(now - 60_000 + i) })) })
}

describe('a browser that signed in before', () => {
  it('gets a long-lived, HttpOnly, signed device cookie at sign-in, bound to the account', async () => {
    await createPerson({ email: 'device.cookie@example.com' })
    const res = await signInFrom('device.cookie@example.com', TEST_PASSWORD)
    expect(res.status).toBe(302)
    const device = res.headers.getSetCookie().find((c) => c.startsWith('mr_device='))!
    expect(device).toMatch(/HttpOnly/)
    expect(device).toMatch(/SameSite=Lax/)
    expect(device).toMatch(/Max-Age=31536000/)
    expect(sessionCookieFrom(res.headers)).not.toBeNull()
    // Signing in again from that browser keeps its device id; the id names the account's entry only.
    const again = await signInFrom('device.cookie@example.com', TEST_PASSWORD, deviceCookieFrom(res.headers)!)
    expect(deviceCookieFrom(again.headers)).toBe(deviceCookieFrom(res.headers))
    const attempts = await db.loginAttempt.findMany({ where: { email: 'device.cookie@example.com' }, orderBy: { createdAt: 'asc' } })
    expect(attempts[0]!.device).toBeNull()
    expect(attempts[1]!.device).toMatch(/^[a-z2-7]{32}$/)
  })

  it('keeps signing in after a guesser failed 30 times for the account from its address; nothing else gets that pass', async () => {
    const owner = await createPerson({ email: 'desk.owner@example.com' })
    await createPerson({ email: 'desk.colleague@example.com' })
    const ownerDevice = deviceCookieFrom((await signInFrom('desk.owner@example.com', TEST_PASSWORD)).headers)!
    const colleagueDevice = deviceCookieFrom((await signInFrom('desk.colleague@example.com', TEST_PASSWORD)).headers)!
    expect(ownerDevice).toMatch(/^mr_device=./)
    expect(colleagueDevice).toMatch(/^mr_device=./)

    // The guesser at the same front desk, and as many failures from that address on other accounts
    // as the address scope allows and more.
    await guesserFailures(Array.from({ length: 30 }, () => ({ email: 'desk.owner@example.com', ip: FRONT_DESK })))
    await guesserFailures(
      Array.from({ length: SIGN_IN_SCOPES.address.free + 10 }, (_, i) => ({ email: `sprayed.${i}@example.com`, ip: FRONT_DESK })),
    )
    const guesser = await signInFrom('desk.owner@example.com', 'one more guess')
    expect(guesser.status).toBe(429)

    // The owner's browser signs in at once.
    const owners = await signInFrom('desk.owner@example.com', TEST_PASSWORD, ownerDevice)
    expect(owners.status).toBe(302)
    expect(sessionCookieFrom(owners.headers)).not.toBeNull()
    expect(await db.session.count({ where: { userId: owner.id } })).toBe(2)

    // A browser without the cookie, at the desk or elsewhere, is refused with a wait.
    for (const ip of [FRONT_DESK, '203.0.113.99']) {
      const stranger = await signInFrom('desk.owner@example.com', TEST_PASSWORD, undefined, ip)
      expect(stranger.status).toBe(429)
      expect(Number(stranger.headers.get('Retry-After'))).toBeGreaterThan(0)
      expect(errorsOf(stranger.body).form).toMatch(/^Too many failed sign-ins. Try again in/)
      expect(stranger.headers.get('Set-Cookie')).toBeNull()
    }

    // The colleague's device cookie from the same browser is no pass for the owner's account.
    expect((await signInFrom('desk.owner@example.com', TEST_PASSWORD, colleagueDevice)).status).toBe(429)

    // Nor is a cookie made up with the owner's real device id but without the server's secret.
    const ownerDeviceId = (
      await db.loginAttempt.findFirstOrThrow({ where: { email: 'desk.owner@example.com', success: true, device: { not: null } } })
    ).device!
    const forger = createCookie('mr_device', { secrets: ['a secret that is not the server’s one at all'] })
    const forged = (await forger.serialize([{ userId: owner.id, deviceId: ownerDeviceId }])).split(';')[0]!
    expect((await signInFrom('desk.owner@example.com', TEST_PASSWORD, forged)).status).toBe(429)
    const unsigned = `mr_device=${Buffer.from(JSON.stringify([{ userId: owner.id, deviceId: ownerDeviceId }])).toString('base64')}`
    expect((await signInFrom('desk.owner@example.com', TEST_PASSWORD, unsigned)).status).toBe(429)
  })

  it('is still slowed by its own wrong guesses', async () => {
    await createPerson({ email: 'own.guesses@example.com' })
    const device = deviceCookieFrom((await signInFrom('own.guesses@example.com', TEST_PASSWORD, undefined, '203.0.113.200')).headers)
    expect(device).toMatch(/^mr_device=./)
    for (let i = 0; i < SIGN_IN_SCOPES.knownDevice.free; i++) {
      expect((await signInFrom('own.guesses@example.com', `wrong guess ${i}`, device!, `203.0.113.${i + 1}`)).status).toBe(400)
    }
    // From yet another address: no other scope has anything against it, only the device's own failures.
    const blocked = await signInFrom('own.guesses@example.com', TEST_PASSWORD, device!, '203.0.113.50')
    expect(blocked.status).toBe(429)
    expect(blocked.headers.get('Retry-After')).toBe('1')
    // Those failures count for the account everywhere too, as any failures do.
    expect(await db.loginAttempt.count({ where: { email: 'own.guesses@example.com', success: false } })).toBe(
      SIGN_IN_SCOPES.knownDevice.free,
    )
  })
})
