import { beforeAll, describe, expect, it } from 'vitest'
import * as player from '~/routes/learn.$slug'
import * as onboarding from '~/routes/learn._index'
import * as invite from '~/routes/admin.people.invite'
import { syncContent } from '~/models/content.server'
import { readContentFiles, readShippedFramework } from '~/utils/content-files.server'
import { db } from '~/utils/db.server'
import { cookieFor, createPerson } from '../factories'
import { call, errorsOf, get, post } from '../setup/remix'
import { checkOptionId } from '../setup/answers'

const files = readContentFiles()
const framework = readShippedFramework()
beforeAll(async () => {
  await syncContent(files, framework)
})

/** Every message of a refused form (conform's reply), field and form errors together. */
const messageOf = (body: unknown) => Object.values(errorsOf(body)).filter(Boolean).join(' ')

type LessonData = Awaited<ReturnType<typeof player.loader>>

async function learner() {
  const person = await createPerson()
  return { person, cookie: await cookieFor(person.id) }
}

describe('onboarding', () => {
  it('a learner invited with the learner role gets the default path, due dates counted from their start date', async () => {
    const admin = await createPerson({ role: 'admin' })
    await call(
      invite.action,
      post(
        '/admin/people/invite',
        { email: 'starter@example.com', name: 'Starter', role: 'learner', startDate: '2026-11-02' },
        await cookieFor(admin.id),
      ),
    )
    const user = await db.user.findUniqueOrThrow({ where: { email: 'starter@example.com' } })
    await db.user.update({ where: { id: user.id }, data: { status: 'active' } })
    const page = await call(onboarding.loader, get('/learn', await cookieFor(user.id)))
    const [path] = (page.body as Awaited<ReturnType<typeof onboarding.loader>>).paths
    expect(path!.path.slug).toBe('onboarding')
    // Due on the start day + 3 (5 Nov); overdue once that day has ended (UTC organisation).
    expect(path!.modules[0]!.dueDay).toBe('2026-11-05')
    expect(path!.modules[0]!.due).toBe('2026-11-06T00:00:00.000Z')
    expect(path!.total).toBe(19)
    expect(path!.next!.slug).toBe('why-the-mission-matters')

    await call(
      invite.action,
      post('/admin/people/invite', { email: 'lead@example.com', name: 'Lead', role: 'leader', startDate: '' }, await cookieFor(admin.id)),
    )
    const leader = await db.user.findUniqueOrThrow({ where: { email: 'lead@example.com' } })
    expect(await db.pathAssignment.count({ where: { userId: leader.id } })).toBe(0)
  })
})

describe('the lesson player', () => {
  it('sends the lesson without any Check answer or explanation before it is answered', async () => {
    const { cookie } = await learner()
    const res = await call(player.loader, get('/learn/valerie', cookie), { slug: 'valerie' })
    const body = res.body as LessonData
    expect(body.lesson.title).toBe('What Valerie asked')
    expect(body.checks).toEqual({})
    const serialised = JSON.stringify(body)
    expect(serialised).toContain('She asked whether the clothes were needed for the trip.')
    expect(serialised).not.toContain('one more question uncovered the real need')
    expect(serialised).not.toMatch(/correct/)
  })

  it('records a Check answer once, with feedback, however often it is sent', async () => {
    const { person, cookie } = await learner()
    const best = await checkOptionId(cookie, 'valerie', 'valerie-turning-point', 0)
    const send = () =>
      call(player.action, post('/learn/valerie', { intent: 'check', key: 'valerie-turning-point', option: best }, cookie), {
        slug: 'valerie',
      })
    const results = await Promise.all([send(), send(), send()])
    for (const r of results) {
      expect(r.status).toBe(200)
      expect((r.body as { feedback: { correct: boolean; chosen: number } }).feedback).toMatchObject({ correct: true, chosen: 0 })
    }
    // A different answer later does not replace the first.
    const again = await call(
      player.action,
      post(
        '/learn/valerie',
        { intent: 'check', key: 'valerie-turning-point', option: await checkOptionId(cookie, 'valerie', 'valerie-turning-point', 1) },
        cookie,
      ),
      { slug: 'valerie' },
    )
    expect((again.body as { feedback: { chosen: number } }).feedback.chosen).toBe(0)
    expect(await db.checkAnswer.count({ where: { userId: person.id } })).toBe(1)
    const page = (await call(player.loader, get('/learn/valerie', cookie), { slug: 'valerie' })).body as LessonData
    expect(page.checks['valerie-turning-point']!.options[0]!.explanation).toMatch(/real need/)
  })

  it('refuses a tampered answer with a clear 400 and records nothing', async () => {
    const { person, cookie } = await learner()
    const other = await learner()
    const cases = [
      [{ intent: 'check', key: 'valerie-turning-point', option: 'aaaaaaaaaaaaa' }, /not one of this check's 3 options/],
      // Another learner's id for the best option names nothing for this one.
      [
        { intent: 'check', key: 'valerie-turning-point', option: await checkOptionId(other.cookie, 'valerie', 'valerie-turning-point', 0) },
        /not one of this check's 3 options/,
      ],
      [
        { intent: 'check', key: 'no-such-check', option: await checkOptionId(cookie, 'valerie', 'valerie-turning-point', 0) },
        /no check called "no-such-check"/,
      ],
      // A position, as pages used to send, is not an option id.
      [{ intent: 'check', key: 'valerie-turning-point', option: '0' }, /Choose an answer/],
      [{ intent: 'check', key: 'valerie-turning-point', option: 'abc' }, /Choose an answer/],
      [{ intent: 'grade-myself', key: 'x' }, /./],
    ] as const
    for (const [form, message] of cases) {
      const r = await call(player.action, post('/learn/valerie', { ...form }, cookie), { slug: 'valerie' })
      expect(r.status).toBe(400)
      expect(messageOf(r.body)).toMatch(message)
    }
    expect(await db.checkAnswer.count({ where: { userId: person.id } })).toBe(0)
    expect((await call(player.loader, get('/learn/nope', cookie), { slug: 'nope' })).status).toBe(404)
  })

  it('a learner who always picks the first option shown (also the lowest form value) is right about as often as a blind guess', async () => {
    // The Check has three options, one of them right, wherever the lesson puts it.
    const LEARNERS = 30
    let firstRight = 0
    const firstPlaces = new Set<number>()
    for (let n = 0; n < LEARNERS; n++) {
      const { cookie } = await learner()
      const page = (await call(player.loader, get('/learn/valerie', cookie), { slug: 'valerie' })).body as LessonData
      const ids = page.optionIds['valerie-turning-point']!
      expect(ids).toHaveLength(3)
      expect(JSON.stringify(page)).not.toMatch(/"order"|"correct"/)
      // The page shows the options in the order of their ids; the first shown is the lowest one.
      const shownFirst = [...ids].sort()[0]!
      firstPlaces.add(ids.indexOf(shownFirst))
      const r = await call(
        player.action,
        post('/learn/valerie', { intent: 'check', key: 'valerie-turning-point', option: shownFirst }, cookie),
        { slug: 'valerie' },
      )
      if ((r.body as { feedback: { correct: boolean } }).feedback.correct) firstRight++
    }
    // A blind guess is right 1 time in 3 (10 of 30); 18 or more would happen by chance less than once in 1,000.
    expect(firstRight).toBeLessThan(18)
    expect(firstPlaces.size).toBe(3)
  })

  it('saves a reflection and lets the learner edit it', async () => {
    const { person, cookie } = await learner()
    const save = (text: string) =>
      call(player.action, post('/learn/your-job-and-the-mission', { intent: 'reflect', key: 'my-job-serves-the-mission', text }, cookie), {
        slug: 'your-job-and-the-mission',
      })
    expect((await save('I check rooms twice so guests never find a problem.')).status).toBe(200)
    expect((await save('I check rooms twice, and I tell the desk about anything a guest might need.')).status).toBe(200)
    const rows = await db.reflectionAnswer.findMany({ where: { userId: person.id } })
    expect(rows).toHaveLength(1)
    expect(rows[0]!.text).toMatch(/tell the desk/)
    expect(rows[0]!.prompt).toMatch(/serve our mission/)
    const empty = await save('   ')
    expect(empty.status).toBe(400)
    expect(errorsOf(empty.body).text).toBe('Write something before saving.')
    const long = await save('x'.repeat(4001))
    expect(long.status).toBe(400)
    expect(errorsOf(long.body).text).toBe('Keep it to 4,000 characters or fewer.')
    expect((await db.reflectionAnswer.findFirstOrThrow({ where: { userId: person.id } })).text).toMatch(/tell the desk/)
  })

  it('resumes where the learner left off, records time, and completion points at the version read', async () => {
    const { person, cookie } = await learner()
    await call(player.action, post('/learn/the-check-in-call', { intent: 'progress', position: '0.4', seconds: '45' }, cookie), {
      slug: 'the-check-in-call',
    })
    await call(player.action, post('/learn/the-check-in-call', { intent: 'progress', position: '0.6', seconds: '99999' }, cookie), {
      slug: 'the-check-in-call',
    })
    let page = (await call(player.loader, get('/learn/the-check-in-call', cookie), { slug: 'the-check-in-call' })).body as LessonData
    expect(page.progress).toMatchObject({ position: 0.6, secondsSpent: 45 + 120, completedAt: null })

    await call(player.action, post('/learn/the-check-in-call', { intent: 'complete', position: '1', seconds: '30' }, cookie), {
      slug: 'the-check-in-call',
    })
    page = (await call(player.loader, get('/learn/the-check-in-call', cookie), { slug: 'the-check-in-call' })).body as LessonData
    expect(page.progress!.completedVersion).toBe(1)

    // A new version is published: the learner sees it, and the completion still points at version 1.
    await syncContent(
      files.map((f) =>
        f.path.endsWith('03-the-check-in-call.mdx')
          ? { ...f, text: f.text.replace('# The check-in call', '# The check-in call, revised') }
          : f,
      ),
      framework,
    )
    page = (await call(player.loader, get('/learn/the-check-in-call', cookie), { slug: 'the-check-in-call' })).body as LessonData
    expect(page.lesson.version).toBe(2)
    expect(page.progress!.completedVersion).toBe(1)
    const stored = await db.lessonProgress.findFirstOrThrow({ where: { userId: person.id }, include: { version: true } })
    expect(stored.version.number).toBe(1)
  })
})
