import { describe, expect, it } from 'vitest'
import * as account from '~/routes/account'
import * as home from '~/routes/_index'
import { hashToken } from '~/domain/auth/tokens'
import { db } from '~/utils/db.server'
import { createPerson } from '../factories'
import { call, get, post } from '../setup/remix'
import { createSession, sessionCookieHeader } from '~/utils/session.server'

async function session(userId: string) {
  const { token } = await createSession(userId)
  return { id: hashToken(token), cookie: (await sessionCookieHeader(token)).split(';')[0]! }
}

describe('session lifetime', () => {
  it('ends a session 30 days after sign-in even when it was used every day', async () => {
    const person = await createPerson()
    const s = await session(person.id)
    // Busy all month: the sliding expiry is always fresh, only the sign-in is old.
    await db.session.update({
      where: { id: s.id },
      data: { createdAt: new Date(Date.now() - 30 * 86_400_000 - 1000), expiresAt: new Date(Date.now() + 29 * 86_400_000) },
    })
    expect((await call(home.loader, get('/', s.cookie))).status).toBe(302)
    expect(await db.session.count({ where: { id: s.id } })).toBe(0)

    const fresh = await session(person.id)
    await db.session.update({ where: { id: fresh.id }, data: { createdAt: new Date(Date.now() - 29 * 86_400_000) } })
    expect((await call(home.loader, get('/', fresh.cookie))).status).toBe(200)
  })
})

describe('sign out everywhere', () => {
  it('ends every session of the person, this one included, and is audit-logged', async () => {
    const person = await createPerson()
    const other = await createPerson()
    const here = await session(person.id)
    const phone = await session(person.id)
    const theirs = await session(other.id)
    const res = await call(account.action, post('/account', { intent: 'sign-out-everywhere' }, here.cookie))
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe('/login')
    expect(await db.session.count({ where: { userId: person.id } })).toBe(0)
    expect((await call(home.loader, get('/', phone.cookie))).status).toBe(302)
    expect((await call(home.loader, get('/', here.cookie))).status).toBe(302)
    expect((await call(home.loader, get('/', theirs.cookie))).status).toBe(200)
    expect(await db.auditEvent.count({ where: { action: 'sessions.ended', actorId: person.id } })).toBe(1)
  })
})
