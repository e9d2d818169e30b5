import { beforeAll, describe, expect, it } from 'vitest'
import * as adminRoute from '~/routes/admin.readiness'
import { syncContent } from '~/models/content.server'
import { recordObservation } from '~/models/readiness.server'
import { sendReadinessReminders } from '~/models/reminders.server'
import { readContentFiles, readShippedFramework } from '~/utils/content-files.server'
import { db } from '~/utils/db.server'
import { constraintOf } from '~/utils/forms'
import { cookieFor, createPerson } from '../factories'
import { call, get, post, errorsOf, toastOf } from '../setup/remix'

beforeAll(async () => {
  await syncContent(readContentFiles(), readShippedFramework())
})

type AdminData = Awaited<ReturnType<typeof adminRoute.loader>>

describe('readiness administration', () => {
  it('the framework is versioned, validated, and a removed competency with evidence is archived, not deleted', async () => {
    const admin = await createPerson({ role: 'admin' })
    const cookie = await cookieFor(admin.id)
    const page = (await call(adminRoute.loader, get('/admin/readiness', cookie))).body as AdminData
    expect(page.framework.current).toBe(1)

    const bad = await call(
      adminRoute.action,
      post(
        '/admin/readiness',
        { intent: 'framework', source: page.framework.source.replace('id: knows-the-mission', 'id: Knows The Mission') },
        cookie,
      ),
    )
    expect(bad.status).toBe(400)
    expect(errorsOf(bad.body).form).toMatch(/pillars\.0\.competencies\.0\.id/)
    expect(await db.frameworkVersion.count()).toBe(1)

    // Evidence for one competency; then remove it and another one without evidence.
    const person = await createPerson()
    await recordObservation({
      observerId: admin.id,
      userId: person.id,
      competencyId: 'clients-success',
      rating: 2,
      note: '',
      observedAt: new Date(),
    })
    const without = page.framework.source
      .replace(/\n {6}- id: useful-information[\s\S]*?(?=\n {6}- id: extraordinary-help)/, '')
      .replace(/\n {6}- id: clients-success[\s\S]*$/, '\n')
    const saved = await call(adminRoute.action, post('/admin/readiness', { intent: 'framework', source: without }, cookie))
    expect(saved.status).toBe(302)
    expect(saved.headers.get('Location')).toBe('/admin/readiness')
    expect((await toastOf(saved)).toast?.description).toBe('Framework saved as a new version; readiness has been recomputed.')
    expect(await db.frameworkVersion.count()).toBe(2)
    expect(await db.competency.findUnique({ where: { id: 'useful-information' } })).toBeNull()
    expect((await db.competency.findUniqueOrThrow({ where: { id: 'clients-success' } })).archivedAt).not.toBeNull()
    // Readiness was recomputed without the archived competency.
    expect(await db.readinessEstimate.count({ where: { userId: person.id, competencyId: 'clients-success' } })).toBe(0)

    // Putting the original back restores both, as version 3.
    await call(adminRoute.action, post('/admin/readiness', { intent: 'framework', source: page.framework.source }, cookie))
    expect((await db.competency.findUniqueOrThrow({ where: { id: 'clients-success' } })).archivedAt).toBeNull()
    expect(await db.competency.count({ where: { archivedAt: null } })).toBe(8)
    expect(await db.frameworkVersion.count()).toBe(3)
  })

  it('settings are checked, and a change recomputes every estimate', async () => {
    const admin = await createPerson({ role: 'admin' })
    const cookie = await cookieFor(admin.id)
    const bad = await call(
      adminRoute.action,
      post('/admin/readiness', { intent: 'settings', halfLifeDays: '3', readyLowerBound: '70', roleModelLowerBound: '60' }, cookie),
    )
    expect(bad.status).toBe(400)
    expect(errorsOf(bad.body)).toEqual({
      halfLifeDays: 'At least 7 days.',
      roleModelLowerBound: 'Role model must be above ready.',
    })

    const person = await createPerson()
    const old = new Date(Date.now() - 100 * 86_400_000)
    await recordObservation({
      observerId: admin.id,
      userId: person.id,
      competencyId: 'extraordinary-help',
      rating: 3,
      note: '',
      observedAt: old,
    })
    const before = await db.readinessEstimate.findUniqueOrThrow({
      where: { userId_competencyId: { userId: person.id, competencyId: 'extraordinary-help' } },
    })
    const ok = await call(
      adminRoute.action,
      post('/admin/readiness', { intent: 'settings', halfLifeDays: '30', readyLowerBound: '60', roleModelLowerBound: '80' }, cookie),
    )
    expect(ok.status).toBe(302)
    expect(ok.headers.get('Location')).toBe('/admin/readiness')
    expect((await toastOf(ok)).toast?.description).toBe('Settings saved; every estimate has been recomputed with them.')
    const after = await db.readinessEstimate.findUniqueOrThrow({
      where: { userId_competencyId: { userId: person.id, competencyId: 'extraordinary-help' } },
    })
    // With a 30-day half-life, evidence 100 days old counts for far less: the mean moves towards 0.5.
    expect(after.mean).toBeLessThan(before.mean)
    await db.organisation.update({ where: { id: 'default' }, data: { halfLifeDays: 180 } })
    expect((await db.organisation.findUniqueOrThrow({ where: { id: 'default' } })).name).toBe('Your organisation')
    const learner = await createPerson()
    expect((await call(adminRoute.loader, get('/admin/readiness', await cookieFor(learner.id)))).status).toBe(403)
  })

  it('refuses an unknown intent, an over-long framework and a missing number with clear messages, changing nothing', async () => {
    const admin = await createPerson({ role: 'admin' })
    const cookie = await cookieFor(admin.id)
    const versions = await db.frameworkVersion.count()
    const unknown = await call(adminRoute.action, post('/admin/readiness', { intent: 'reset-everything' }, cookie))
    expect(unknown.status).toBe(400)
    expect(errorsOf(unknown.body)).toEqual({ form: 'That action is not available here.' })
    const long = await call(adminRoute.action, post('/admin/readiness', { intent: 'framework', source: 'x'.repeat(50_001) }, cookie))
    expect(long.status).toBe(400)
    expect(errorsOf(long.body).source).toBe('The framework is too long: at most 50,000 characters.')
    expect(constraintOf(adminRoute.FrameworkSchema).source).toMatchObject({ maxLength: 50_000 })
    expect(await db.frameworkVersion.count()).toBe(versions)
    const halfLife = (await db.organisation.findUniqueOrThrow({ where: { id: 'default' } })).halfLifeDays
    const missing = await call(
      adminRoute.action,
      post('/admin/readiness', { intent: 'settings', halfLifeDays: '', readyLowerBound: '70', roleModelLowerBound: 'lots' }, cookie),
    )
    expect(missing.status).toBe(400)
    expect(errorsOf(missing.body)).toEqual({ halfLifeDays: 'Enter a number of days.', roleModelLowerBound: 'Enter a percentage.' })
    expect(constraintOf(adminRoute.ReadinessSettingsSchema).halfLifeDays).toMatchObject({ min: 7, max: 3650 })
    expect((await db.organisation.findUniqueOrThrow({ where: { id: 'default' } })).halfLifeDays).toBe(halfLife)
  })

  it('reminders go out at most once a week per person', async () => {
    const person = await createPerson({ email: 'late@example.com' })
    await db.personReadiness.create({ data: { userId: person.id, onboardingDueAt: new Date(Date.now() - 86_400_000) } })
    const now = new Date()
    expect(await sendReadinessReminders(now)).toBeGreaterThanOrEqual(1)
    expect(await sendReadinessReminders(now)).toBe(0)
    expect(await sendReadinessReminders(new Date(now.getTime() + 3 * 86_400_000))).toBe(0)
    expect(await db.outboxMail.count({ where: { to: 'late@example.com' } })).toBe(1)
    const mail = await db.outboxMail.findFirstOrThrow({ where: { to: 'late@example.com' } })
    expect(mail.text).toContain('/learn')
    expect(await sendReadinessReminders(new Date(now.getTime() + 8 * 86_400_000))).toBeGreaterThanOrEqual(1)
    expect(await db.outboxMail.count({ where: { to: 'late@example.com' } })).toBe(2)
  })
})

describe('pruning', () => {
  it('deletes expired sessions and old sign-in attempts, links and outbox mail, and keeps recent ones', async () => {
    const { pruneOldRecords } = await import('~/models/maintenance.server')
    const person = await createPerson()
    const now = new Date()
    const old = new Date(now.getTime() - 100 * 86_400_000)
    await db.loginAttempt.createMany({
      data: [
        { email: 'a@example.com', ip: '1', success: false, createdAt: old },
        { email: 'a@example.com', ip: '1', success: false, createdAt: now },
      ],
    })
    await db.outboxMail.createMany({
      data: [
        { to: 'old@example.com', subject: 's', text: 't', createdAt: old },
        { to: 'new@example.com', subject: 's', text: 't', createdAt: now },
      ],
    })
    await db.session.createMany({
      data: [
        { id: 'expired-session', userId: person.id, expiresAt: old },
        { id: 'live-session', userId: person.id, expiresAt: new Date(now.getTime() + 86_400_000) },
      ],
    })
    const pruned = await pruneOldRecords(now)
    expect(pruned).toMatchObject({ sessions: 1, loginAttempts: 1 })
    expect(pruned.outbox).toBeGreaterThanOrEqual(1)
    expect(await db.session.findUnique({ where: { id: 'live-session' } })).not.toBeNull()
    expect(await db.outboxMail.count({ where: { to: 'new@example.com' } })).toBe(1)
    expect(await db.outboxMail.count({ where: { to: 'old@example.com' } })).toBe(0)
  })
})
