import { describe, expect, it } from 'vitest'
import * as invite from '~/routes/admin.people.invite'
import * as acceptInvite from '~/routes/invite.$token'
import * as forgot from '~/routes/forgot-password'
import * as reset from '~/routes/reset-password.$token'
import * as login from '~/routes/login'
import * as home from '~/routes/_index'
import { db } from '~/utils/db.server'
import { constraintOf } from '~/utils/forms'
import { settleBackgroundMail } from '~/models/account.server'
import { cookieFor, createPerson, createTeam, TEST_PASSWORD } from '../factories'
import { call, get, post, sessionCookieFrom, errorsOf, valuesOf, toastOf } from '../setup/remix'

async function lastLinkTo(email: string, path: 'invite' | 'reset-password') {
  const mail = await db.outboxMail.findFirst({ where: { to: email }, orderBy: { createdAt: 'desc' } })
  const match = new RegExp(`http://localhost:3000/${path}/([a-z2-7]+)`).exec(mail?.text ?? '')
  if (!match) throw new Error(`No ${path} link mailed to ${email}`)
  return match[1]!
}

describe('invites', () => {
  it('an admin invites a person with a role and teams; the link sets name and password and signs them in', async () => {
    const admin = await createPerson({ role: 'admin' })
    const team = await createTeam('Front Desk')
    const cookie = await cookieFor(admin.id)
    const res = await call(
      invite.action,
      post(
        '/admin/people/invite',
        { email: 'New.Hire@Example.com', name: '', role: 'learner', teamIds: [team.id], startDate: '2026-12-01' },
        cookie,
      ),
    )
    expect(res.status).toBe(302)
    const invited = await db.user.findUniqueOrThrow({ where: { email: 'new.hire@example.com' }, include: { memberships: true } })
    // To the person's page, with no message in the address: the message travels in the toast.
    expect(res.headers.get('Location')).toBe(`/admin/people/${invited.id}`)
    expect((await toastOf(res)).toast?.description).toBe(
      'Invite sent to new.hire@example.com. The link is in the outbox if no mail server is set up.',
    )
    expect(invited.status).toBe('invited')
    expect(invited.passwordHash).toBeNull()
    expect(invited.memberships.map((m) => m.teamId)).toEqual([team.id])
    expect(invited.startDate?.toISOString()).toBe('2026-12-01T00:00:00.000Z')

    const token = await lastLinkTo('new.hire@example.com', 'invite')
    const page = await call(acceptInvite.loader, get(`/invite/${token}`), { token })
    expect(page.body).toMatchObject({ state: 'valid', email: 'new.hire@example.com' })

    const weak = await call(
      acceptInvite.action,
      post(`/invite/${token}`, { name: 'Nia Hire', password: 'password1234', confirmPassword: 'password1234' }),
      { token },
    )
    expect(weak.status).toBe(400)
    expect(errorsOf(weak.body).password).toMatch(/common passwords/)
    // What was typed comes back, the passwords never.
    expect(valuesOf(weak.body)).toEqual({ name: 'Nia Hire' })

    const long = await call(
      acceptInvite.action,
      post(`/invite/${token}`, { name: 'N'.repeat(101), password: 'x'.repeat(129), confirmPassword: 'x'.repeat(129) }),
      { token },
    )
    expect(long.status).toBe(400)
    expect(errorsOf(long.body)).toMatchObject({ name: 'Use at most 100 characters.', password: 'Use at most 128 characters.' })
    // The browser is held to the same numbers (maxLength on the fields).
    expect(constraintOf(acceptInvite.AcceptInviteSchema)).toMatchObject({ name: { maxLength: 100 }, password: { maxLength: 128 } })

    const mismatch = await call(
      acceptInvite.action,
      post(`/invite/${token}`, { name: 'Nia Hire', password: 'a lantern by the sea', confirmPassword: 'a lantern by the see' }),
      { token },
    )
    expect(errorsOf(mismatch.body).confirmPassword).toBe('The two passwords do not match.')

    const ok = await call(
      acceptInvite.action,
      post(`/invite/${token}`, { name: 'Nia Hire', password: 'a lantern by the sea', confirmPassword: 'a lantern by the sea' }),
      { token },
    )
    expect(ok.status).toBe(302)
    expect(ok.headers.get('Location')).toBe('/')
    expect((await toastOf(ok)).toast?.description).toBe('Your account is ready. Welcome aboard, Nia Hire!')
    const landed = await call(home.loader, get('/', sessionCookieFrom(ok.headers)!))
    expect((landed.body as { user: { name: string; role: string } }).user).toMatchObject({ name: 'Nia Hire', role: 'learner' })

    // Single use.
    const again = await call(acceptInvite.loader, get(`/invite/${token}`), { token })
    expect(again.body).toEqual({ state: 'used' })
    const replay = await call(
      acceptInvite.action,
      post(`/invite/${token}`, { name: 'Mallory', password: 'another long passphrase', confirmPassword: 'another long passphrase' }),
      { token },
    )
    expect(replay.status).toBe(410)
    expect((await db.user.findUniqueOrThrow({ where: { id: invited.id } })).name).toBe('Nia Hire')
  })

  it('says when an invite link is unknown or expired', async () => {
    expect((await call(acceptInvite.loader, get('/invite/nosuchtoken'), { token: 'nosuchtoken' })).body).toEqual({ state: 'unknown' })
    const admin = await createPerson({ role: 'admin' })
    await call(
      invite.action,
      post('/admin/people/invite', { email: 'late@example.com', name: 'Late', role: 'learner', startDate: '' }, await cookieFor(admin.id)),
    )
    const token = await lastLinkTo('late@example.com', 'invite')
    await db.oneTimeToken.updateMany({ where: { user: { email: 'late@example.com' } }, data: { expiresAt: new Date(Date.now() - 1000) } })
    expect((await call(acceptInvite.loader, get(`/invite/${token}`), { token })).body).toEqual({ state: 'expired' })
  })

  it('refuses to invite an address that already has an account, and keeps what was typed', async () => {
    const admin = await createPerson({ role: 'admin' })
    await createPerson({ email: 'taken@example.com' })
    const res = await call(
      invite.action,
      post(
        '/admin/people/invite',
        { email: 'taken@example.com', name: 'Someone', role: 'leader', startDate: '' },
        await cookieFor(admin.id),
      ),
    )
    expect(res.status).toBe(400)
    expect(errorsOf(res.body).email).toMatch(/already has an account/)
    expect(valuesOf(res.body)).toMatchObject({ email: 'taken@example.com', name: 'Someone', role: 'leader' })
  })

  it('refuses an unknown role or a made-up team, and records nothing', async () => {
    const admin = await createPerson({ role: 'admin' })
    const cookie = await cookieFor(admin.id)
    const role = await call(
      invite.action,
      post('/admin/people/invite', { email: 'x1@example.com', name: '', role: 'superuser', startDate: '' }, cookie),
    )
    expect(role.status).toBe(400)
    expect(errorsOf(role.body).role).toBe('Choose a role.')
    const team = await call(
      invite.action,
      post('/admin/people/invite', { email: 'x2@example.com', name: '', role: 'learner', teamIds: ['not-a-team'], startDate: '' }, cookie),
    )
    expect(team.status).toBe(400)
    expect(errorsOf(team.body).teamIds).toMatch(/no longer exists/)
    expect(await db.user.count({ where: { email: { in: ['x1@example.com', 'x2@example.com'] } } })).toBe(0)
  })

  it('only admins can invite', async () => {
    const leader = await createPerson({ role: 'leader' })
    const res = await call(
      invite.action,
      post('/admin/people/invite', { email: 'sneaky@example.com', name: '', role: 'admin', startDate: '' }, await cookieFor(leader.id)),
    )
    expect(res.status).toBe(403)
    expect(await db.user.count({ where: { email: 'sneaky@example.com' } })).toBe(0)
  })
})

describe('password reset', () => {
  it('mails a single-use link that sets a new password and ends every other session', async () => {
    const person = await createPerson({ email: 'forgetful@example.com' })
    const oldSession = await cookieFor(person.id)
    const res = await call(forgot.action, post('/forgot-password', { email: 'forgetful@example.com' }))
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe('/login')
    expect((await toastOf(res)).toast).toMatchObject({
      title: 'Check your mail',
      description: expect.stringMatching(/^If an active account uses that address/),
    })
    await settleBackgroundMail()
    const token = await lastLinkTo('forgetful@example.com', 'reset-password')
    const row = await db.oneTimeToken.findFirstOrThrow({ where: { userId: person.id, purpose: 'reset' } })
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeLessThanOrEqual(60 * 60 * 1000 + 1000)
    expect(row.tokenHash).not.toContain(token)

    const done = await call(
      reset.action,
      post(`/reset-password/${token}`, { password: 'sea glass and driftwood', confirmPassword: 'sea glass and driftwood' }),
      { token },
    )
    expect(done.status).toBe(302)
    expect(done.headers.get('Location')).toBe('/')
    expect((await toastOf(done)).toast?.description).toBe('Your password has been changed and you are signed in.')
    expect((await call(home.loader, get('/', oldSession))).status).toBe(302)
    expect((await call(home.loader, get('/', sessionCookieFrom(done.headers)!))).status).toBe(200)

    expect((await call(login.action, post('/login', { email: 'forgetful@example.com', password: TEST_PASSWORD }))).status).toBe(400)
    expect((await call(login.action, post('/login', { email: 'forgetful@example.com', password: 'sea glass and driftwood' }))).status).toBe(
      302,
    )
    expect((await call(reset.loader, get(`/reset-password/${token}`), { token })).body).toEqual({ state: 'used' })
  })

  it('answers the same whether or not the address has an account', async () => {
    const known = await createPerson({ email: 'exists@example.com' })
    const a = await call(forgot.action, post('/forgot-password', { email: 'exists@example.com' }))
    const b = await call(forgot.action, post('/forgot-password', { email: 'does-not-exist@example.com' }))
    expect([a.status, a.headers.get('Location')]).toEqual([b.status, b.headers.get('Location')])
    // The same message too, and nothing of the address in the answer.
    const [toastA, toastB] = [(await toastOf(a)).toast, (await toastOf(b)).toast]
    expect({ ...toastA, id: '' }).toEqual({ ...toastB, id: '' })
    expect(JSON.stringify(toastB)).not.toContain('does-not-exist')
    await settleBackgroundMail()
    expect(await db.outboxMail.count({ where: { to: 'exists@example.com' } })).toBe(1)
    expect(await db.outboxMail.count({ where: { to: 'does-not-exist@example.com' } })).toBe(0)
    expect(known.id).toBeTruthy()
  })

  it('refuses an address that is not one, or too long, with the schema’s message, and sends nothing', async () => {
    const before = await db.outboxMail.count()
    const bad = await call(forgot.action, post('/forgot-password', { email: 'not-an-address' }))
    expect(bad.status).toBe(400)
    expect(errorsOf(bad.body).email).toBe('Enter an email address like name@example.com.')
    expect(valuesOf(bad.body).email).toBe('not-an-address')
    const empty = await call(forgot.action, post('/forgot-password', { email: '' }))
    expect(errorsOf(empty.body).email).toBe('Enter an email address.')
    const long = await call(forgot.action, post('/forgot-password', { email: `${'a'.repeat(250)}@example.com` }))
    expect(long.status).toBe(400)
    expect(errorsOf(long.body).email).toBe('That email address is too long.')
    await settleBackgroundMail()
    expect(await db.outboxMail.count()).toBe(before)
  })

  it('never sends a typed password back when a new one is refused', async () => {
    await createPerson({ email: 'typist@example.com' })
    await call(forgot.action, post('/forgot-password', { email: 'typist@example.com' }))
    await settleBackgroundMail()
    const token = await lastLinkTo('typist@example.com', 'reset-password')
    const mismatch = await call(
      reset.action,
      post(`/reset-password/${token}`, { password: 'sea glass and driftwood', confirmPassword: 'sea glass and driftwoot' }),
      { token },
    )
    expect(mismatch.status).toBe(400)
    expect(errorsOf(mismatch.body).confirmPassword).toBe('The two passwords do not match.')
    expect(JSON.stringify(mismatch.body)).not.toContain('driftwoo')
  })

  it('says when a reset link has expired', async () => {
    await createPerson({ email: 'slow@example.com' })
    await call(forgot.action, post('/forgot-password', { email: 'slow@example.com' }))
    await settleBackgroundMail()
    const token = await lastLinkTo('slow@example.com', 'reset-password')
    await db.oneTimeToken.updateMany({ where: { user: { email: 'slow@example.com' } }, data: { expiresAt: new Date(Date.now() - 1) } })
    expect((await call(reset.loader, get(`/reset-password/${token}`), { token })).body).toEqual({ state: 'expired' })
    const attempt = await call(
      reset.action,
      post(`/reset-password/${token}`, { password: 'sea glass and driftwood', confirmPassword: 'sea glass and driftwood' }),
      { token },
    )
    expect(attempt.status).toBe(410)
  })
})
