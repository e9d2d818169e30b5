import { beforeAll, describe, expect, it } from 'vitest'
import type { ScenarioDefinition } from '~/domain/scenarios/scenario'
import * as editorRoute from '~/routes/content.scenarios.$slug'
import * as listRoute from '~/routes/content.scenarios._index'
import * as statsRoute from '~/routes/content.scenarios.$slug_.statistics'
import * as gradeRoute from '~/routes/content.grading.$id'
import * as attemptRoute from '~/routes/attempts.$id'
import * as quizRoute from '~/routes/quizzes.$slug'
import * as replayRoute from '~/routes/people.$id_.attempts.$attemptId'
import { syncContent } from '~/models/content.server'
import { readContentFiles, readShippedFramework } from '~/utils/content-files.server'
import { db } from '~/utils/db.server'
import { cookieFor, createPerson, createTeam } from '../factories'
import { call, errorsOf, get, post, toastOf, valuesOf } from '../setup/remix'
import { itemOptionId } from '../setup/answers'

const files = readContentFiles()
const framework = readShippedFramework()
beforeAll(async () => {
  await syncContent(files, framework)
})

const complete = {
  title: 'The late checkout',
  type: 'single',
  competencies: [{ id: 'empowered-to-help', weight: 1 }],
  stem: 'A guest asks to leave at **3 p.m.**',
  options: [
    { text: 'Agree and offer a shower room.', score: 1, explanation: 'Solves the real problem.' },
    { text: 'Charge the half-day rate.', score: 0, explanation: 'Policy first.', redFlag: true },
    { text: 'Keep her luggage.', score: 0.5, explanation: 'Helpful, not enough.' },
  ],
}

async function trainer() {
  const person = await createPerson({ role: 'trainer' })
  return { person, cookie: await cookieFor(person.id) }
}

const edit = (cookie: string, slug: string, form: Record<string, string>) =>
  call(editorRoute.action, post(`/content/scenarios/${slug}`, form, cookie), { slug })

describe('authoring scenarios', () => {
  it('creates a scenario, refuses to publish it with field-pointed problems, then publishes immutable versions', async () => {
    const { cookie } = await trainer()
    const created = await call(
      listRoute.action,
      post('/content/scenarios', { title: 'The late checkout', slug: 'late-checkout', type: 'single' }, cookie),
    )
    expect(created.status).toBe(302)
    expect(created.headers.get('Location')).toBe('/content/scenarios/late-checkout')
    expect((await toastOf(created)).toast?.description).toMatch(/^Scenario created as a draft\./)
    const again = await call(
      listRoute.action,
      post('/content/scenarios', { title: 'Again', slug: 'late-checkout', type: 'single' }, cookie),
    )
    expect(again.status).toBe(400)
    expect(errorsOf(again.body).slug).toBe('A scenario called "late-checkout" already exists.')
    expect(valuesOf(again.body).title).toBe('Again')
    const malformed = await call(listRoute.action, post('/content/scenarios', { title: '', slug: 'Late Checkout!', type: 'poem' }, cookie))
    expect(malformed.status).toBe(400)
    expect(errorsOf(malformed.body)).toEqual({
      title: 'Give the scenario a title.',
      slug: 'Use 3–80 lower-case letters, digits and dashes, starting with a letter.',
      type: 'Choose a type.',
    })

    const page = (await call(editorRoute.loader, get('/content/scenarios/late-checkout', cookie), { slug: 'late-checkout' }))
      .body as Awaited<ReturnType<typeof editorRoute.loader>>
    const revision = page.scenario.revision
    const incomplete = { ...complete, options: [{ text: 'Agree', explanation: '' }, ...complete.options.slice(1)] }
    const refused = await edit(cookie, 'late-checkout', {
      intent: 'publish',
      revision: String(revision),
      definition: JSON.stringify(incomplete),
    })
    expect(refused.status).toBe(400)
    expect((refused.body as { problems: { field: string }[] }).problems.map((p) => p.field)).toEqual([
      'options.0.score',
      'options.0.explanation',
      'options',
    ])
    expect(errorsOf(refused.body).form).toBe('Not published: 3 problems to fix.')
    expect(await db.scenarioVersion.count({ where: { scenario: { slug: 'late-checkout' } } })).toBe(0)

    const published = await edit(cookie, 'late-checkout', {
      intent: 'publish',
      revision: String(revision),
      definition: JSON.stringify(complete),
    })
    expect(published.status).toBe(302)
    expect(published.headers.get('Location')).toBe('/content/scenarios/late-checkout')
    expect((await toastOf(published)).toast?.description).toMatch(/^Published version 1\./)
    const v1 = await db.scenarioVersion.findFirstOrThrow({ where: { scenario: { slug: 'late-checkout' }, number: 1 } })
    expect(v1.origin).toBe('editor')

    // A second publish makes version 2 and leaves version 1 exactly as it was.
    const changed = { ...complete, title: 'The late checkout, revised' }
    expect(
      (await edit(cookie, 'late-checkout', { intent: 'publish', revision: String(revision + 1), definition: JSON.stringify(changed) }))
        .status,
    ).toBe(302)
    const again1 = await db.scenarioVersion.findFirstOrThrow({ where: { id: v1.id } })
    expect(again1.definition).toBe(v1.definition)
    expect(
      (await db.scenario.findUniqueOrThrow({ where: { slug: 'late-checkout' }, include: { currentVersion: true } })).currentVersion!.number,
    ).toBe(2)
  })

  it('refuses a save based on an older revision, and malformed or unknown input, with clear messages', async () => {
    const { cookie } = await trainer()
    const slug = 'the-broken-kettle'
    const { revision } = await db.scenario.findUniqueOrThrow({ where: { slug } })
    const saved = await edit(cookie, slug, {
      intent: 'save',
      revision: String(revision),
      definition: JSON.stringify({ ...complete, title: 'Draft one' }),
    })
    expect(saved.status).toBe(302)
    expect(saved.headers.get('Location')).toBe(`/content/scenarios/${slug}`)
    expect((await toastOf(saved)).toast?.description).toBe('Draft saved. Learners still see the published version.')
    const stale = await edit(cookie, slug, {
      intent: 'save',
      revision: String(revision),
      definition: JSON.stringify({ ...complete, title: 'Draft two' }),
    })
    expect(stale.status).toBe(409)
    expect(errorsOf(stale.body).form).toMatch(/saved this scenario while you were editing/)
    expect(JSON.parse((await db.scenario.findUniqueOrThrow({ where: { slug } })).draft!).title).toBe('Draft one')

    for (const [form, message] of [
      [{ intent: 'publish', revision: '0', definition: 'not json' }, /JSON object/],
      [{ intent: 'publish', revision: '0', definition: '[1,2]' }, /JSON object/],
      [{ intent: 'preview', definition: 'null' }, /^The scenario was not sent as a JSON object\.$/],
      [{ intent: 'save', revision: '0', definition: '"a title"' }, /^The scenario was not sent as a JSON object\.$/],
      [{ intent: 'explode', revision: '0', definition: '{}' }, /^That action is not available here\.$/],
      [{ revision: '0', definition: '{}' }, /^That action is not available here\.$/],
      [{ intent: 'publish', revision: '0' }, /JSON object/],
      [{ intent: 'save', revision: '0', definition: 'x'.repeat(200_001) }, /too large/],
    ] as const) {
      const res = await edit(cookie, slug, form)
      expect(res.status).toBe(400)
      expect(errorsOf(res.body).form).toMatch(message)
    }
    expect((await call(editorRoute.loader, get('/content/scenarios/nope', cookie), { slug: 'nope' })).status).toBe(404)

    // A draft of the wrong shape is stored well-formed, so the editor still opens it.
    const { revision: now } = await db.scenario.findUniqueOrThrow({ where: { slug } })
    expect(
      (
        await edit(cookie, slug, {
          intent: 'save',
          revision: String(now),
          definition: JSON.stringify({ title: 5, options: 'x', nodes: [{ id: 'a', choices: 'y' }] }),
        })
      ).status,
    ).toBe(302)
    const reopened = (await call(editorRoute.loader, get(`/content/scenarios/${slug}`, cookie), { slug })).body as Awaited<
      ReturnType<typeof editorRoute.loader>
    >
    expect(reopened.scenario.definition).toMatchObject({
      title: '',
      type: 'single',
      options: [],
      nodes: [{ id: 'a', stem: '', choices: [] }],
    })

    // A stored draft that is not JSON at all (edited by hand) names itself rather than opening as something else.
    await db.scenario.update({ where: { slug }, data: { draft: '{"title":' } })
    await expect(call(editorRoute.loader, get(`/content/scenarios/${slug}`, cookie), { slug })).rejects.toThrow(
      /^Corrupt stored draft of a scenario: not JSON/,
    )
    await expect(call(listRoute.loader, get('/content/scenarios', cookie))).rejects.toThrow(/^Corrupt stored draft of a scenario: not JSON/)
    await db.scenario.update({ where: { slug }, data: { draft: null } })
  })

  it('previews exactly what a learner sees, without scores or explanations', async () => {
    const { cookie } = await trainer()
    const res = await edit(cookie, 'the-broken-kettle', { intent: 'preview', definition: JSON.stringify(complete) })
    const body = res.body as { preview: { options: { text: string }[] } }
    expect(body.preview.options.map((o) => o.text)).toEqual(complete.options.map((o) => o.text))
    expect(JSON.stringify(body)).not.toContain('Solves the real problem')
  })

  it('is for trainers and admins only', async () => {
    const learner = await createPerson()
    const res = await call(editorRoute.loader, get('/content/scenarios/the-broken-kettle', await cookieFor(learner.id)), {
      slug: 'the-broken-kettle',
    })
    expect(res.status).toBe(403)
  })
})

async function takeProbingQuiz(cookie: string, pick: 'best' | 'worst') {
  const start = await call(quizRoute.action, post('/quizzes/04-probing', {}, cookie), { slug: '04-probing' })
  const id = start.headers.get('Location')!.split('/').pop()!
  const items = await db.attemptItem.findMany({ where: { attemptId: id }, orderBy: { position: 'asc' }, include: { version: true } })
  for (const item of items) {
    const def = JSON.parse(item.version.definition) as ScenarioDefinition
    const position = String(item.position)
    const choose = (scores: (number | undefined)[]) =>
      scores.indexOf(pick === 'best' ? Math.max(...(scores as number[])) : Math.min(...(scores as number[])))
    const send = (form: Record<string, string | string[]>) =>
      call(attemptRoute.action, post(`/attempts/${id}`, { intent: 'answer', position, ...form }, cookie), { id })
    if (def.type === 'single') await send({ option: itemOptionId(item, choose(def.options.map((o) => o.score))) })
    if (def.type === 'multiple')
      await send({ option: def.options.flatMap((o, i) => ((o.score === 1) === (pick === 'best') ? [itemOptionId(item, i)] : [])) })
    if (def.type === 'free-text') await send({ text: 'What is the meeting for, and who will be there?' })
    if (def.type === 'branching') {
      let node: string | undefined = def.nodes[0]!.id
      for (let turn = 0; node; turn++) {
        const n = def.nodes.find((x) => x.id === node)!
        const c = choose(n.choices.map((x) => x.score))
        await send({ turn: String(turn), option: itemOptionId(item, c, node) })
        node = n.choices[c]!.next
      }
    }
  }
  expect((await call(attemptRoute.action, post(`/attempts/${id}`, { intent: 'submit' }, cookie), { id })).status).toBe(302)
  return { id, items }
}

describe('grading, statistics and replay', () => {
  it('a grade scores the free-text answer, updates the attempt score, and shows in the learner review', async () => {
    const learner = await createPerson()
    const cookie = await cookieFor(learner.id)
    const { id, items } = await takeProbingQuiz(cookie, 'best')
    expect((await db.quizAttempt.findUniqueOrThrow({ where: { id } })).score).toBe(1)
    const freeText = items.find((i) => i.version.type === 'free-text')!
    const { cookie: trainerCookie } = await trainer()

    const incomplete = await call(
      gradeRoute.action,
      post(`/content/grading/${freeText.id}`, { 'level.open-question': '2', comment: 'Good' }, trainerCookie),
      { id: freeText.id },
    )
    expect(incomplete.status).toBe(400)
    expect(errorsOf(incomplete.body).form).toMatch(/Choose a level for/)
    expect(valuesOf(incomplete.body).comment).toBe('Good')
    const garbled = await call(
      gradeRoute.action,
      post(
        `/content/grading/${freeText.id}`,
        { 'level.open-question': 'two', 'level.aims-at-the-need': '1', 'level.reason': '0', comment: 'x'.repeat(2001) },
        trainerCookie,
      ),
      { id: freeText.id },
    )
    expect(garbled.status).toBe(400)
    expect(errorsOf(garbled.body)).toMatchObject({
      'level.open-question': 'A level was not understood.',
      comment: 'Keep the comment under 2,000 characters.',
    })
    const bogus = await call(
      gradeRoute.action,
      post(
        `/content/grading/${freeText.id}`,
        { 'level.open-question': '9', 'level.aims-at-the-need': '0', 'level.reason': '0' },
        trainerCookie,
      ),
      { id: freeText.id },
    )
    expect(bogus.status).toBe(400)
    expect(errorsOf(bogus.body).form).toBeTruthy()
    expect((await db.attemptItem.findUniqueOrThrow({ where: { id: freeText.id } })).gradedAt).toBeNull()

    const graded = await call(
      gradeRoute.action,
      post(
        `/content/grading/${freeText.id}`,
        { 'level.open-question': '2', 'level.aims-at-the-need': '1', 'level.reason': '0', comment: 'Open, but say why.' },
        trainerCookie,
      ),
      { id: freeText.id },
    )
    expect(graded.status).toBe(302)
    expect(graded.headers.get('Location')).toBe('/content/grading')
    expect((await toastOf(graded)).toast?.description).toBe('Grade saved. The learner sees it, with your comment, in their review.')
    // (1 + 0.5 + 0) / 3 = 0.5; the attempt: five items at 1 and this one at 0.5 → 5.5 / 6.
    expect((await db.attemptItem.findUniqueOrThrow({ where: { id: freeText.id } })).score).toBe(0.5)
    expect((await db.quizAttempt.findUniqueOrThrow({ where: { id } })).score).toBeCloseTo(5.5 / 6, 5)

    const review = (
      (await call(attemptRoute.loader, get(`/attempts/${id}`, cookie), { id })).body as Awaited<ReturnType<typeof attemptRoute.loader>>
    ).review!
    expect(review.find((r) => r.type === 'free-text')!.review).toMatchObject({
      kind: 'free-text',
      status: 'graded',
      comment: 'Open, but say why.',
    })
  })

  it('statistics appear once a version has 10 answers, matching the answers given', async () => {
    for (let i = 0; i < 10; i++) {
      const person = await createPerson()
      await takeProbingQuiz(await cookieFor(person.id), i < 6 ? 'best' : 'worst')
    }
    const { cookie } = await trainer()
    const res = await call(statsRoute.loader, get('/content/scenarios/sale-on-sunday/statistics', cookie), { slug: 'sale-on-sunday' })
    const stats = (res.body as Awaited<ReturnType<typeof statsRoute.loader>>).versions[0]!.stats
    // Ten new attempts plus the one from the test above (best answers).
    expect(stats.count).toBe(11)
    expect(stats.enough).toBe(true)
    // Seven best answers (1) and four worst (0.2): (7 + 4 × 0.2) / 11.
    expect(stats.facility).toBeCloseTo((7 + 4 * 0.2) / 11, 3)
    expect(stats.options[3]!.count).toBe(7)
    expect(stats.discrimination).toBeGreaterThan(0.9)

    const conv = await call(statsRoute.loader, get('/content/scenarios/the-sale-conversation/statistics', cookie), {
      slug: 'the-sale-conversation',
    })
    const nodes = (conv.body as Awaited<ReturnType<typeof statsRoute.loader>>).versions[0]!.stats.nodes
    expect(nodes[0]!.reached).toBe(11)
    // The opening's choices in file order: the half-way reply, the red flag (the worst), the best.
    expect(nodes[0]!.choices.map((c) => c.count)).toEqual([0, 4, 7])
  })

  it('a leader replays an attempt of someone in their team; other leaders get a 404', async () => {
    const leader = await createPerson({ role: 'leader' })
    const outsider = await createPerson({ role: 'leader' })
    const team = await createTeam(undefined, [leader.id])
    await createTeam(undefined, [outsider.id])
    const learner = await createPerson({ teamIds: [team.id] })
    const { id } = await takeProbingQuiz(await cookieFor(learner.id), 'worst')
    const path = `/people/${learner.id}/attempts/${id}`
    const ok = await call(replayRoute.loader, get(path, await cookieFor(leader.id)), { id: learner.id, attemptId: id })
    expect(ok.status).toBe(200)
    const conv = (ok.body as Awaited<ReturnType<typeof replayRoute.loader>>).review.find((r) => r.type === 'branching')!
    expect(conv.turns.every((t) => t.chosen !== null)).toBe(true)
    expect(conv.review).toMatchObject({ kind: 'conversation' })
    expect((await call(replayRoute.loader, get(path, await cookieFor(outsider.id)), { id: learner.id, attemptId: id })).status).toBe(404)
  })
})

describe('content sync of scenarios and quizzes', () => {
  it('is idempotent and versions a changed scenario file', async () => {
    const second = await syncContent(files, framework)
    expect(second.scenariosCreated).toBe(0)
    expect(second.scenarioVersionsAdded).toBe(0)
    expect(second.scenariosUnchanged).toBe(59)
    const changed = files.map((f) =>
      f.path.endsWith('the-award.yaml')
        ? { ...f, text: f.text.replace('The award in the local paper', 'The prize in the local paper') }
        : f,
    )
    const third = await syncContent(changed, framework)
    expect(third.scenarioVersionsAdded).toBe(1)
    const award = await db.scenario.findUniqueOrThrow({ where: { slug: 'the-award' }, include: { currentVersion: true, versions: true } })
    expect(award.versions).toHaveLength(2)
    expect(award.currentVersion!.title).toBe('The prize in the local paper')
  })

  it('stops on a broken scenario file, naming the file, line and field', async () => {
    const broken = files.map((f) =>
      f.path.endsWith('the-award.yaml') ? { ...f, text: f.text.replace('    score: 0.5\n', '    score: 7\n') } : f,
    )
    await expect(syncContent(broken, framework)).rejects.toThrow(/the-award\.yaml:\d+:\d+ options\.1\.score: A score is between 0 and 1/)
  })
})
