import { beforeAll, describe, expect, it } from 'vitest'
import * as listRoute from '~/routes/content.quizzes._index'
import * as editorRoute from '~/routes/content.quizzes.$slug'
import * as historyRoute from '~/routes/content.quizzes.$slug_.history'
import * as quizRoute from '~/routes/quizzes.$slug'
import { syncContent } from '~/models/content.server'
import { addQuizVersion, publishQuiz } from '~/models/quiz-authoring.server'
import { listQuizzesForLearner } from '~/models/quiz.server'
import { readContentFiles, readShippedFramework } from '~/utils/content-files.server'
import { db } from '~/utils/db.server'
import { cookieFor, createPerson } from '../factories'
import { call, errorsOf, get, post, toastOf, valuesOf } from '../setup/remix'

const files = readContentFiles()
const framework = readShippedFramework()
beforeAll(async () => {
  await syncContent(files, framework)
})

type EditorData = Awaited<ReturnType<typeof editorRoute.loader>>
type HistoryData = Awaited<ReturnType<typeof historyRoute.loader>>

async function person(role: 'trainer' | 'learner' | 'leader' | 'admin' = 'trainer') {
  const p = await createPerson({ role })
  return { person: p, cookie: await cookieFor(p.id) }
}
const editor = async (cookie: string, slug: string) =>
  (await call(editorRoute.loader, get(`/content/quizzes/${slug}`, cookie), { slug })).body as EditorData
const edit = (cookie: string, slug: string, form: Record<string, string | string[]>) =>
  call(editorRoute.action, post(`/content/quizzes/${slug}`, form, cookie), { slug })

/** The editor's form for a quiz as it stands, with changes. */
function formOf(page: EditorData, changes: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  const d = page.quiz.definition
  return {
    revision: String(page.quiz.revision),
    title: d.title,
    description: d.description,
    module: d.module ?? '',
    items: d.items,
    draw: String(d.draw ?? d.items.length),
    feedback: d.feedback,
    ...(d.maxAttempts === undefined ? {} : { maxAttempts: String(d.maxAttempts) }),
    cooldownHours: String(d.cooldownHours),
    ...(d.shuffleItems ? { shuffleItems: 'on' } : {}),
    ...changes,
  }
}

async function startAttempt(cookie: string, slug: string) {
  const res = await call(quizRoute.action, post(`/quizzes/${slug}`, {}, cookie), { slug })
  expect(res.status).toBe(302)
  return res.headers.get('Location')!.split('/').pop()!
}
const drawnSlugs = async (attemptId: string) =>
  (
    await db.attemptItem.findMany({
      where: { attemptId },
      orderBy: { position: 'asc' },
      select: { id: true, versionId: true, version: { select: { scenario: { select: { slug: true } } } } },
    })
  ).map((i) => ({ id: i.id, versionId: i.versionId, slug: i.version.scenario.slug }))

const quizState = async (slug: string) => {
  const q = await db.quiz.findUniqueOrThrow({ where: { slug }, include: { versions: { orderBy: { number: 'asc' } } } })
  return { settings: q.settings, draft: q.draft, revision: q.revision, versions: q.versions.map((v) => `${v.number}:${v.origin}`) }
}

// Six scenarios of another module's quiz: none of them is in 02-customers-and-clients.
const BEYOND = [
  'the-call-from-the-hospital',
  'stranded-by-the-storm',
  'the-lost-passport',
  'the-award',
  'the-planners-attendees',
  'the-second-shop',
]

describe('quizzes built in the browser', () => {
  it('starts every synced quiz with version 1 from its file, and lists the module quizzes for trainers only', async () => {
    const quiz = await db.quiz.findUniqueOrThrow({ where: { slug: '01-mission' }, include: { currentVersion: true } })
    expect(quiz.currentVersion).toMatchObject({ number: 1, origin: 'file', settings: quiz.settings })
    const { cookie } = await person()
    const list = (await call(listRoute.loader, get('/content/quizzes', cookie))).body as Awaited<ReturnType<typeof listRoute.loader>>
    expect(list.quizzes.map((q) => q.slug)).toEqual([
      '01-mission',
      '02-customers-and-clients',
      '03-empowered',
      '04-probing',
      '05-keeping-in-touch',
      '06-going-beyond',
    ])
    expect(list.quizzes[0]).toMatchObject({ scenarios: 9, draw: 5, version: 1, statuses: ['published'] })
    expect(list.quizzes[3]).toMatchObject({ scenarios: 6, draw: 6 })

    for (const role of ['learner', 'leader'] as const) {
      const { cookie: other } = await person(role)
      expect((await call(listRoute.loader, get('/content/quizzes', other))).status).toBe(403)
      expect((await call(editorRoute.loader, get('/content/quizzes/01-mission', other), { slug: '01-mission' })).status).toBe(403)
      expect((await call(historyRoute.loader, get('/content/quizzes/01-mission/history', other), { slug: '01-mission' })).status).toBe(403)
      const before = await quizState('01-mission')
      const page = await editor(cookie, '01-mission')
      expect((await edit(other, '01-mission', formOf(page, { intent: 'publish', items: BEYOND, draw: '6' }))).status).toBe(403)
      expect(
        (
          await call(historyRoute.action, post('/content/quizzes/01-mission/history', { version: '1', revision: '0' }, other), {
            slug: '01-mission',
          })
        ).status,
      ).toBe(403)
      expect((await call(listRoute.action, post('/content/quizzes', { module: '01-mission' }, other))).status).toBe(403)
      expect(await quizState('01-mission')).toEqual(before)
    }
    // The practice quiz draws for each learner: it has no editor.
    expect((await call(editorRoute.loader, get('/content/quizzes/practice', cookie), { slug: 'practice' })).status).toBe(404)
  })

  it('saves a draft, then publishes it: the next attempt draws from the new scenarios, an open attempt keeps its items', async () => {
    const slug = '02-customers-and-clients'
    const { cookie, person: trainer } = await person()
    const learner = await person('learner')
    const openId = await startAttempt(learner.cookie, slug)
    const openItems = await drawnSlugs(openId)
    expect(openItems).toHaveLength(5)

    let page = await editor(cookie, slug)
    const saved = await edit(cookie, slug, formOf(page, { intent: 'save', items: BEYOND, draw: '6', feedback: 'end', cooldownHours: '0' }))
    expect(saved.status).toBe(302)
    expect((await toastOf(saved)).toast?.description).toMatch(/^Draft saved\. Learners still take the published version\./)
    const afterSave = await quizState(slug)
    expect(afterSave.versions).toEqual(['1:file'])
    expect(JSON.parse(afterSave.settings).items).not.toContain(BEYOND[0])
    page = await editor(cookie, slug)
    expect(page.quiz.isDraft).toBe(true)
    expect(page.quiz.definition.items).toEqual(BEYOND)

    const published = await edit(cookie, slug, formOf(page, { intent: 'publish' }))
    expect(published.status).toBe(302)
    expect((await toastOf(published)).toast?.description).toMatch(/^Published as version 2\./)
    const state = await quizState(slug)
    expect(state.versions).toEqual(['1:file', '2:editor'])
    expect(state.draft).toBeNull()
    expect(JSON.parse(state.settings)).toMatchObject({ items: BEYOND, draw: 6, feedback: 'end', cooldownHours: 0 })
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'quiz.published', subject: `quiz:${slug}` } })
    expect(audit).toMatchObject({ actorId: trainer.id, summary: expect.stringMatching(/version 2: 6 scenarios, 6 drawn per attempt/) })

    // The open attempt is resumed with the items it drew.
    expect(await startAttempt(learner.cookie, slug)).toBe(openId)
    expect(await drawnSlugs(openId)).toEqual(openItems)
    // A new learner's attempt draws the six new scenarios, at their published versions, with the new feedback timing.
    const next = await person('learner')
    const nextId = await startAttempt(next.cookie, slug)
    const drawn = await drawnSlugs(nextId)
    expect(drawn.map((d) => d.slug).sort()).toEqual([...BEYOND].sort())
    const current = await db.scenario.findMany({ where: { slug: { in: BEYOND } }, select: { currentVersionId: true } })
    expect(drawn.map((d) => d.versionId).sort()).toEqual(current.map((c) => c.currentVersionId).sort())
    expect((await db.quizAttempt.findUniqueOrThrow({ where: { id: nextId } })).feedback).toBe('end')
    const list = (await call(listRoute.loader, get('/content/quizzes', cookie))).body as Awaited<ReturnType<typeof listRoute.loader>>
    expect(list.quizzes.find((q) => q.slug === slug)?.statuses).toEqual(['published', 'edited in the app'])
  })

  it('refuses a stale save with a 409 and changes nothing', async () => {
    const slug = '03-empowered'
    const a = await person()
    const b = await person()
    const pageA = await editor(a.cookie, slug)
    const pageB = await editor(b.cookie, slug)
    expect((await edit(b.cookie, slug, formOf(pageB, { intent: 'save', draw: '4' }))).status).toBe(302)
    const before = await quizState(slug)
    for (const intent of ['save', 'publish']) {
      const stale = await edit(a.cookie, slug, formOf(pageA, { intent, draw: '3' }))
      expect(stale.status).toBe(409)
      expect(errorsOf(stale.body).form).toMatch(/^Someone \(.+\) saved this quiz while you were editing\. Your changes were not saved/)
      expect(valuesOf(stale.body).draw).toBe('3')
    }
    const staleDiscard = await edit(a.cookie, slug, { intent: 'discard', revision: String(pageA.quiz.revision) })
    expect(staleDiscard.status).toBe(409)
    expect(await quizState(slug)).toEqual(before)
    // With the current revision, the draft is discarded.
    const fresh = await editor(b.cookie, slug)
    const discarded = await edit(b.cookie, slug, { intent: 'discard', revision: String(fresh.quiz.revision) })
    expect(discarded.status).toBe(302)
    expect((await quizState(slug)).draft).toBeNull()
  })

  it('says what is wrong with each bad input and changes nothing', async () => {
    const slug = '05-keeping-in-touch'
    const { cookie } = await person()
    await db.scenario.create({ data: { slug: 'not-yet-published', draft: null } })
    const page = await editor(cookie, slug)
    const before = await quizState(slug)
    const items = page.quiz.definition.items
    const cases: [Record<string, string | string[]>, Record<string, string>][] = [
      [{ items: [...items.slice(0, 4), 'no-such-scenario'] }, { items: 'There is no scenario called “no-such-scenario”.' }],
      [
        { items: [...items.slice(0, 5), 'not-yet-published'] },
        { items: '“not-yet-published” is not published yet: publish it first, or leave it out.' },
      ],
      [{ items: [items[0]!, items[1]!, items[0]!, items[2]!, items[3]!], draw: '4' }, { items: `“${items[0]}” is chosen twice.` }],
      [{ items: items.slice(0, 5), draw: '7' }, { draw: 'Draw 7 needs at least 7 scenarios; 5 are chosen.' }],
      [
        { items: [], draw: '1' },
        { items: 'Choose at least one scenario.', draw: 'Draw 1 needs at least 1 scenarios; 0 are chosen.' },
      ],
      [{ draw: '0' }, { draw: 'Draw at least 1 scenario.' }],
      [{ draw: 'five' }, { draw: 'Enter how many scenarios each attempt draws.' }],
      [{ feedback: 'sometimes' }, { feedback: 'Choose when learners see feedback: after each item or at the end.' }],
      [{ maxAttempts: '21' }, { maxAttempts: 'Allow 1 to 20 attempts, or leave it empty for unlimited.' }],
      [{ maxAttempts: '0' }, { maxAttempts: 'Allow 1 to 20 attempts, or leave it empty for unlimited.' }],
      [{ cooldownHours: '721' }, { cooldownHours: 'The pause is 0 to 720 hours (30 days).' }],
      [{ cooldownHours: '-1' }, { cooldownHours: 'The pause is 0 to 720 hours (30 days).' }],
      [{ title: 'Q' }, { title: 'Use at least 3 characters for the title.' }],
      [{ title: 'x'.repeat(121) }, { title: 'Keep the title to 120 characters.' }],
      [{ title: '' }, { title: 'Give the quiz a title.' }],
      [{ description: 'x'.repeat(401) }, { description: 'Keep the description to 400 characters.' }],
      [{ module: 'no-such-module' }, { module: 'Choose one of the modules.' }],
      [{ module: '01-mission' }, { module: 'Our mission and your job already has a quiz (01-mission).' }],
      [{ intent: 'delete' }, { form: 'That action is not available here.', intent: 'That action is not available here.' }],
    ]
    for (const [changes, expected] of cases) {
      for (const intent of ['save', 'publish']) {
        const res = await edit(cookie, slug, formOf(page, { intent, ...changes }))
        expect(res.status, JSON.stringify(changes)).toBe(400)
        const errors = Object.fromEntries(Object.entries(errorsOf(res.body)).filter(([, m]) => m))
        expect(errors, JSON.stringify(changes)).toEqual(expected)
      }
    }
    expect(await quizState(slug)).toEqual(before)
  })

  it('warns, without refusing, when an attempt has too few scored answers', async () => {
    const slug = '06-going-beyond'
    const { cookie } = await person()
    const page = await editor(cookie, slug)
    const res = await edit(cookie, slug, formOf(page, { intent: 'save', draw: '4' }))
    expect(res.status).toBe(302)
    // Four drawn of fourteen, one of them free text: as few as three scored answers.
    expect((await toastOf(res)).toast?.description).toMatch(/An attempt can have as few as 3 scored answers; ready needs at least 6/)
    expect((await toastOf(res)).toast?.description).toMatch(
      /The module’s lessons teach 2 competencies no chosen scenario tests: Knows the mission, /,
    )
    expect((await quizState(slug)).draft).not.toBeNull()
  })

  it('keeps a quiz published in the app when content is synced, and versions a changed file', async () => {
    const mine = '02-customers-and-clients' // published in the app above
    const before = await quizState(mine)
    const changed = files.map((f) =>
      f.path === 'quizzes/01-mission.yaml' || f.path === `quizzes/${mine}.yaml` ? { ...f, text: f.text.replace('draw: 5', 'draw: 4') } : f,
    )
    // The versions the migration made carry no hash: an unchanged file is still recognised from the version's fields.
    await db.quizVersion.updateMany({ where: { quiz: { slug: '03-empowered' } }, data: { contentHash: '' } })
    const summary = await syncContent(changed, framework)
    expect((await quizState('03-empowered')).versions).toEqual(['1:file'])
    expect(summary.quizzesKept).toEqual(expect.arrayContaining([mine]))
    expect(summary.quizzesKept).not.toContain('01-mission')
    expect(await quizState(mine)).toEqual(before)
    const mission = await quizState('01-mission')
    expect(mission.versions).toEqual(['1:file', '2:file'])
    expect(JSON.parse(mission.settings).draw).toBe(4)
    expect(summary.quizVersionsAdded).toBe(1)
    // Syncing the same files again adds nothing.
    const again = await syncContent(changed, framework)
    expect(again.quizVersionsAdded).toBe(0)
    expect((await quizState('01-mission')).versions).toEqual(['1:file', '2:file'])
  })

  it('shows what changed between versions and restores an old version as the draft', async () => {
    const slug = '02-customers-and-clients'
    const { cookie, person: trainer } = await person()
    const history = (await call(historyRoute.loader, get(`/content/quizzes/${slug}/history`, cookie), { slug })).body as HistoryData
    expect(history.quiz.versions.map((v) => [v.number, v.origin])).toEqual([
      [2, 'editor'],
      [1, 'file'],
    ])
    expect(history.quiz.versions[0]!.author).toBeTruthy()
    expect(history.diff?.added.map((s) => s.slug)).toEqual(BEYOND)
    expect(history.diff?.removed).toHaveLength(7)
    expect(history.diff?.changes).toEqual([
      { label: 'Draw per attempt', from: '5', to: '6' },
      { label: 'Feedback', from: 'after each item', to: 'at the end' },
      { label: 'Pause between attempts', from: '1 h', to: '0 h' },
    ])
    const stale = await call(historyRoute.action, post(`/content/quizzes/${slug}/history`, { version: '1', revision: '0' }, cookie), {
      slug,
    })
    expect(stale.status).toBe(409)
    const restored = await call(
      historyRoute.action,
      post(`/content/quizzes/${slug}/history`, { version: '1', revision: String(history.quiz.revision) }, cookie),
      { slug },
    )
    expect(restored.status).toBe(302)
    expect((await toastOf(restored)).toast?.description).toMatch(/^Version 1 is now the draft\./)
    const page = await editor(cookie, slug)
    expect(page.quiz.isDraft).toBe(true)
    expect(page.quiz.definition.items).toEqual(history.quiz.versions[1]!.definition.items)
    // Learners keep version 2 until the restored draft is published.
    expect(JSON.parse((await quizState(slug)).settings).items).toEqual(BEYOND)
    expect(await db.auditEvent.count({ where: { action: 'quiz.restored', actorId: trainer.id, subject: `quiz:${slug}` } })).toBe(1)
    const missing = await call(
      historyRoute.action,
      post(`/content/quizzes/${slug}/history`, { version: '9', revision: String(page.quiz.revision) }, cookie),
      { slug },
    )
    expect(missing.status).toBe(404)
  })

  it('creates a quiz for a module without one; learners see it once published', async () => {
    const { cookie } = await person()
    const mod = await db.module.create({ data: { slug: '07-new-module', title: 'A new module', summary: 'New.', position: 99 } })
    const created = await call(listRoute.action, post('/content/quizzes', { module: mod.slug }, cookie))
    expect(created.status).toBe(302)
    expect(created.headers.get('Location')).toBe('/content/quizzes/07-new-module')
    const again = await call(listRoute.action, post('/content/quizzes', { module: mod.slug }, cookie))
    expect(again.status).toBe(400)
    expect(errorsOf(again.body).module).toBe('A new module already has a quiz (07-new-module).')
    expect(errorsOf((await call(listRoute.action, post('/content/quizzes', { module: 'nope' }, cookie))).body).module).toBe(
      'Choose one of the modules.',
    )
    const learner = await person('learner')
    expect((await listQuizzesForLearner(learner.person.id)).map((q) => q.slug)).not.toContain('07-new-module')
    expect((await call(quizRoute.action, post('/quizzes/07-new-module', {}, learner.cookie), { slug: '07-new-module' })).status).toBe(404)

    const page = await editor(cookie, '07-new-module')
    expect(page.quiz).toMatchObject({ isDraft: true, currentVersion: null, versions: [] })
    const published = await edit(cookie, '07-new-module', formOf(page, { intent: 'publish', items: BEYOND.slice(0, 3), draw: '2' }))
    expect(published.status).toBe(302)
    expect((await toastOf(published)).toast?.description).toMatch(/^Published as version 1\./)
    expect((await listQuizzesForLearner(learner.person.id)).map((q) => q.slug)).toContain('07-new-module')
    expect((await drawnSlugs(await startAttempt(learner.cookie, '07-new-module'))).length).toBe(2)
  })

  it('gives racing publishes distinct version numbers', async () => {
    const slug = '04-probing'
    const a = await person()
    const b = await person()
    const page = await editor(a.cookie, slug)
    const fields = {
      title: page.quiz.definition.title,
      description: page.quiz.definition.description,
      module: slug,
      items: page.quiz.definition.items,
      draw: 6,
      feedback: 'end' as const,
      maxAttempts: 3,
      cooldownHours: 12,
      shuffleItems: true,
    }
    // Two trainers publish from the same revision: one is version 2, the other is told someone saved first.
    const results = await Promise.allSettled([
      publishQuiz(slug, { ...fields, draw: 5 }, page.quiz.revision, a.person.id),
      publishQuiz(slug, { ...fields, draw: 4 }, page.quiz.revision, b.person.id),
    ])
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
    const won = results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ number: number }>
    expect(won.value.number).toBe(2)
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ status: 409 })
    // Two writers that both get through (a publish and a sync, say) take the next two numbers.
    const quiz = await db.quiz.findUniqueOrThrow({ where: { slug } })
    const content = { title: quiz.title, description: quiz.description, moduleId: quiz.moduleId, settings: quiz.settings }
    const numbers = await Promise.all(
      [a, b].map((t) =>
        db.$transaction(async (tx) => {
          await tx.quiz.update({ where: { id: quiz.id }, data: { revision: { increment: 1 } } })
          return (await addQuizVersion(tx, quiz.id, content, { origin: 'editor', createdById: t.person.id })).number
        }),
      ),
    )
    expect(numbers.sort()).toEqual([3, 4])
    expect((await quizState(slug)).versions).toEqual(['1:file', '2:editor', '3:editor', '4:editor'])
  })
})
