import { beforeAll, describe, expect, it } from 'vitest'
import * as auditRoute from '~/routes/admin.audit'
import * as peopleRoute from '~/routes/admin.people.$id'
import * as teamsRoute from '~/routes/admin.teams'
import * as lessonRoute from '~/routes/content.lessons.$slug'
import { syncContent } from '~/models/content.server'
import { readContentFiles, readShippedFramework } from '~/utils/content-files.server'
import { db } from '~/utils/db.server'
import { cookieFor, createPerson, createTeam } from '../factories'
import { call, get, post } from '../setup/remix'

beforeAll(async () => {
  await syncContent(readContentFiles(), readShippedFramework())
})

type AuditData = Awaited<ReturnType<typeof auditRoute.loader>>

describe('the audit log', () => {
  it('records publishing, role and team changes, deactivation and reactivation, with who did them, for admins only', async () => {
    const admin = await createPerson({ role: 'admin', name: 'Ada Admin' })
    const cookie = await cookieFor(admin.id)
    const team = await createTeam('Audit desk')
    const person = await createPerson({ name: 'Pat Person' })

    await call(teamsRoute.action, post('/admin/teams', { intent: 'create', name: 'Night audit', leaderIds: [admin.id] }, cookie))
    await call(
      peopleRoute.action,
      post(`/admin/people/${person.id}`, { intent: 'update', name: 'Pat Person', role: 'leader', teamIds: [team.id] }, cookie),
      { id: person.id },
    )
    await call(peopleRoute.action, post(`/admin/people/${person.id}`, { intent: 'deactivate' }, cookie), { id: person.id })
    await call(peopleRoute.action, post(`/admin/people/${person.id}`, { intent: 'reactivate' }, cookie), { id: person.id })

    const trainer = await createPerson({ role: 'trainer', name: 'Tess Trainer' })
    const editor = (await call(lessonRoute.loader, get('/content/lessons/valerie', await cookieFor(trainer.id)), { slug: 'valerie' }))
      .body as Awaited<ReturnType<typeof lessonRoute.loader>>
    const published = await call(
      lessonRoute.action,
      post(
        '/content/lessons/valerie',
        {
          intent: 'publish',
          revision: String(editor.lesson.revision),
          ...editor.fields,
          competencies: editor.fields.competencies,
          competencyOrder: editor.fields.competencies.join(','),
        },
        await cookieFor(trainer.id),
      ),
      { slug: 'valerie' },
    )
    expect(published.status).toBe(302)

    const log = (await call(auditRoute.loader, get('/admin/audit', cookie))).body as AuditData
    const rows = log.events.map((e) => [e.actor, e.action, e.summary])
    expect(rows).toEqual(
      expect.arrayContaining([
        ['Ada Admin', 'team.created', 'Created the team Night audit, led by Ada Admin'],
        ['Ada Admin', 'person.updated', 'Pat Person: role learner → leader, teams: Audit desk'],
        ['Ada Admin', 'person.deactivated', expect.stringContaining('Deactivated Pat Person')],
        ['Ada Admin', 'person.reactivated', expect.stringContaining('Reactivated Pat Person')],
        ['Tess Trainer', 'lesson.published', 'Published “What Valerie asked” as version 2'],
      ]),
    )
    const filtered = (await call(auditRoute.loader, get('/admin/audit?action=person.deactivated', cookie))).body as AuditData
    expect(filtered.events.every((e) => e.action === 'person.deactivated')).toBe(true)
    expect(filtered.filter).toEqual({ action: 'person.deactivated', page: 1 })
    // A query the log does not understand shows the whole log, first page, and repeats none of it.
    for (const query of ['action=<script>x</script>&page=-3', 'action=&page=', 'page=1e9', 'page=2.5&action=drop']) {
      const odd = await call(auditRoute.loader, get(`/admin/audit?${query}`, cookie))
      expect(odd.status).toBe(200)
      expect((odd.body as AuditData).filter).toEqual({ page: 1 })
      expect((odd.body as AuditData).total).toBe(log.total)
    }
    expect(await db.auditEvent.count()).toBeGreaterThanOrEqual(5)
    expect((await call(auditRoute.loader, get('/admin/audit', await cookieFor(trainer.id)))).status).toBe(403)
  })
})
