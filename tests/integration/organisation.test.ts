import { describe, expect, it } from 'vitest'
import * as teams from '~/routes/admin.teams'
import * as person from '~/routes/admin.people.$id'
import * as invite from '~/routes/admin.people.invite'
import * as settings from '~/routes/admin.settings'
import * as home from '~/routes/_index'
import { db } from '~/utils/db.server'
import { constraintOf } from '~/utils/forms'
import { cookieFor, createPerson, createTeam } from '../factories'
import { call, get, post, errorsOf, valuesOf, toastOf } from '../setup/remix'

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
    expect(created.headers.get('Location')).toBe('/admin/teams')
    expect((await toastOf(created)).toast?.description).toBe('Saved “Spa”.')
    const spa = await db.team.findUniqueOrThrow({ where: { name: 'Spa' }, include: { leaders: true } })
    expect(spa.leaders.map((l) => l.userId)).toEqual([leaderA.id])

    const renamed = await call(
      teams.action,
      post('/admin/teams', { intent: 'update', teamId: spa.id, name: 'Spa & Wellness', leaderIds: [leaderA.id, leaderB.id] }, cookie),
    )
    expect(renamed.status).toBe(302)
    expect(renamed.headers.get('Location')).toBe('/admin/teams')
    expect((await toastOf(renamed)).toast?.description).toBe('Saved “Spa & Wellness”.')
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

  it('refuses an over-long name with the schema’s limit and an unknown intent with a plain message, changing nothing', async () => {
    const admin = await createPerson({ role: 'admin' })
    const cookie = await cookieFor(admin.id)
    const before = await db.team.count()
    const long = await call(
      teams.action,
      post('/admin/teams', { intent: 'create', teamId: '', name: 'x'.repeat(81), leaderIds: [] }, cookie),
    )
    expect(long.status).toBe(400)
    expect(errorsOf(long.body).name).toBe('Use at most 80 characters.')
    expect(valuesOf(long.body).name).toBe('x'.repeat(81))
    expect(constraintOf(teams.TeamSchema).name).toMatchObject({ maxLength: 80 })
    const unknown = await call(teams.action, post('/admin/teams', { intent: 'delete', teamId: '', name: 'Gone' }, cookie))
    expect(unknown.status).toBe(400)
    expect(errorsOf(unknown.body)).toEqual({ form: 'That action is not available here.' })
    const badWork = await call(teams.action, post('/admin/teams', { intent: 'create', name: 'Pool', workRole: 'astronaut' }, cookie))
    expect(errorsOf(badWork.body).workRole).toBe('Choose the team’s work from the list.')
    expect(await db.team.count()).toBe(before)
  })
})

describe('a person’s admin page', () => {
  const act = (id: string, form: Record<string, string | string[]>, cookie: string) =>
    call(person.action, post(`/admin/people/${id}`, form, cookie), { id })

  it('confirms each change with a toast on a clean address', async () => {
    const admin = await createPerson({ role: 'admin' })
    const team = await createTeam('Concierge')
    const target = await createPerson({ name: 'Ada Target' })
    const cookie = await cookieFor(admin.id)
    const here = `/admin/people/${target.id}`
    const steps: [Record<string, string | string[]>, string][] = [
      [{ intent: 'update', name: 'Ada Renamed', role: 'leader', teamIds: [team.id] }, 'Changes saved.'],
      [{ intent: 'deactivate' }, 'Deactivated. They are signed out and cannot sign in.'],
      [{ intent: 'reactivate' }, 'Reactivated.'],
    ]
    for (const [form, message] of steps) {
      const res = await act(target.id, form, cookie)
      expect([res.status, res.headers.get('Location')]).toEqual([302, here])
      expect((await toastOf(res)).toast?.description).toBe(message)
    }
    expect(await db.user.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({
      name: 'Ada Renamed',
      role: 'leader',
      status: 'active',
    })

    const invited = await createPerson({ status: 'invited', email: 'pending@example.com' })
    const resent = await act(invited.id, { intent: 'resend' }, cookie)
    expect([resent.status, resent.headers.get('Location')]).toEqual([302, `/admin/people/${invited.id}`])
    expect((await toastOf(resent)).toast?.description).toBe(
      'Invite sent to pending@example.com. The link is in the outbox if no mail server is set up.',
    )
    const notPending = await act(target.id, { intent: 'resend' }, cookie)
    expect(notPending.status).toBe(400)
    expect(errorsOf(notPending.body).form).toBe('Only people who have not accepted their invite can get a new one.')
  })

  it('refuses an unknown intent, an over-long or empty name and an unconfirmed erase, changing nothing', async () => {
    const admin = await createPerson({ role: 'admin' })
    const target = await createPerson({ name: 'Bo Unchanged' })
    const cookie = await cookieFor(admin.id)
    for (const intent of ['promote-to-owner', '']) {
      const res = await act(target.id, { intent, name: 'Bo Hacked', role: 'admin' }, cookie)
      expect(res.status).toBe(400)
      expect(errorsOf(res.body)).toEqual({ form: 'That action is not available here.' })
    }
    const long = await act(target.id, { intent: 'update', name: 'B'.repeat(101), role: 'learner' }, cookie)
    expect(long.status).toBe(400)
    expect(errorsOf(long.body).name).toBe('Use at most 100 characters.')
    expect(valuesOf(long.body).name).toBe('B'.repeat(101))
    expect(constraintOf(person.UpdatePersonSchema).name).toMatchObject({ maxLength: 100 })
    const empty = await act(target.id, { intent: 'update', name: ' ', role: 'learner' }, cookie)
    expect(errorsOf(empty.body).name).toBe('Enter a name.')
    const role = await act(target.id, { intent: 'update', name: 'Bo', role: 'owner' }, cookie)
    expect(errorsOf(role.body).role).toBe('Choose a role.')
    const erase = await act(target.id, { intent: 'erase', confirm: 'erase' }, cookie)
    expect(erase.status).toBe(400)
    expect(errorsOf(erase.body).confirm).toBe('Type ERASE in capitals to confirm: this cannot be undone.')
    expect(await db.user.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({ name: 'Bo Unchanged', role: 'learner' })
  })

  it('the invite form refuses over-long input with the schema’s messages', async () => {
    const admin = await createPerson({ role: 'admin' })
    const cookie = await cookieFor(admin.id)
    const res = await call(
      invite.action,
      post('/admin/people/invite', { email: `${'a'.repeat(250)}@example.com`, name: 'N'.repeat(101), role: 'learner' }, cookie),
    )
    expect(res.status).toBe(400)
    expect(errorsOf(res.body)).toMatchObject({ email: 'That email address is too long.', name: 'Use at most 100 characters.' })
    expect(constraintOf(invite.InviteSchema)).toMatchObject({ email: { maxLength: 254 }, name: { maxLength: 100 } })
    const date = await call(
      invite.action,
      post('/admin/people/invite', { email: 'd@example.com', role: 'learner', startDate: '1 May' }, cookie),
    )
    expect(errorsOf(date.body).startDate).toBe('Enter a date like 2026-12-01.')
    expect(await db.user.count({ where: { email: { in: ['d@example.com'] } } })).toBe(0)
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
