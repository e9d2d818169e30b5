import { renderToString } from 'react-dom/server'
import { createElement } from 'react'
import { createStaticHandler, createStaticRouter, Outlet, StaticRouterProvider } from 'react-router'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import * as settings from '~/routes/admin.settings'
import * as audit from '~/routes/admin.audit'
import * as employee from '~/routes/people.$id_.readiness'
import * as root from '~/root'
import { syncContent } from '~/models/content.server'
import { assignDefaultPath } from '~/models/learning.server'
import { forgetCached } from '~/utils/cache.server'
import { readContentFiles, readShippedFramework } from '~/utils/content-files.server'
import { db } from '~/utils/db.server'
import { cookieFor, createPerson, createTeam } from '../factories'
import { call, errorsOf, get, post, toastOf } from '../setup/remix'

beforeAll(async () => {
  await syncContent(readContentFiles(), readShippedFramework())
})

afterEach(async () => {
  vi.useRealTimers()
  await db.organisation.updateMany({ data: { timeZone: 'UTC' } })
  forgetCached()
})

async function setZone(timeZone: string) {
  await db.organisation.upsert({
    where: { id: 'default' },
    create: { id: 'default', name: 'Harbour Light', mission: 'Every guest feels someone here is on their side.', timeZone },
    update: { timeZone },
  })
  forgetCached()
}

const MISSION = 'Every guest feels someone here is on their side.'

/** A learner on the onboarding path whose first module (due after 3 days) is due on 5 Dec 2026. */
async function onboardingLearner() {
  const learner = await createPerson()
  await assignDefaultPath(db, [{ userId: learner.id, startDate: new Date('2026-12-02T00:00:00Z') }])
  return learner
}
const dueAtFor = async (userId: string) =>
  (await db.personReadiness.findUniqueOrThrow({ where: { userId } })).onboardingDueAt?.toISOString()

describe('the organisation’s time zone', () => {
  it('an admin sets it on the Organisation page; the change is audit-logged and reaches every page', async () => {
    const admin = await createPerson({ role: 'admin' })
    const learner = await onboardingLearner()
    expect(await dueAtFor(learner.id)).toBe('2026-12-06T00:00:00.000Z')
    const cookie = await cookieFor(admin.id)
    const page = await call(settings.loader, get('/admin/settings', cookie))
    const zones = (page.body as { timeZones: string[] }).timeZones
    expect(zones[0]).toBe('UTC')
    expect(zones).toContain('Pacific/Auckland')

    const saved = await call(
      settings.action,
      post('/admin/settings', { name: 'Harbour Light', mission: MISSION, timeZone: 'Pacific/Auckland' }, cookie),
    )
    expect(saved.status).toBe(302)
    expect((await toastOf(saved)).toast?.description).toBe('The organisation’s name, mission and time zone (Pacific/Auckland) are saved.')
    expect((await db.organisation.findUniqueOrThrow({ where: { id: 'default' } })).timeZone).toBe('Pacific/Auckland')
    const events = await db.auditEvent.findMany({ where: { action: 'organisation.time_zone' } })
    expect(events.map((e) => [e.actorId, e.summary])).toEqual([[admin.id, 'Time zone UTC → Pacific/Auckland']])

    // Onboarding due dates were recomputed for the new zone: a module due on 5 Dec ends at Auckland's midnight.
    expect(await dueAtFor(learner.id)).toBe('2026-12-05T11:00:00.000Z')

    const rootData = await call(root.loader, get('/', cookie))
    expect((rootData.body as { timeZone: string }).timeZone).toBe('Pacific/Auckland')

    // Saving again with the same zone logs nothing more.
    await call(settings.action, post('/admin/settings', { name: 'Harbour Light', mission: MISSION, timeZone: 'Pacific/Auckland' }, cookie))
    expect(await db.auditEvent.count({ where: { action: 'organisation.time_zone' } })).toBe(1)
  })

  it('an unknown or over-long zone is refused with a clear message and nothing changes', async () => {
    const admin = await createPerson({ role: 'admin' })
    const cookie = await cookieFor(admin.id)
    await setZone('Europe/London')
    await db.organisation.update({ where: { id: 'default' }, data: { name: 'Harbour Light', mission: MISSION } })
    const auditBefore = await db.auditEvent.count()
    for (const timeZone of ['Mars/Olympus_Mons', 'Europe/London; DROP TABLE', 'x'.repeat(5000), 'GMT+25']) {
      const bad = await call(settings.action, post('/admin/settings', { name: 'Renamed', mission: MISSION, timeZone }, cookie))
      expect(bad.status).toBe(400)
      expect(errorsOf(bad.body).timeZone).toBe('Choose a time zone from the list (an IANA name such as Europe/London).')
    }
    const org = await db.organisation.findUniqueOrThrow({ where: { id: 'default' } })
    expect([org.timeZone, org.name]).toEqual(['Europe/London', 'Harbour Light'])
    expect(await db.auditEvent.count()).toBe(auditBefore)
  })

  it('only an admin may change it', async () => {
    const leader = await createPerson({ role: 'leader' })
    const response = await call(
      settings.action,
      post('/admin/settings', { name: 'Harbour Light', mission: MISSION, timeZone: 'Pacific/Auckland' }, await cookieFor(leader.id)),
    )
    expect(response.status).toBe(403)
    expect((await db.organisation.findUnique({ where: { id: 'default' } }))?.timeZone ?? 'UTC').toBe('UTC')
  })
})

describe('observation dates are days in the organisation’s zone', () => {
  async function leaderAndPerson() {
    const leader = await createPerson({ role: 'leader' })
    const team = await createTeam(undefined, [leader.id])
    const person = await createPerson({ teamIds: [team.id] })
    return { cookie: await cookieFor(leader.id), person }
  }
  const observe = (personId: string, observedAt: string, cookie: string) =>
    call(
      employee.action,
      post(`/people/${personId}/readiness`, { competencyId: 'extraordinary-help', rating: '3', note: '', observedAt }, cookie),
      { id: personId },
    )

  it('in Auckland at 00:30, while UTC is still on yesterday, today is accepted and tomorrow is refused', async () => {
    const { cookie, person } = await leaderAndPerson()
    await setZone('Pacific/Auckland')
    // 2026-12-05 00:30 NZDT is 2026-12-04 11:30 UTC.
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-12-04T11:30:00Z'))

    const today = await observe(person.id, '2026-12-05', cookie)
    expect(today.status).toBe(302)
    const saved = await db.observation.findMany({ where: { userId: person.id } })
    // Stored as the start of that day in Auckland.
    expect(saved.map((o) => o.observedAt.toISOString())).toEqual(['2026-12-04T11:00:00.000Z'])

    const tomorrow = await observe(person.id, '2026-12-06', cookie)
    expect(tomorrow.status).toBe(400)
    expect(errorsOf(tomorrow.body).observedAt).toBe('The date cannot be in the future.')
    expect(await db.observation.count({ where: { userId: person.id } })).toBe(1)
  })

  it('the same moment in a UTC organisation: the Auckland date is still tomorrow', async () => {
    const { cookie, person } = await leaderAndPerson()
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-12-04T11:30:00Z'))
    const refused = await observe(person.id, '2026-12-05', cookie)
    expect(errorsOf(refused.body).observedAt).toBe('The date cannot be in the future.')
    expect(await db.observation.count({ where: { userId: person.id } })).toBe(0)
  })

  it('in Los Angeles at 23:30, when UTC has moved on, the UTC date is refused as the future', async () => {
    const { cookie, person } = await leaderAndPerson()
    await setZone('America/Los_Angeles')
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-12-05T07:30:00Z'))
    expect(errorsOf((await observe(person.id, '2026-12-05', cookie)).body).observedAt).toBe('The date cannot be in the future.')
    expect((await observe(person.id, '2026-12-04', cookie)).status).toBe(302)
    const saved = await db.observation.findFirstOrThrow({ where: { userId: person.id } })
    expect(saved.observedAt.toISOString()).toBe('2026-12-04T08:00:00.000Z')
  })

  it('refuses a date that is not a day, and one more than a year back', async () => {
    const { cookie, person } = await leaderAndPerson()
    for (const [observedAt, message] of [
      ['2026-02-30', 'Give the date you saw it, like 2026-12-01.'],
      ['yesterday', 'Give the date you saw it, like 2026-12-01.'],
      ['2020-01-01', 'Record what you saw within the last year.'],
    ]) {
      const response = await observe(person.id, observedAt!, cookie)
      expect(response.status).toBe(400)
      expect(errorsOf(response.body).observedAt).toBe(message)
    }
    expect(await db.observation.count({ where: { userId: person.id } })).toBe(0)
  })
})

describe('pages render dates in the organisation’s zone', () => {
  it('the audit log shows an event at 11:30 UTC as 00:30 the next day in Auckland, the same on server and browser', async () => {
    const admin = await createPerson({ role: 'admin' })
    await setZone('Pacific/Auckland')
    await db.auditEvent.create({
      data: {
        actorId: admin.id,
        action: 'team.created',
        subject: 'team',
        summary: 'Team Night shift',
        createdAt: new Date('2026-12-04T11:30:00Z'),
      },
    })
    const cookie = await cookieFor(admin.id)
    const rootData = (await call(root.loader, get('/admin/audit', cookie))).body
    const auditData = (await call(audit.loader, get('/admin/audit', cookie))).body
    // Server-render the audit log with the loaders' data, as entry.server does (the browser hydrates
    // the same HTML: the zone comes from the root loader, never from the machine's own zone).
    const { query, dataRoutes } = createStaticHandler([
      {
        id: 'root',
        path: '/',
        loader: () => rootData,
        Component: () => createElement('main', null, createElement(Outlet)),
        children: [{ id: 'audit', path: 'admin/audit', loader: () => auditData, Component: audit.default }],
      },
    ])
    const context = await query(new Request('http://localhost/admin/audit'))
    if (context instanceof Response) throw new Error('unexpected redirect')
    const html = renderToString(createElement(StaticRouterProvider, { router: createStaticRouter(dataRoutes, context), context }))
    const text = html.replaceAll('<!-- -->', '')
    expect(text).toContain('When (Pacific/Auckland)')
    expect(text).toContain('<td>5 Dec 2026, 00:30:00</td>')
    expect(text).not.toContain('4 Dec 2026, 11:30:00')
  })
})
