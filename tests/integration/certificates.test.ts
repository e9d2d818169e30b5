// Certificates that expire: granted only when every competency of a path or module is ready (never
// for completed lessons or a guesser), one valid at a time per person and rule, ended by expiry or a
// drop in readiness, reminded 30 and 7 days ahead once each, seen only by those who may.
import { beforeAll, describe, expect, it } from 'vitest'
import { syncContent } from '~/models/content.server'
import {
  certificateTargets,
  listCertificatesOf,
  refreshAllCertificates,
  refreshCertificates,
  saveCertificateRule,
  sendCertificateReminders,
} from '~/models/certificates.server'
import { erasePerson, exportPersonalData } from '~/models/personal-data.server'
import { sendReadinessReminders } from '~/models/reminders.server'
import { competencyMap, rebuildReadiness, recordEvidence } from '~/models/readiness.server'
import * as attemptRoute from '~/routes/attempts.$id'
import * as certificateRoute from '~/routes/certificates.$id'
import * as certificatesRoute from '~/routes/certificates._index'
import * as rulesRoute from '~/routes/content.certificates'
import * as player from '~/routes/learn.$slug'
import * as quizRoute from '~/routes/quizzes.$slug'
import * as teamRoute from '~/routes/readiness.team'
import { readContentFiles, readShippedFramework } from '~/utils/content-files.server'
import { db } from '~/utils/db.server'
import { cookieFor, createPerson, createTeam } from '../factories'
import { call, errorsOf, get, post, toastOf } from '../setup/remix'

const DAY = 86_400_000
const MODULE = '01-mission'
let competencyIds: string[] = []
let trainerCookie = ''

beforeAll(async () => {
  await syncContent(readContentFiles(), readShippedFramework())
  competencyIds = (await certificateTargets()).modules.find((m) => m.slug === MODULE)!.competencyIds
  const trainer = await createPerson({ role: 'trainer' })
  trainerCookie = await cookieFor(trainer.id)
  const res = await call(
    rulesRoute.action,
    post(
      '/content/certificates',
      { intent: 'save-certificate', scope: 'module', target: MODULE, active: 'on', title: 'Mission basics', amount: '12', unit: 'months' },
      trainerCookie,
    ),
  )
  expect(res.status).toBe(302)
})

/**
 * Evidence that makes a person ready in the competencies: every lesson teaching each done, and
 * `answers` full-marks answers each (or `score` for weaker ones), at `at`.
 */
async function giveEvidence(
  userId: string,
  ids: string[],
  { answers = 10, score = 1, at = new Date(), tag = 'ready', lessons = true } = {},
) {
  const required = new Map((await competencyMap()).map((c) => [c.id, c.lessonsRequired]))
  await db.$transaction((tx) =>
    recordEvidence(
      tx,
      userId,
      ids.flatMap((id) => [
        ...Array.from({ length: lessons ? (required.get(id) ?? 0) : 0 }, (_, i) => ({
          competencyId: id,
          kind: 'lesson' as const,
          score: null,
          weight: 0,
          occurredAt: at,
          sourceId: `${userId}:lesson-${id}-${i}`,
        })),
        ...Array.from({ length: answers }, (_, i) => ({
          competencyId: id,
          kind: 'quiz' as const,
          score,
          weight: 1,
          occurredAt: at,
          sourceId: `${tag}-${at.getTime()}-${id}-${i}`,
        })),
      ]),
      at,
    ),
  )
}

const certificatesOf = (userId: string) => db.certificate.findMany({ where: { userId }, orderBy: { issuedAt: 'asc' } })

describe('what a module certifies', () => {
  it('the module’s lessons’ and quiz scenarios’ competencies', async () => {
    expect(competencyIds.length).toBeGreaterThan(0)
    const lessons = await db.lesson.findMany({
      where: { module: { slug: MODULE }, currentVersionId: { not: null } },
      select: { currentVersion: { select: { competencies: true } } },
    })
    for (const l of lessons) for (const id of JSON.parse(l.currentVersion!.competencies) as string[]) expect(competencyIds).toContain(id)
  })
})

describe('granting', () => {
  it('completed lessons without ready competencies grant nothing, and the page says what is left', async () => {
    const person = await createPerson()
    const cookie = await cookieFor(person.id)
    for (const lesson of await db.lesson.findMany({ where: { module: { slug: MODULE }, currentVersionId: { not: null } } })) {
      const done = await call(player.action, post(`/learn/${lesson.slug}`, { intent: 'complete', position: '1', seconds: '600' }, cookie), {
        slug: lesson.slug,
      })
      expect(done.status).toBe(200)
    }
    expect(await db.lessonProgress.count({ where: { userId: person.id, completedAt: { not: null } } })).toBeGreaterThan(0)
    await refreshCertificates(person.id)
    await refreshAllCertificates()
    expect(await certificatesOf(person.id)).toEqual([])
    const page = (await call(certificatesRoute.loader, get('/certificates', cookie))).body as Awaited<ReturnType<typeof listCertificatesOf>>
    expect(page.certificates).toEqual([])
    const goal = page.toEarn.find((r) => r.title === 'Mission basics')!
    expect(goal.missing.map((m) => m.id).sort()).toEqual([...competencyIds].sort())
    expect(goal.missing.some((m) => m.lesson !== null || m.quiz !== null)).toBe(true)
  })

  it('a guesser who answers every item of the module quiz by position gets none', async () => {
    const person = await createPerson()
    const cookie = await cookieFor(person.id)
    for (const lesson of await db.lesson.findMany({ where: { currentVersionId: { not: null } }, select: { slug: true } }))
      await call(player.action, post(`/learn/${lesson.slug}`, { intent: 'complete', position: '1', seconds: '600' }, cookie), {
        slug: lesson.slug,
      })
    const quiz = await db.quiz.findFirstOrThrow({ where: { module: { slug: MODULE }, kind: 'module' } })
    const started = await call(quizRoute.action, post(`/quizzes/${quiz.slug}`, {}, cookie), { slug: quiz.slug })
    expect(started.status).toBe(302)
    const id = started.headers.get('Location')!.split('/').pop()!
    type Page = Awaited<ReturnType<typeof attemptRoute.loader>>
    for (let step = 0; step < 100; step++) {
      const page = (await call(attemptRoute.loader, get(`/attempts/${id}`, cookie), { id })).body as Page
      const current = page.current
      if (!current || page.progress.every((p) => p.answered)) break
      const first = current.options.map((o) => o.id)
      const form: Record<string, string | string[]> =
        current.type === 'free-text'
          ? { text: 'I would ask what they need.' }
          : current.type === 'multiple'
            ? { option: first.slice(0, Math.ceil(first.length / 2)) }
            : current.type === 'ranking'
              ? { order: first.join(',') }
              : current.type === 'branching'
                ? { turn: String(current.turns.at(-1)!.turn), option: current.turns.at(-1)!.choices[0]!.id }
                : { option: first[0]! }
      const res = await call(
        attemptRoute.action,
        post(`/attempts/${id}`, { intent: 'answer', position: String(current.position), ...form }, cookie),
        { id },
      )
      expect(res.status).toBe(302)
    }
    expect((await call(attemptRoute.action, post(`/attempts/${id}`, { intent: 'submit' }, cookie), { id })).status).toBe(302)
    expect(await db.quizAttempt.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'submitted' })
    await refreshAllCertificates()
    expect(await certificatesOf(person.id)).toEqual([])
  })

  it('a ready learner gets exactly one, even when grants race', async () => {
    const person = await createPerson()
    await giveEvidence(person.id, competencyIds)
    const results = await Promise.all([...Array.from({ length: 4 }, () => refreshCertificates(person.id)), refreshAllCertificates()])
    const certs = await certificatesOf(person.id)
    expect(certs).toHaveLength(1)
    expect(results.slice(0, 4).reduce((n, r) => n + r.granted, 0)).toBeLessThanOrEqual(1)
    const [c] = certs
    expect(c).toMatchObject({ title: 'Mission basics', current: true, endedAt: null })
    expect(c!.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/)
    expect(Math.round((c!.expiresAt.getTime() - c!.issuedAt.getTime()) / DAY)).toBe(365)
    expect((JSON.parse(c!.competencies) as { id: string }[]).map((x) => x.id)).toEqual(competencyIds)
    // Again, later: still the one.
    await refreshCertificates(person.id)
    expect(await certificatesOf(person.id)).toHaveLength(1)
  })

  it('the database refuses a second valid certificate for the same person and rule', async () => {
    const person = await createPerson()
    await giveEvidence(person.id, competencyIds)
    await refreshCertificates(person.id)
    const [c] = await certificatesOf(person.id)
    const { id: _id, code: _code, ...copy } = c!
    await expect(db.certificate.create({ data: { ...copy, code: 'COPY-COPY-COPY' } })).rejects.toThrow()
  })

  it('submitting an attempt grants it at once when the answers made the learner ready', async () => {
    const person = await createPerson()
    const cookie = await cookieFor(person.id)
    await giveEvidence(person.id, competencyIds)
    // Granted by the submit, not by a refresh of ours.
    const quiz = await db.quiz.findFirstOrThrow({ where: { module: { slug: MODULE }, kind: 'module' } })
    const started = await call(quizRoute.action, post(`/quizzes/${quiz.slug}`, {}, cookie), { slug: quiz.slug })
    const id = started.headers.get('Location')!.split('/').pop()!
    await db.attemptItem.updateMany({ where: { attemptId: id }, data: { answeredAt: new Date(), score: 1, response: '{}' } })
    expect(await certificatesOf(person.id)).toHaveLength(0)
    expect((await call(attemptRoute.action, post(`/attempts/${id}`, { intent: 'submit' }, cookie), { id })).status).toBe(302)
    expect(await certificatesOf(person.id)).toHaveLength(1)
  })

  it('completing the last lesson a competency requires grants it at once', async () => {
    const person = await createPerson()
    const cookie = await cookieFor(person.id)
    await giveEvidence(person.id, competencyIds, { lessons: false })
    const lessons = await db.lesson.findMany({
      where: { currentVersionId: { not: null } },
      select: { slug: true, currentVersion: { select: { competencies: true } } },
      orderBy: { slug: 'asc' },
    })
    const teaching = lessons.filter((l) =>
      (JSON.parse(l.currentVersion!.competencies) as string[]).some((id) => competencyIds.includes(id)),
    )
    expect(teaching.length).toBeGreaterThan(1)
    const complete = (slug: string) =>
      call(player.action, post(`/learn/${slug}`, { intent: 'complete', position: '1', seconds: '600' }, cookie), { slug })
    for (const lesson of teaching.slice(0, -1)) expect((await complete(lesson.slug)).status).toBe(200)
    expect(await certificatesOf(person.id)).toHaveLength(0)
    expect((await complete(teaching.at(-1)!.slug)).status).toBe(200)
    expect(await certificatesOf(person.id)).toHaveLength(1)
  })
})

describe('expiry, reminders and recertification', () => {
  it('reminds 30 and 7 days before expiry exactly once each; expiry ends it and nothing more is sent', async () => {
    const person = await createPerson()
    const t0 = new Date()
    await giveEvidence(person.id, competencyIds, { at: t0 })
    await refreshCertificates(person.id, t0)
    const [c] = await certificatesOf(person.id)
    const at = (days: number) => new Date(c!.expiresAt.getTime() - days * DAY)
    const mails = () => db.outboxMail.findMany({ where: { to: person.email }, orderBy: { createdAt: 'asc' } })

    await sendCertificateReminders(at(30.5))
    expect(await mails()).toHaveLength(0)
    await sendCertificateReminders(at(30))
    await sendCertificateReminders(at(30))
    await sendCertificateReminders(at(20))
    expect(await mails()).toHaveLength(1)
    expect((await mails())[0]!.subject).toMatch(/Mission basics.*expires in 30 days/)
    expect((await mails())[0]!.text).toContain(`/certificates/${c!.id}`)
    await sendCertificateReminders(at(7.5))
    expect(await mails()).toHaveLength(1)
    await Promise.all([sendCertificateReminders(at(7)), sendCertificateReminders(at(7))])
    await sendCertificateReminders(at(1))
    expect(await mails()).toHaveLength(2)
    expect((await mails())[1]!.subject).toMatch(/expires in 7 days/)
    expect(await db.certificate.findUniqueOrThrow({ where: { id: c!.id } })).toMatchObject({ reminded30At: at(30), reminded7At: at(7) })

    // The daily readiness job at the expiry: the estimates decay (a year old), the certificate ends.
    const expiry = c!.expiresAt
    await rebuildReadiness(expiry)
    await refreshAllCertificates(expiry)
    expect(await db.certificate.findUniqueOrThrow({ where: { id: c!.id } })).toMatchObject({
      current: null,
      endReason: 'expired',
      renewalDue: true,
    })
    expect(await certificatesOf(person.id)).toHaveLength(1)
    await sendCertificateReminders(new Date(expiry.getTime() + DAY))
    await sendCertificateReminders(expiry)
    expect(await mails()).toHaveLength(2)
    // The person's list says so, and recertification is due.
    const list = await listCertificatesOf(person.id, expiry)
    expect(list.certificates[0]).toMatchObject({ status: 'expired', current: false })
    expect(list.toEarn.find((r) => r.title === 'Mission basics')).toMatchObject({ recertification: true })
    // Bring the other readiness back to today for the tests that follow.
    await rebuildReadiness()
    // The readiness reminder of the same job is unaffected by certificates.
    expect(typeof (await sendReadinessReminders())).toBe('number')
  })

  it('readiness dropping ends it (recertification due); ready again, a new one, the old kept as history', async () => {
    const leader = await createPerson({ role: 'leader' })
    const team = await createTeam(undefined, [leader.id])
    const person = await createPerson({ teamIds: [team.id] })
    const leaderCookie = await cookieFor(leader.id)
    await giveEvidence(person.id, competencyIds)
    await refreshCertificates(person.id)
    const [first] = await certificatesOf(person.id)
    expect(first!.current).toBe(true)

    await giveEvidence(person.id, competencyIds.slice(0, 1), { answers: 30, score: 0, tag: 'wrong' })
    await refreshCertificates(person.id)
    expect(await db.certificate.findUniqueOrThrow({ where: { id: first!.id } })).toMatchObject({
      current: null,
      endReason: 'readiness-dropped',
      renewalDue: true,
    })
    type Team = Awaited<ReturnType<typeof teamRoute.loader>>
    const due = (await call(teamRoute.loader, get('/readiness/team?certificate=due', leaderCookie))).body as Team
    expect(due.rows.map((r) => r.id)).toEqual([person.id])
    expect(due.rows[0]!.certificates).toMatchObject([{ kind: 'lapsed', title: 'Mission basics' }])
    expect(due.summary.certificatesDue).toBe(1)

    await giveEvidence(person.id, competencyIds.slice(0, 1), { answers: 120, tag: 'again' })
    await refreshCertificates(person.id)
    const certs = await certificatesOf(person.id)
    expect(certs).toHaveLength(2)
    expect(certs.map((c) => c.current)).toEqual([null, true])
    expect(certs[0]!.renewalDue).toBe(false)
    expect(certs[1]!.code).not.toBe(certs[0]!.code)
    const after = (await call(teamRoute.loader, get('/readiness/team?certificate=due', leaderCookie))).body as Team
    expect(after.rows).toEqual([])
  })

  it('a leader sees an expiring certificate on Team readiness; another team’s leader does not', async () => {
    const leader = await createPerson({ role: 'leader' })
    const other = await createPerson({ role: 'leader' })
    const team = await createTeam(undefined, [leader.id])
    await createTeam(undefined, [other.id])
    const person = await createPerson({ teamIds: [team.id] })
    await giveEvidence(person.id, competencyIds)
    await refreshCertificates(person.id)
    await db.certificate.updateMany({ where: { userId: person.id }, data: { expiresAt: new Date(Date.now() + 10 * DAY) } })
    type Team = Awaited<ReturnType<typeof teamRoute.loader>>
    const mine = (await call(teamRoute.loader, get('/readiness/team?certificate=expiring', await cookieFor(leader.id)))).body as Team
    expect(mine.summary.certificatesExpiring).toBe(1)
    expect(mine.rows.map((r) => r.id)).toEqual([person.id])
    expect(mine.rows[0]!.certificates).toMatchObject([{ kind: 'expiring' }])
    const theirs = (await call(teamRoute.loader, get('/readiness/team?certificate=expiring', await cookieFor(other.id)))).body as Team
    expect(theirs.rows).toEqual([])
    expect(theirs.summary.certificatesExpiring).toBe(0)
  })
})

describe('who may open a certificate', () => {
  it('the holder, their team’s leader and admins; anyone else gets a 404', async () => {
    const leader = await createPerson({ role: 'leader' })
    const otherLeader = await createPerson({ role: 'leader' })
    const team = await createTeam(undefined, [leader.id])
    await createTeam(undefined, [otherLeader.id])
    const holder = await createPerson({ teamIds: [team.id], name: 'Holder Person' })
    const stranger = await createPerson({ teamIds: [team.id] })
    const admin = await createPerson({ role: 'admin' })
    await giveEvidence(holder.id, competencyIds)
    await refreshCertificates(holder.id)
    const [c] = await certificatesOf(holder.id)
    const open = async (userId: string, id = c!.id) =>
      call(certificateRoute.loader, get(`/certificates/${id}`, await cookieFor(userId)), { id })
    const own = await open(holder.id)
    expect(own.status).toBe(200)
    expect(own.body).toMatchObject({ title: 'Mission basics', holder: { name: 'Holder Person' }, code: c!.code, status: 'valid' })
    expect((await open(leader.id)).status).toBe(200)
    expect((await open(admin.id)).status).toBe(200)
    expect((await open(stranger.id)).status).toBe(404)
    expect((await open(otherLeader.id)).status).toBe(404)
    expect((await open(holder.id, 'no-such-certificate')).status).toBe(404)
    expect((await call(certificateRoute.loader, get(`/certificates/${c!.id}`), { id: c!.id })).status).toBe(302)
  })
})

describe('the rules, as trainers set them', () => {
  const send = (form: Record<string, string>, cookie = trainerCookie) =>
    call(
      rulesRoute.action,
      post(
        '/content/certificates',
        { intent: 'save-certificate', scope: 'path', target: 'onboarding', title: 'Onboarded', ...form },
        cookie,
      ),
    )
  const snapshot = async () => ({
    rules: await db.certificateRule.findMany({ orderBy: { id: 'asc' } }),
    audit: await db.auditEvent.count({ where: { action: 'certificate.rule' } }),
  })

  it('a bad period, an unknown path, a missing title or intent changes nothing', async () => {
    const before = await snapshot()
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ amount: '0', unit: 'months' }, 'amount', /whole number/],
      [{ amount: '13.5', unit: 'months' }, 'amount', /whole number/],
      [{ amount: 'soon', unit: 'days' }, 'amount', /whole number/],
      [{ amount: '500', unit: 'months' }, 'amount', /120 months/],
      [{ amount: '99999', unit: 'days' }, 'amount', /3650 days/],
      [{ amount: '12', unit: 'weeks' }, 'unit', /months or days/],
      [{ amount: '12', unit: 'months', target: 'no-such-path' }, 'target', /no path “no-such-path”/],
      [{ amount: '12', unit: 'months', scope: 'lesson' }, 'scope', /path or a module/],
      [{ amount: '12', unit: 'months', title: '' }, 'title', /title/],
      [{ amount: '12', unit: 'months', title: 'x'.repeat(500) }, 'title', /at most 120/],
    ]
    for (const [form, field, message] of cases) {
      const res = await send({ active: 'on', ...form })
      expect(res.status, JSON.stringify(form)).toBe(400)
      expect(errorsOf(res.body)[field], JSON.stringify(form)).toMatch(message)
    }
    const wrongIntent = await send({ intent: 'delete-everything', amount: '12', unit: 'months' })
    expect(wrongIntent.status).toBe(400)
    expect(await snapshot()).toEqual(before)
  })

  it('a learner or leader may not change them', async () => {
    const before = await snapshot()
    for (const role of ['learner', 'leader'] as const) {
      const person = await createPerson({ role })
      expect((await send({ active: 'on', amount: '12', unit: 'months' }, await cookieFor(person.id))).status).toBe(403)
    }
    expect(await snapshot()).toEqual(before)
  })

  it('saves a path’s certificate with who changed it, audit-logged, and a content sync leaves it alone', async () => {
    const trainer = await createPerson({ role: 'trainer' })
    const res = await send({ active: 'on', amount: '90', unit: 'days' }, await cookieFor(trainer.id))
    expect(res.status).toBe(302)
    expect((await toastOf(res)).toast?.description).toMatch(/Onboarded.*is on, valid 90 days/)
    const path = await db.learningPath.findUniqueOrThrow({ where: { slug: 'onboarding' } })
    const rule = await db.certificateRule.findUniqueOrThrow({ where: { pathId: path.id } })
    expect(rule).toMatchObject({ scope: 'path', title: 'Onboarded', validDays: 90, active: true, updatedById: trainer.id })
    expect(
      await db.auditEvent.findFirst({ where: { action: 'certificate.rule', subject: 'path:onboarding', actorId: trainer.id } }),
    ).not.toBeNull()
    await syncContent(readContentFiles(), readShippedFramework())
    expect(await db.certificateRule.findUniqueOrThrow({ where: { pathId: path.id } })).toEqual(rule)
    // Off again: kept, inactive.
    expect((await send({ amount: '90', unit: 'days' })).status).toBe(302)
    expect(await db.certificateRule.findUniqueOrThrow({ where: { pathId: path.id } })).toMatchObject({ active: false })
  })

  it('the page lists every path and module with what each would certify', async () => {
    const page = (await call(rulesRoute.loader, get('/content/certificates', trainerCookie))).body as Awaited<
      ReturnType<typeof rulesRoute.loader>
    >
    expect(page.paths.map((p) => p.slug)).toContain('onboarding')
    const mission = page.modules.find((m) => m.slug === MODULE)!
    expect(mission.rule).toMatchObject({ title: 'Mission basics', validDays: 365, active: true })
    expect(mission.competencies.length).toBe(competencyIds.length)
    const onboarding = page.paths.find((p) => p.slug === 'onboarding')!
    expect(onboarding.competencies.length).toBeGreaterThanOrEqual(mission.competencies.length)
  })

  it('turning a certificate on grants it to everyone already ready', async () => {
    const person = await createPerson()
    const path = await db.learningPath.findUniqueOrThrow({ where: { slug: 'onboarding' } })
    const all = (await certificateTargets()).paths.find((p) => p.id === path.id)!.competencyIds
    await giveEvidence(person.id, all)
    const trainer = await createPerson({ role: 'trainer' })
    await saveCertificateRule({ scope: 'path', target: 'onboarding', active: true, title: 'Onboarded', validDays: 365 }, trainer.id)
    expect((await certificatesOf(person.id)).map((c) => c.title).sort()).toEqual(['Mission basics', 'Onboarded'])
  })
})

describe('personal data', () => {
  it('a person’s export lists their certificates; erasing them removes the certificates', async () => {
    const admin = await createPerson({ role: 'admin' })
    const person = await createPerson()
    await giveEvidence(person.id, competencyIds)
    await refreshCertificates(person.id)
    const [c] = await certificatesOf(person.id)
    const exported = await exportPersonalData(person.id)
    expect(exported.certificates).toMatchObject([{ title: 'Mission basics', code: c!.code }])
    expect(exported.certificates[0]!.competencies.map((x) => x.id)).toEqual(competencyIds)
    await erasePerson(admin.id, person.id)
    expect(await certificatesOf(person.id)).toEqual([])
  })
})
