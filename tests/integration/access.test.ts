import { describe, expect, it } from 'vitest'
import * as person from '~/routes/people.$id'
import * as team from '~/routes/team'
import * as lesson from '~/routes/learn.$slug'
import { syncContent } from '~/models/content.server'
import { readContentFiles, readShippedFramework } from '~/utils/content-files.server'
import * as adminPeople from '~/routes/admin.people._index'
import * as adminPerson from '~/routes/admin.people.$id'
import * as adminSettings from '~/routes/admin.settings'
import * as content from '~/routes/content._index'
import * as login from '~/routes/login'
import * as healthz from '~/routes/healthz'
import { db } from '~/utils/db.server'
import { cookieFor, createPerson, createTeam, TEST_PASSWORD } from '../factories'
import { call, errorsOf, get, post } from '../setup/remix'

async function twoTeams() {
  const leader = await createPerson({ role: 'leader' })
  const front = await createTeam(undefined, [leader.id])
  const kitchen = await createTeam()
  const mine = await createPerson({ teamIds: [front.id] })
  const theirs = await createPerson({ teamIds: [kitchen.id] })
  return { leader, front, kitchen, mine, theirs }
}

describe('scope on the server', () => {
  it('a leader reads an employee of a team they lead, and is refused one of another team', async () => {
    const { leader, mine, theirs } = await twoTeams()
    const cookie = await cookieFor(leader.id)
    const ok = await call(person.loader, get(`/people/${mine.id}`, cookie), { id: mine.id })
    expect(ok.status).toBe(200)
    expect((ok.body as { person: { email: string } }).person.email).toBe(mine.email)
    const refused = await call(person.loader, get(`/people/${theirs.id}`, cookie), { id: theirs.id })
    expect(refused.status).toBe(404)
    expect(JSON.stringify(refused.body)).not.toContain(theirs.email)
  })

  it("a leader's team list holds only their teams' people, whatever team is asked for", async () => {
    const { leader, kitchen, mine, theirs } = await twoTeams()
    const cookie = await cookieFor(leader.id)
    const all = await call(team.loader, get('/team', cookie))
    const emails = (all.body as { people: { email: string }[] }).people.map((p) => p.email)
    expect(emails).toContain(mine.email)
    expect(emails).not.toContain(theirs.email)
    const widened = await call(team.loader, get(`/team?teamId=${kitchen.id}`, cookie))
    expect((widened.body as { people: unknown[] }).people).toEqual([])
  })

  it('a leader may open the lessons their readiness pages suggest (the links go to the lesson itself)', async () => {
    await syncContent(readContentFiles(), readShippedFramework())
    const { leader } = await twoTeams()
    const cookie = await cookieFor(leader.id)
    const page = await call(lesson.loader, get('/learn/valerie', cookie), { slug: 'valerie' })
    expect(page.status).toBe(200)
    // The leader reads it as themselves: no one else's answers come with it.
    expect((page.body as { reflections: object; checks: object }).checks).toEqual({})
    expect((await call(lesson.loader, get('/learn/valerie'), { slug: 'valerie' })).status).toBe(302)
  })

  it('a learner reads their own page and is refused another learner', async () => {
    const { front } = await twoTeams()
    const me = await createPerson({ teamIds: [front.id] })
    const colleague = await createPerson({ teamIds: [front.id] })
    const cookie = await cookieFor(me.id)
    expect((await call(person.loader, get(`/people/${me.id}`, cookie), { id: me.id })).status).toBe(200)
    const refused = await call(person.loader, get(`/people/${colleague.id}`, cookie), { id: colleague.id })
    expect(refused.status).toBe(404)
    expect((await call(team.loader, get('/team', cookie))).status).toBe(403)
  })

  it('a trainer manages content but does not see employees outside teams they lead', async () => {
    const { mine } = await twoTeams()
    const trainer = await createPerson({ role: 'trainer' })
    const cookie = await cookieFor(trainer.id)
    expect((await call(content.loader, get('/content', cookie))).status).toBe(200)
    expect((await call(person.loader, get(`/people/${mine.id}`, cookie), { id: mine.id })).status).toBe(404)
    expect((await call(adminPeople.loader, get('/admin/people', cookie))).status).toBe(403)
  })

  it('admin pages refuse everyone but admins, and signed-out visitors go to sign-in', async () => {
    const { leader } = await twoTeams()
    const learner = await createPerson()
    for (const p of [leader, learner]) {
      const cookie = await cookieFor(p.id)
      expect((await call(adminPeople.loader, get('/admin/people', cookie))).status).toBe(403)
      expect(
        (await call(adminSettings.action, post('/admin/settings', { name: 'Hijacked', mission: 'A mission nobody agreed on.' }, cookie)))
          .status,
      ).toBe(403)
    }
    expect(await db.organisation.count({ where: { name: 'Hijacked' } })).toBe(0)
    const anonymous = await call(adminPeople.loader, get('/admin/people?q=x'))
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('Location')).toBe('/login?redirectTo=%2Fadmin%2Fpeople%3Fq%3Dx')
  })

  it('refuses a malformed filter with 400 rather than guessing', async () => {
    const admin = await createPerson({ role: 'admin' })
    const res = await call(adminPeople.loader, get('/admin/people?role=overlord', await cookieFor(admin.id)))
    expect(res.status).toBe(400)
  })
})

describe('admin people management', () => {
  it('searches and filters people by team and role', async () => {
    const admin = await createPerson({ role: 'admin' })
    const t = await createTeam('Searchable team')
    await createPerson({ name: 'Valerie Dubois', teamIds: [t.id] })
    await createPerson({ name: 'Valentin Roy', role: 'trainer' })
    const cookie = await cookieFor(admin.id)
    const names = async (qs: string) =>
      ((await call(adminPeople.loader, get(`/admin/people?${qs}`, cookie))).body as { people: { name: string }[] }).people.map(
        (p) => p.name,
      )
    expect(await names('q=VAL')).toEqual(['Valentin Roy', 'Valerie Dubois'])
    expect(await names(`q=val&teamId=${t.id}`)).toEqual(['Valerie Dubois'])
    expect(await names('q=val&role=trainer')).toEqual(['Valentin Roy'])
  })

  it('changes a role, and deactivation ends sessions and stops sign-in', async () => {
    const admin = await createPerson({ role: 'admin' })
    const target = await createPerson({ email: 'leaving@example.com' })
    const adminCookie = await cookieFor(admin.id)
    const targetCookie = await cookieFor(target.id)

    const promote = await call(
      adminPerson.action,
      post(`/admin/people/${target.id}`, { intent: 'update', name: 'Leaving Soon', role: 'leader', teamIds: [] }, adminCookie),
      { id: target.id },
    )
    expect(promote.status).toBe(302)
    expect((await db.user.findUniqueOrThrow({ where: { id: target.id } })).role).toBe('leader')

    const off = await call(adminPerson.action, post(`/admin/people/${target.id}`, { intent: 'deactivate' }, adminCookie), { id: target.id })
    expect(off.status).toBe(302)
    expect(await db.session.count({ where: { userId: target.id } })).toBe(0)
    expect((await call(person.loader, get(`/people/${target.id}`, targetCookie), { id: target.id })).status).toBe(302)
    const signIn = await call(login.action, post('/login', { email: 'leaving@example.com', password: TEST_PASSWORD }))
    expect(signIn.status).toBe(403)
  })

  it('an admin cannot deactivate or demote themselves', async () => {
    const admin = await createPerson({ role: 'admin' })
    const cookie = await cookieFor(admin.id)
    const off = await call(adminPerson.action, post(`/admin/people/${admin.id}`, { intent: 'deactivate' }, cookie), { id: admin.id })
    expect(off.status).toBe(400)
    // Not about one field: the message stands above the form.
    expect(errorsOf(off.body)).toEqual({ form: 'You cannot deactivate your own account.' })
    const demote = await call(
      adminPerson.action,
      post(`/admin/people/${admin.id}`, { intent: 'update', name: 'Me', role: 'learner', teamIds: [] }, cookie),
      { id: admin.id },
    )
    expect(demote.status).toBe(400)
    expect(errorsOf(demote.body)).toEqual({ role: 'You cannot remove your own admin role.' })
    expect(await db.user.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({ role: 'admin', status: 'active' })
  })
})

describe('health', () => {
  it('answers 200 when the database is reachable', async () => {
    const res = await call(healthz.loader, get('/healthz'))
    expect(res.status).toBe(200)
  })
})
