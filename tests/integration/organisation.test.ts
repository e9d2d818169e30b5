import { describe, expect, it } from 'vitest'
import * as teams from '~/routes/admin.teams'
import * as settings from '~/routes/admin.settings'
import * as home from '~/routes/_index'
import { db } from '~/utils/db.server'
import { cookieFor, createPerson, createTeam } from '../factories'
import { call, get, post, errorsOf, valuesOf } from '../setup/remix'

describe('teams', () => {
  it('an admin creates a team with leaders, renames it and changes its leaders', async () => {
    const admin = await createPerson({ role: 'admin' })
    const leaderA = await createPerson({ role: 'leader' })
    const leaderB = await createPerson({ role: 'trainer' })
    const cookie = await cookieFor(admin.id)
    const created = await call(
      teams.action,
      post('/admin/teams', { intent: 'create', teamId: '', name: 'Spa', leaderIds: [leaderA.id] }, cookie),
    )
    expect(created.status).toBe(302)
    const spa = await db.team.findUniqueOrThrow({ where: { name: 'Spa' }, include: { leaders: true } })
    expect(spa.leaders.map((l) => l.userId)).toEqual([leaderA.id])

    const renamed = await call(
      teams.action,
      post('/admin/teams', { intent: 'update', teamId: spa.id, name: 'Spa & Wellness', leaderIds: [leaderA.id, leaderB.id] }, cookie),
    )
    expect(renamed.status).toBe(302)
    const after = await db.team.findUniqueOrThrow({ where: { id: spa.id }, include: { leaders: true } })
    expect(after.name).toBe('Spa & Wellness')
    expect(after.leaders.map((l) => l.userId).sort()).toEqual([leaderA.id, leaderB.id].sort())

    // The new leader now leads it: their team list is scoped to it.
    const led = await call(home.loader, get('/', await cookieFor(leaderB.id)))
    expect((led.body as { ledTeams: { name: string }[] }).ledTeams.map((t) => t.name)).toEqual(['Spa & Wellness'])
  })

  it('refuses a duplicate name, an empty name and a learner as leader, changing nothing', async () => {
    const admin = await createPerson({ role: 'admin' })
    const learner = await createPerson()
    await createTeam('Front Desk')
    const cookie = await cookieFor(admin.id)
    const dup = await call(teams.action, post('/admin/teams', { intent: 'create', teamId: '', name: 'Front Desk', leaderIds: [] }, cookie))
    expect(dup.status).toBe(400)
    expect(errorsOf(dup.body).name).toBe('A team called “Front Desk” already exists.')
    const empty = await call(teams.action, post('/admin/teams', { intent: 'create', teamId: '', name: '  ', leaderIds: [] }, cookie))
    expect(errorsOf(empty.body).name).toBe('Give the team a name.')
    const learnerLeads = await call(
      teams.action,
      post('/admin/teams', { intent: 'create', teamId: '', name: 'Night shift', leaderIds: [learner.id] }, cookie),
    )
    expect(errorsOf(learnerLeads.body).leaderIds).toMatch(/leader, trainer or admin/)
    expect(await db.team.count({ where: { name: { in: ['Front Desk', 'Night shift', ''] } } })).toBe(1)
  })
})

describe('organisation settings', () => {
  it('saves the name and mission, and refuses an empty mission with the text kept', async () => {
    const admin = await createPerson({ role: 'admin' })
    const cookie = await cookieFor(admin.id)
    const bad = await call(settings.action, post('/admin/settings', { name: 'Harbour Light', mission: 'Be nice' }, cookie))
    expect(bad.status).toBe(400)
    expect(errorsOf(bad.body).mission).toMatch(/at least a sentence/)
    expect(valuesOf(bad.body).mission).toBe('Be nice')
    const ok = await call(
      settings.action,
      post('/admin/settings', { name: 'Harbour Light', mission: 'Every guest feels someone here is on their side.' }, cookie),
    )
    expect(ok.status).toBe(302)
    const page = await call(home.loader, get('/', cookie))
    expect((page.body as { org: { mission: string } }).org.mission).toBe('Every guest feels someone here is on their side.')
  })
})
