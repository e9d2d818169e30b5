import { beforeAll, describe, expect, it } from 'vitest'
import { nodeCompetencies, type ScenarioDefinition } from '~/domain/scenarios/scenario'
import * as attemptRoute from '~/routes/attempts.$id'
import * as quizRoute from '~/routes/quizzes.$slug'
import * as teamsRoute from '~/routes/admin.teams'
import { syncContent } from '~/models/content.server'
import { assignDefaultPath, getOnboarding } from '~/models/learning.server'
import { readContentFiles, readShippedFramework } from '~/utils/content-files.server'
import { db } from '~/utils/db.server'
import { attemptItemOptionIds } from '~/utils/option-ids.server'
import { cookieFor, createPerson } from '../factories'
import { call, errorsOf, get, post, toastOf, valuesOf } from '../setup/remix'

beforeAll(async () => {
  await syncContent(readContentFiles(), readShippedFramework())
})

/** Every message of a refused form (conform's reply), field and form errors together. */
const messageOf = (body: unknown) => Object.values(errorsOf(body)).filter(Boolean).join(' ')

type AttemptData = Awaited<ReturnType<typeof attemptRoute.loader>>

async function learner() {
  const person = await createPerson()
  return { person, cookie: await cookieFor(person.id) }
}

async function start(cookie: string, slug = '04-probing') {
  const res = await call(quizRoute.action, post(`/quizzes/${slug}`, {}, cookie), { slug })
  expect(res.status).toBe(302)
  return res.headers.get('Location')!.split('/').pop()!
}

const view = async (cookie: string, id: string, item?: number) =>
  (await call(attemptRoute.loader, get(`/attempts/${id}${item ? `?item=${item}` : ''}`, cookie), { id })).body as AttemptData
const answer = (cookie: string, id: string, form: Record<string, string | string[]>) =>
  call(attemptRoute.action, post(`/attempts/${id}`, { intent: 'answer', ...form }, cookie), { id })

async function itemsOf(id: string) {
  const items = await db.attemptItem.findMany({ where: { attemptId: id }, orderBy: { position: 'asc' }, include: { version: true } })
  return items.map((i) => ({ ...i, def: JSON.parse(i.version.definition) as ScenarioDefinition }))
}

/** What the page calls an item's option (or a conversation node's reply) at `index` in the content. */
const optionId = (item: { id: string }, index: number, node?: string) => attemptItemOptionIds(item.id).id(node ? `node:${node}` : '', index)

/** A valid answer for an item, choosing the best option(s) where there is a choice. */
function bestForm(item: Awaited<ReturnType<typeof itemsOf>>[number]): Record<string, string | string[]> {
  const { def, position } = item
  const p = String(position)
  if (def.type === 'single')
    return {
      position: p,
      option: optionId(
        item,
        def.options.findIndex((o) => o.score === 1),
      ),
    }
  if (def.type === 'multiple') return { position: p, option: def.options.flatMap((o, i) => (o.score === 1 ? [optionId(item, i)] : [])) }
  if (def.type === 'ranking') return { position: p, order: def.options.map((_, i) => optionId(item, i)).join(',') }
  return { position: p, text: 'What is the meeting for, and who will be there?' }
}

async function answerAll(cookie: string, id: string) {
  for (const item of await itemsOf(id)) {
    if (item.def.type === 'branching') {
      let node: string | null = item.def.nodes[0]!.id
      for (let turn = 0; node; turn++) {
        const n = item.def.nodes.find((x) => x.id === node)!
        const best = n.choices.findIndex((c) => c.score === 1)
        expect(
          (await answer(cookie, id, { position: String(item.position), turn: String(turn), option: optionId(item, best, node) })).status,
        ).toBe(302)
        node = n.choices[best]!.next ?? null
      }
    } else {
      expect((await answer(cookie, id, bestForm(item))).status).toBe(302)
    }
  }
}

describe('taking a quiz', () => {
  it('draws every item of the module quiz, each with its options shuffled, and resumes the open attempt', async () => {
    const { cookie } = await learner()
    const id = await start(cookie)
    expect(await start(cookie)).toBe(id)
    const items = await itemsOf(id)
    expect(items.map((i) => i.version.title).sort()).toHaveLength(6)
    expect(new Set(items.map((i) => i.def.type))).toEqual(new Set(['single', 'branching', 'free-text', 'multiple']))
    for (const i of items) {
      const order = JSON.parse(i.optionOrder) as number[] | Record<string, number[]>
      if (Array.isArray(order)) expect([...order].sort()).toEqual(i.def.options.map((_, k) => k))
    }
  })

  it('sends no score, explanation or best answer before an item is answered (loader data and feedback-at-end)', async () => {
    const { cookie } = await learner()
    const id = await start(cookie)
    const items = await itemsOf(id)
    const page = await view(cookie, id)
    const sent = JSON.stringify(page)
    for (const i of items) {
      for (const o of i.def.options) {
        expect(sent).not.toContain(o.explanation)
      }
      for (const n of i.def.nodes.slice(1)) expect(sent).not.toContain(n.stem.trim().slice(0, 40))
      if (i.def.modelAnswer) expect(sent).not.toContain(i.def.modelAnswer.trim().slice(0, 30))
    }
    expect(sent).not.toMatch(/"score":\s*[0-9]/)
    expect(sent).not.toMatch(/redFlag":true/)
    // Answer the first single item: in a feedback-at-the-end quiz, it still shows nothing.
    const single = items.find((i) => i.def.type === 'single')!
    await answer(cookie, id, bestForm(single))
    const after = JSON.stringify(await view(cookie, id, single.position + 1))
    for (const o of single.def.options) expect(after).not.toContain(o.explanation)
  })

  it('records the same answer once, from retries, double clicks or two tabs', async () => {
    const { cookie } = await learner()
    const id = await start(cookie)
    const single = (await itemsOf(id)).find((i) => i.def.type === 'single')!
    const results = await Promise.all([1, 2, 3, 4].map(() => answer(cookie, id, bestForm(single))))
    expect(results.map((r) => r.status)).toEqual([302, 302, 302, 302])
    const stored = await db.attemptItem.findUniqueOrThrow({ where: { id: single.id } })
    expect(stored.score).toBe(1)
    const other = optionId(
      single,
      single.def.options.findIndex((o) => o.score !== 1),
    )
    const changed = await answer(cookie, id, { position: String(single.position), option: other })
    expect(changed.status).toBe(409)
    expect(messageOf(changed.body)).toMatch(/first answer stands/)
    expect((await db.attemptItem.findUniqueOrThrow({ where: { id: single.id } })).response).toBe(stored.response)
  })

  it('records each turn of a conversation once, and keeps every choice made', async () => {
    const { cookie } = await learner()
    const id = await start(cookie)
    const conv = (await itemsOf(id)).find((i) => i.def.type === 'branching')!
    const first = conv.def.nodes[0]!
    const send = (turn: number, node: string, option: number) =>
      answer(cookie, id, { position: String(conv.position), turn: String(turn), option: optionId(conv, option, node) })
    // The best reply of the opening turn, wherever the content puts it.
    const opening = first.choices.findIndex((c) => c.score === 1)
    const results = await Promise.all([send(0, first.id, opening), send(0, first.id, opening), send(0, first.id, opening)])
    expect(results.map((r) => r.status)).toEqual([302, 302, 302])
    let stored = await db.attemptItem.findUniqueOrThrow({ where: { id: conv.id } })
    expect(JSON.parse(stored.response!)).toEqual({ type: 'branching', path: [{ node: first.id, choice: opening }] })
    expect(stored.answeredAt).toBeNull()
    // A turn that is not the current one is refused.
    const wrong = await send(0, first.id, (opening + 1) % first.choices.length)
    expect(wrong.status).toBe(409)
    const skip = await send(2, conv.def.nodes[2]!.id, 0)
    expect(skip.status).toBe(400)
    expect(messageOf(skip.body)).toMatch(/not the one the conversation is at/)
    // A reply named as at another turn (ids belong to their node) is not one of this turn's.
    const next = first.choices[opening]!.next!
    const foreign = await send(1, first.id, 0)
    expect(foreign.status).toBe(400)
    expect(messageOf(foreign.body)).toMatch(/not one of this turn/)
    // Follow the best replies to the end.
    let node: string | null = next
    for (let turn = 1; node; turn++) {
      const n = conv.def.nodes.find((x) => x.id === node)!
      const best = n.choices.findIndex((c) => c.score === 1)
      await send(turn, node, best)
      node = n.choices[best]!.next ?? null
    }
    stored = await db.attemptItem.findUniqueOrThrow({ where: { id: conv.id } })
    expect(stored.answeredAt).not.toBeNull()
    expect(stored.score).toBe(1)
    const path = JSON.parse(stored.response!).path as { node: string; choice: number }[]
    expect(path.length).toBeGreaterThanOrEqual(2)
    // Each decision is its own evidence, for the competencies its turn names.
    const evidence = await db.evidence.findMany({ where: { sourceId: { startsWith: conv.id } }, orderBy: { sourceId: 'asc' } })
    const expected = path.flatMap((p) =>
      nodeCompetencies(
        conv.def,
        conv.def.nodes.find((n) => n.id === p.node)!,
      ).map((c) => [`${conv.id}#${p.node}`, c.id, 1, c.weight]),
    )
    expect(evidence.map((e) => [e.sourceId, e.competencyId, e.score, e.weight]).sort()).toEqual(expected.sort())
    expect(new Set(expected.map((e) => e[1])).size).toBeGreaterThan(1)
  })

  it('refuses tampered submissions with a 400 and a clear message, recording nothing', async () => {
    const { cookie } = await learner()
    const id = await start(cookie)
    const items = await itemsOf(id)
    const single = items.find((i) => i.def.type === 'single')!
    const multiple = items.find((i) => i.def.type === 'multiple')!
    const cases: [Record<string, string | string[]>, RegExp][] = [
      // A position, as pages used to send, is not an option id.
      [{ position: String(single.position), option: '0' }, /not understood/],
      [{ position: String(single.position), option: '-1' }, /not understood/],
      [{ position: String(single.position), option: 'abc' }, /not understood/],
      // Well-formed ids that are not this item's: another item's, or one made up.
      [{ position: String(single.position), option: optionId(multiple, 0) }, /not one of this item/],
      [{ position: String(single.position), option: 'aaaaaaaaaaaaa' }, /not one of this item/],
      [{ position: String(single.position) }, /Choose one answer/],
      [{ position: '57', option: optionId(single, 0) }, /not part of this attempt/],
      [{ position: String(multiple.position), option: [optionId(multiple, 0), optionId(multiple, 0)] }, /chosen twice/],
      [{ position: String(multiple.position), option: [optionId(multiple, 0), optionId(single, 1)] }, /not one of this item/],
    ]
    for (const [form, message] of cases) {
      const res = await answer(cookie, id, form)
      expect(res.status, JSON.stringify(form)).toBe(400)
      expect(messageOf(res.body)).toMatch(message)
    }
    expect(await db.attemptItem.count({ where: { attemptId: id, response: { not: null } } })).toBe(0)
  })

  it('names a corrupt stored value instead of showing an item from it', async () => {
    const { cookie } = await learner()
    const id = await start(cookie)
    const [first] = await itemsOf(id)
    await db.attemptItem.update({ where: { id: first!.id }, data: { optionOrder: '{"stem":"not a list"}' } })
    await expect(view(cookie, id)).rejects.toThrow(/^Corrupt stored option order of an attempt item: /)
    await db.attemptItem.update({ where: { id: first!.id }, data: { optionOrder: '[0, 1' } })
    await expect(view(cookie, id)).rejects.toThrow(/^Corrupt stored option order of an attempt item: not JSON/)
  })

  it('only the owner can read or answer an attempt', async () => {
    const owner = await learner()
    const other = await learner()
    const id = await start(owner.cookie)
    const single = (await itemsOf(id)).find((i) => i.def.type === 'single')!
    expect((await call(attemptRoute.loader, get(`/attempts/${id}`, other.cookie), { id })).status).toBe(404)
    expect((await answer(other.cookie, id, bestForm(single))).status).toBe(404)
    expect(await db.attemptItem.count({ where: { attemptId: id, response: { not: null } } })).toBe(0)
  })

  it('submits once every item is answered, then refuses changes and shows the review', async () => {
    const { person, cookie } = await learner()
    const id = await start(cookie)
    const early = await call(attemptRoute.action, post(`/attempts/${id}`, { intent: 'submit' }, cookie), { id })
    expect(early.status).toBe(400)
    expect(messageOf(early.body)).toMatch(/6 are left/)
    await answerAll(cookie, id)
    const submits = await Promise.all(
      [1, 2].map(() => call(attemptRoute.action, post(`/attempts/${id}`, { intent: 'submit' }, cookie), { id })),
    )
    expect(submits.map((s) => s.status)).toEqual([302, 302])
    expect(submits[0]!.headers.get('Location')).toBe(`/attempts/${id}`)
    expect((await toastOf(submits[0]!)).toast?.description).toMatch(/^Quiz submitted\./)
    const attempt = await db.quizAttempt.findUniqueOrThrow({ where: { id } })
    expect(attempt.status).toBe('submitted')
    // Five scored items, all best; the free-text one awaits review.
    expect(attempt.score).toBe(1)
    const single = (await itemsOf(id)).find((i) => i.def.type === 'single')!
    const late = await answer(cookie, id, bestForm(single))
    expect(late.status).toBe(400)
    expect(messageOf(late.body)).toMatch(/submitted/)

    const review = (await view(cookie, id)).review!
    expect(review).toHaveLength(6)
    const reviewed = review.find((r) => r.type === 'single')!
    expect(reviewed.review?.kind).toBe('options')
    expect(JSON.stringify(reviewed.review)).toContain(single.def.options[0]!.explanation)
    expect(review.find((r) => r.type === 'free-text')!.review).toMatchObject({ kind: 'free-text', status: 'awaiting' })
    expect(review.find((r) => r.type === 'branching')!.review).toMatchObject({ kind: 'conversation' })

    // The retake policy: 12 hours between attempts.
    const again = await call(quizRoute.action, post('/quizzes/04-probing', {}, cookie), { slug: '04-probing' })
    expect(again.status).toBe(409)
    expect(messageOf(again.body)).toMatch(/pause/)
    expect(await db.quizAttempt.count({ where: { userId: person.id } })).toBe(1)
  })

  it('refuses a written answer over 2,000 characters with the form’s own message, and stores nothing', async () => {
    const { cookie } = await learner()
    const id = await start(cookie)
    const free = (await itemsOf(id)).find((i) => i.def.type === 'free-text')!
    const long = 'Who is the meeting for? '.repeat(84).slice(0, 2001)
    const refused = await answer(cookie, id, { position: String(free.position), text: long })
    expect(refused.status).toBe(400)
    expect(errorsOf(refused.body).text).toBe('Keep your answer to 2,000 characters or fewer.')
    // What was typed comes back, to be shown again.
    expect(valuesOf(refused.body).text).toBe(long)
    expect((await db.attemptItem.findUniqueOrThrow({ where: { id: free.id } })).response).toBeNull()
    expect(await db.attemptItem.count({ where: { attemptId: id, response: { not: null } } })).toBe(0)
    const short = await answer(cookie, id, { position: String(free.position), text: 'Who?' })
    expect(short.status).toBe(400)
    expect(errorsOf(short.body).text).toMatch(/at least 10 characters/)
    expect((await db.attemptItem.findUniqueOrThrow({ where: { id: free.id } })).response).toBeNull()
  })

  it('takes a full 2,000-character answer as the browser counts it (a line break once), and stores it', async () => {
    const { cookie } = await learner()
    const id = await start(cookie)
    const free = (await itemsOf(id)).find((i) => i.def.type === 'free-text')!
    // 20 lines of 100 characters: 2,000 in the field, 2,020 as the form sends them (CR LF).
    const text = `${'x'.repeat(99)}\r\n`.repeat(19) + 'y'.repeat(100)
    expect(text.replace(/\r\n/g, '\n')).toHaveLength(2000)
    const saved = await answer(cookie, id, { position: String(free.position), text })
    expect(saved.status).toBe(302)
    const stored = JSON.parse((await db.attemptItem.findUniqueOrThrow({ where: { id: free.id } })).response!) as { text: string }
    expect(stored.text).toBe(text.replace(/\r\n/g, '\n'))
  })

  it('refuses an unknown intent on an attempt and on a quiz, changing nothing', async () => {
    const { person, cookie } = await learner()
    const id = await start(cookie)
    const odd = await call(attemptRoute.action, post(`/attempts/${id}`, { intent: 'grade-myself' }, cookie), { id })
    expect(odd.status).toBe(400)
    expect(errorsOf(odd.body).intent).toBe('That request was not understood.')
    const restart = await call(quizRoute.action, post('/quizzes/04-probing', { intent: 'reset' }, cookie), { slug: '04-probing' })
    expect(restart.status).toBe(400)
    expect(errorsOf(restart.body).intent).toBe('That request was not understood.')
    expect(await db.quizAttempt.count({ where: { userId: person.id } })).toBe(1)
    expect((await db.quizAttempt.findUniqueOrThrow({ where: { id } })).status).toBe('open')
  })

  it('the review ends with the next step: the next module of the path, when a retake opens, the way back', async () => {
    const { person, cookie } = await learner()
    const started = new Date()
    await assignDefaultPath(db, [{ userId: person.id, startDate: started }])
    const id = await start(cookie)
    expect((await view(cookie, id)).next).toBeNull()
    await answerAll(cookie, id)
    expect((await call(attemptRoute.action, post(`/attempts/${id}`, { intent: 'submit' }, cookie), { id })).status).toBe(302)
    const { next } = await view(cookie, id)
    // The module after the probing one, from its first lesson.
    const [path] = await getOnboarding(person.id)
    const at = path!.modules.findIndex((m) => m.quiz?.slug === '04-probing')
    const following = path!.modules[at + 1]!
    expect(following.slug).toBe('05-keeping-in-touch')
    expect(next!.step).toEqual({
      kind: 'lesson',
      module: following.title,
      slug: following.lessons[0]!.slug,
      title: following.lessons[0]!.title,
    })
    // 12 hours between attempts: no retake yet, and the time it opens.
    const submittedAt = (await db.quizAttempt.findUniqueOrThrow({ where: { id } })).submittedAt!
    expect(next!.retake).toEqual({
      open: null,
      canStart: false,
      reason: expect.stringMatching(/pause/),
      availableAt: new Date(submittedAt.getTime() + 12 * 3600_000).toISOString(),
    })
  })

  it('after the pause the review offers a retake; with the lessons of the next module done, its quiz is next', async () => {
    const { person, cookie } = await learner()
    await assignDefaultPath(db, [{ userId: person.id, startDate: new Date() }])
    const id = await start(cookie)
    await answerAll(cookie, id)
    await call(attemptRoute.action, post(`/attempts/${id}`, { intent: 'submit' }, cookie), { id })
    await db.quizAttempt.update({ where: { id }, data: { submittedAt: new Date(Date.now() - 13 * 3600_000) } })
    const [path] = await getOnboarding(person.id)
    const following = path!.modules.find((m) => m.slug === '05-keeping-in-touch')!
    const lessons = await db.lesson.findMany({
      where: { slug: { in: following.lessons.map((l) => l.slug) } },
      select: { id: true, currentVersionId: true },
    })
    await db.lessonProgress.createMany({
      data: lessons.map((l) => ({
        userId: person.id,
        lessonId: l.id,
        versionId: l.currentVersionId!,
        position: 1,
        completedAt: new Date(),
      })),
    })
    const { next } = await view(cookie, id)
    expect(next!.retake).toEqual({ open: null, canStart: true, reason: null, availableAt: null })
    expect(next!.step).toEqual({ kind: 'quiz', module: following.title, slug: following.quiz!.slug, title: following.quiz!.title })
  })

  it('an attempt recorded before options had ids (answers stored by index) reviews as it was answered', async () => {
    const { person, cookie } = await learner()
    const quiz = await db.quiz.findUniqueOrThrow({ where: { slug: '04-probing' } })
    const versions = (
      await db.scenario.findMany({
        where: { slug: { in: ['sale-on-sunday', 'the-sale-conversation'] } },
        include: { currentVersion: true },
      })
    ).map((s) => s.currentVersion!)
    const single = versions.find((v) => v.type === 'single')!
    const conv = versions.find((v) => v.type === 'branching')!
    const singleDef = JSON.parse(single.definition) as ScenarioDefinition
    const convDef = JSON.parse(conv.definition) as ScenarioDefinition
    const chosen = singleDef.options.findIndex((o) => o.score !== 1)
    const opening = convDef.nodes[0]!
    const reply = opening.choices.findIndex((c) => !c.next)
    const path = [{ node: opening.id, choice: reply === -1 ? 0 : reply }]
    const attempt = await db.quizAttempt.create({
      data: {
        quizId: quiz.id,
        userId: person.id,
        number: 1,
        feedback: 'end',
        status: 'submitted',
        submittedAt: new Date(),
        score: 0.5,
        items: {
          create: [
            {
              position: 0,
              versionId: single.id,
              optionOrder: JSON.stringify(singleDef.options.map((_, i) => i)),
              response: JSON.stringify({ type: 'single', option: chosen }),
              answeredAt: new Date(),
              score: singleDef.options[chosen]!.score ?? 0,
            },
            {
              position: 1,
              versionId: conv.id,
              optionOrder: JSON.stringify(Object.fromEntries(convDef.nodes.map((n) => [n.id, n.choices.map((_, i) => i)]))),
              response: JSON.stringify({ type: 'branching', path }),
              answeredAt: new Date(),
              score: 0.5,
            },
          ],
        },
      },
    })
    const review = (await view(cookie, attempt.id)).review!
    const [first, second] = review
    expect(first!.review?.kind).toBe('options')
    const r = first!.response
    expect(r?.type).toBe('single')
    const options = first!.review!.kind === 'options' ? first!.review!.options : []
    expect(options.find((o) => r?.type === 'single' && o.id === r.option)?.text).toBe(singleDef.options[chosen]!.text)
    expect(first!.score).toBe(singleDef.options[chosen]!.score ?? 0)
    const turn = second!.turns[0]!
    expect(turn.choices.find((c) => c.id === turn.chosen)?.text).toBe(opening.choices[path[0]!.choice]!.text)
  })

  it('practice draws five items for the weakest competencies', async () => {
    const { cookie } = await learner()
    const id = await start(cookie, 'practice')
    const attempt = await db.quizAttempt.findUniqueOrThrow({ where: { id }, include: { items: true } })
    expect(attempt.items).toHaveLength(5)
    expect(JSON.parse(attempt.focus)).toHaveLength(3)
  })
})

describe("drawing for the learner's work", () => {
  it("a module quiz that draws five of many takes the scenarios tagged for the work of the learner's team (or for anyone) first", async () => {
    const admin = await createPerson({ role: 'admin' })
    const saved = await call(
      teamsRoute.action,
      post(
        '/admin/teams',
        { intent: 'create', teamId: '', name: 'Housekeeping East', workRole: 'housekeeping' },
        await cookieFor(admin.id),
      ),
    )
    expect(saved.status).toBe(302)
    const team = await db.team.findUniqueOrThrow({ where: { name: 'Housekeeping East' } })
    expect(team.workRole).toBe('housekeeping')
    const refused = await call(
      teamsRoute.action,
      post('/admin/teams', { intent: 'create', teamId: '', name: 'Pool', workRole: 'lifeguard' }, await cookieFor(admin.id)),
    )
    expect(refused.status).toBe(400)
    expect(JSON.stringify(refused.body)).toContain('Choose the team’s work from the list.')

    const person = await createPerson({ teamIds: [team.id] })
    const cookie = await cookieFor(person.id)
    const id = await start(cookie, '01-mission')
    const items = await itemsOf(id)
    expect(items).toHaveLength(5)
    // More than five of the mission quiz's scenarios fit housekeeping (tagged for it, or for anyone); the rest are never drawn for it.
    for (const i of items) expect(i.def.roles?.some((r) => r === 'housekeeping' || r === 'any')).toBe(true)
  })
})
