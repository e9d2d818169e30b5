import { beforeAll, describe, expect, it } from 'vitest'
import type { ScenarioDefinition } from '~/domain/scenarios/scenario'
import * as adminPerson from '~/routes/admin.people.$id'
import * as adminExport from '~/routes/admin.people.$id_.export'
import * as ownExport from '~/routes/account.export'
import * as attemptRoute from '~/routes/attempts.$id'
import * as quizRoute from '~/routes/quizzes.$slug'
import * as player from '~/routes/learn.$slug'
import { ModelName } from '~/generated/sqlite/internal/prismaNamespace'
import { listAudit } from '~/models/audit.server'
import { syncContent } from '~/models/content.server'
import { gradeAnswer } from '~/models/grading.server'
import { recordObservation } from '~/models/readiness.server'
import { readContentFiles, readShippedFramework } from '~/utils/content-files.server'
import { db } from '~/utils/db.server'
import { cookieFor, createPerson, createTeam } from '../factories'
import { call, errorsOf, get, post, toastOf } from '../setup/remix'
import { checkOptionId, itemOptionId } from '../setup/answers'

beforeAll(async () => {
  await syncContent(readContentFiles(), readShippedFramework())
})

async function historyFor(cookie: string) {
  expect(
    (
      await call(
        player.action,
        post(
          '/learn/the-second-question',
          { intent: 'reflect', key: 'second-question', text: 'I would ask a guest what the trip is for.' },
          cookie,
        ),
        { slug: 'the-second-question' },
      )
    ).status,
  ).toBe(200)
  await call(
    player.action,
    post(
      '/learn/valerie',
      { intent: 'check', key: 'valerie-turning-point', option: await checkOptionId(cookie, 'valerie', 'valerie-turning-point', 0) },
      cookie,
    ),
    { slug: 'valerie' },
  )
  const start = await call(quizRoute.action, post('/quizzes/04-probing', {}, cookie), { slug: '04-probing' })
  const id = start.headers.get('Location')!.split('/').pop()!
  const items = await db.attemptItem.findMany({ where: { attemptId: id }, include: { version: true } })
  for (const item of items) {
    const def = JSON.parse(item.version.definition) as ScenarioDefinition
    if (def.type === 'free-text')
      await call(
        attemptRoute.action,
        post(
          `/attempts/${id}`,
          { intent: 'answer', position: String(item.position), text: 'What is the meeting for, and who is coming?' },
          cookie,
        ),
        { id },
      )
    if (def.type === 'single')
      await call(
        attemptRoute.action,
        post(`/attempts/${id}`, { intent: 'answer', position: String(item.position), option: itemOptionId(item, 0) }, cookie),
        { id },
      )
  }
  return id
}

describe('personal data', () => {
  it('exports everything stored about a person, to an admin and to the person', async () => {
    const admin = await createPerson({ role: 'admin' })
    const team = await createTeam()
    const person = await createPerson({ name: 'Erin Export', teamIds: [team.id] })
    await db.user.update({ where: { id: person.id }, data: { ssoSubject: 'provider-subject-of-erin' } })
    const cookie = await cookieFor(person.id)
    await historyFor(cookie)
    const res = await call(adminExport.loader, get(`/admin/people/${person.id}/export`, await cookieFor(admin.id)), { id: person.id })
    expect(res.headers.get('Content-Disposition')).toContain('attachment')
    const data = JSON.parse(res.body as string)
    expect(data.person).toMatchObject({ name: 'Erin Export', email: person.email, ssoSubject: 'provider-subject-of-erin' })
    expect(data.teams).toHaveLength(1)
    expect(data.reflections[0].text).toBe('I would ask a guest what the trip is for.')
    expect(data.checkAnswers).toHaveLength(1)
    expect(data.quizAttempts[0].items.length).toBe(6)
    expect(data.readiness.evidence.length).toBeGreaterThan(0)
    expect(JSON.stringify(data)).not.toContain('passwordHash')
    const own = JSON.parse((await call(ownExport.loader, get('/account/export', cookie))).body as string)
    expect(own.person.email).toBe(person.email)
    // Only admins export other people.
    expect((await call(adminExport.loader, get(`/admin/people/${admin.id}/export`, cookie), { id: admin.id })).status).toBe(403)
  })

  it('exports stored answers and grades as their values, and names a corrupt one instead of exporting it', async () => {
    const admin = await cookieFor((await createPerson({ role: 'admin' })).id)
    const person = await createPerson({ name: 'Corin Corrupt' })
    const attemptId = await historyFor(await cookieFor(person.id))
    const free = await db.attemptItem.findFirstOrThrow({ where: { attemptId, version: { type: 'free-text' } } })
    await gradeAnswer(
      free.id,
      { 'open-question': 2, 'aims-at-the-need': 1, reason: 0 },
      'Good start.',
      (await createPerson({ role: 'trainer' })).id,
    )
    const exported = async () =>
      JSON.parse((await call(adminExport.loader, get(`/admin/people/${person.id}/export`, admin), { id: person.id })).body as string)
    const item = (await exported()).quizAttempts[0].items.find((i: { position: number }) => i.position === free.position)
    expect(item).toMatchObject({
      response: { type: 'free-text', text: 'What is the meeting for, and who is coming?' },
      grade: { 'open-question': 2, 'aims-at-the-need': 1, reason: 0 },
    })
    await db.attemptItem.update({ where: { id: free.id }, data: { grade: '{"open-question":' } })
    await expect(exported()).rejects.toThrow(/^Corrupt stored grade of an answer: not JSON/)
    await db.attemptItem.update({ where: { id: free.id }, data: { grade: '{"open-question":2}', response: '{"type":"free-text"}' } })
    await expect(exported()).rejects.toThrow(/^Corrupt stored answer of an attempt item: /)
  })

  it('erases a departing employee, keeping anonymised answers for item statistics', async () => {
    const admin = await createPerson({ role: 'admin' })
    const leader = await createPerson({ role: 'leader' })
    const team = await createTeam(undefined, [leader.id])
    const person = await createPerson({ name: 'Dana Departing', teamIds: [team.id] })
    await db.user.update({ where: { id: person.id }, data: { ssoSubject: 'provider-subject-of-dana' } })
    const cookie = await cookieFor(person.id)
    const attemptId = await historyFor(cookie)
    await recordObservation({
      observerId: leader.id,
      userId: person.id,
      competencyId: 'extraordinary-help',
      rating: 2,
      note: 'Helped a guest.',
      observedAt: new Date(),
    })
    const answersBefore = await db.attemptItem.count({ where: { attemptId, answeredAt: { not: null } } })
    const adminCookie = await cookieFor(admin.id)
    // Audited actions about the person: their role and teams changed, their free-text answer graded,
    // and a row in the form the log had before it referred to people by id.
    expect(
      (
        await call(
          adminPerson.action,
          post(`/admin/people/${person.id}`, { intent: 'update', name: 'Dana Departing', role: 'learner', teamIds: team.id }, adminCookie),
          { id: person.id },
        )
      ).status,
    ).toBe(302)
    const free = await db.attemptItem.findFirstOrThrow({ where: { attemptId, version: { type: 'free-text' } }, include: { version: true } })
    const rubric = (JSON.parse(free.version.definition) as { rubric: { id: string; levels: unknown[] }[] }).rubric
    await gradeAnswer(free.id, Object.fromEntries(rubric.map((c) => [c.id, c.levels.length - 1])), 'Good probing.', leader.id)
    await db.auditEvent.create({
      data: {
        actorId: admin.id,
        action: 'person.deactivated',
        subject: `user:${person.id}`,
        summary: `Deactivated Dana Departing (${person.email})`,
      },
    })
    expect((await listAudit({ page: 1 })).events.map((e) => e.summary).join('\n')).toContain('Dana Departing')

    const unconfirmed = await call(
      adminPerson.action,
      post(`/admin/people/${person.id}`, { intent: 'erase', confirm: 'yes' }, adminCookie),
      { id: person.id },
    )
    expect(unconfirmed.status).toBe(400)
    expect(errorsOf(unconfirmed.body).confirm).toBe('Type ERASE in capitals to confirm: this cannot be undone.')
    expect((await db.user.findUniqueOrThrow({ where: { id: person.id } })).name).toBe('Dana Departing')

    const erased = await call(adminPerson.action, post(`/admin/people/${person.id}`, { intent: 'erase', confirm: 'ERASE' }, adminCookie), {
      id: person.id,
    })
    expect(erased.status).toBe(302)
    expect(erased.headers.get('Location')).toBe('/admin/people')
    expect((await toastOf(erased)).toast?.description).toBe(
      'Their personal data was erased; their answers stay, anonymised, for item statistics.',
    )
    const user = await db.user.findUniqueOrThrow({ where: { id: person.id } })
    expect(user).toMatchObject({ name: 'Former employee', status: 'deactivated', passwordHash: null })
    expect(user.email).not.toContain(person.email.split('@')[0])
    expect(await db.reflectionAnswer.count({ where: { userId: person.id } })).toBe(0)
    expect(await db.observation.count({ where: { userId: person.id } })).toBe(0)
    expect(await db.evidence.count({ where: { userId: person.id } })).toBe(0)
    expect(await db.membership.count({ where: { userId: person.id } })).toBe(0)
    expect(await db.session.count({ where: { userId: person.id } })).toBe(0)
    // The answers stay for item statistics; the free text itself is gone.
    expect(await db.attemptItem.count({ where: { attemptId, answeredAt: { not: null } } })).toBe(answersBefore)
    expect(JSON.parse((await db.attemptItem.findUniqueOrThrow({ where: { id: free.id } })).response!)).toEqual({
      type: 'free-text',
      text: '[erased]',
    })
    expect(await db.checkAnswer.count({ where: { userId: person.id } })).toBe(1)
    expect(await db.auditEvent.count({ where: { action: 'person.erased', subject: `user:${person.id}` } })).toBe(1)
    // No table, the audit log included, holds the name or the email any more; the log reads neutrally.
    for (const model of Object.values(ModelName)) {
      const delegate = (db as unknown as Record<string, { findMany(): Promise<unknown[]> }>)[
        model.charAt(0).toLowerCase() + model.slice(1)
      ]!
      const rows = JSON.stringify(await delegate.findMany())
      expect(rows, model).not.toContain('Dana Departing')
      expect(rows, model).not.toContain('provider-subject-of-dana')
      expect(rows, model).not.toContain(person.email)
    }
    const log = (await listAudit({ page: 1 })).events.filter((e) => e.subject === `user:${person.id}` || e.action === 'answer.graded')
    expect(log.map((e) => e.summary)).toEqual(
      expect.arrayContaining([
        'Former employee: role learner, teams: ' + team.name,
        `Deactivated Former employee (erased-${person.id}@erased.invalid)`,
      ]),
    )
    // Admins cannot be erased, nor can someone erase themselves.
    expect(
      (
        await call(adminPerson.action, post(`/admin/people/${admin.id}`, { intent: 'erase', confirm: 'ERASE' }, adminCookie), {
          id: admin.id,
        })
      ).status,
    ).toBe(400)
  })
})
