import { beforeAll, describe, expect, it } from 'vitest'
import type { ScenarioDefinition } from '~/domain/scenarios/scenario'
import * as editorRoute from '~/routes/content.scenarios.$slug'
import * as listRoute from '~/routes/content.scenarios._index'
import * as panelRoute from '~/routes/content.scenarios.$slug_.panel'
import { syncContent } from '~/models/content.server'
import { readContentFiles, readShippedFramework } from '~/utils/content-files.server'
import { db } from '~/utils/db.server'
import { cookieFor, createPerson } from '../factories'
import { call, errorsOf, get, post, toastOf } from '../setup/remix'

beforeAll(async () => {
  await syncContent(readContentFiles(), readShippedFramework())
})

const definition = {
  title: 'The early check-in',
  type: 'single',
  competencies: [{ id: 'empowered-to-help', weight: 1 }],
  stem: 'A guest arrives at 9 a.m. after a night flight; check-in is at 3 p.m. You may give any clean room early.',
  options: [
    { text: 'Give her a clean room now and note it for housekeeping.', score: 1, explanation: 'You may, and it solves the real problem.' },
    { text: 'Offer to keep her luggage until the room is ready at three.', score: 0.5, explanation: 'Helpful, but she is exhausted now.' },
    { text: 'Sell her the early check-in supplement.', score: 0, explanation: 'Policy first.', redFlag: true },
  ],
}

type PanelData = Awaited<ReturnType<typeof panelRoute.loader>>
const trainer = async (name: string) => {
  const person = await createPerson({ role: 'trainer', name })
  return { person, cookie: await cookieFor(person.id) }
}

async function newScenario(slug: string) {
  const { cookie } = await trainer('Author')
  expect((await call(listRoute.action, post('/content/scenarios', { title: definition.title, slug, type: 'single' }, cookie))).status).toBe(
    302,
  )
  const page = (await call(editorRoute.loader, get(`/content/scenarios/${slug}`, cookie), { slug })).body as Awaited<
    ReturnType<typeof editorRoute.loader>
  >
  expect(
    (
      await call(
        editorRoute.action,
        post(
          `/content/scenarios/${slug}`,
          { intent: 'save', revision: String(page.scenario.revision), definition: JSON.stringify(definition) },
          cookie,
        ),
        { slug },
      )
    ).status,
  ).toBe(302)
  return cookie
}

const view = async (cookie: string, slug: string) =>
  (await call(panelRoute.loader, get(`/content/scenarios/${slug}/panel`, cookie), { slug })).body as PanelData
const score = (cookie: string, slug: string, scores: (number | string)[]) =>
  call(
    panelRoute.action,
    post(
      `/content/scenarios/${slug}/panel`,
      Object.fromEntries(
        scores.flatMap((s, i) => [
          [`scores[${i}].key`, `options.${i}`],
          [`scores[${i}].score`, String(s)],
        ]),
      ),
      cookie,
    ),
    { slug },
  )
const publish = async (cookie: string, slug: string, override?: string) => {
  const page = (await call(editorRoute.loader, get(`/content/scenarios/${slug}`, cookie), { slug })).body as Awaited<
    ReturnType<typeof editorRoute.loader>
  >
  return call(
    editorRoute.action,
    post(
      `/content/scenarios/${slug}`,
      {
        intent: 'publish',
        revision: String(page.scenario.revision),
        definition: JSON.stringify(page.scenario.definition),
        ...(override ? { override } : {}),
      },
      cookie,
    ),
    { slug },
  )
}

describe('keys set by a panel', () => {
  it('trainers score blind; once a trainer has scored they see the agreement; publishing uses the panel’s key', async () => {
    const slug = 'panel-agrees'
    const author = await newScenario(slug)
    const ana = await trainer('Ana Panel')
    const ben = await trainer('Ben Panel')
    const saved = await score(ana.cookie, slug, [1, 0.5, 0])
    expect(saved.status).toBe(302)
    expect(saved.headers.get('Location')).toBe(`/content/scenarios/${slug}/panel`)
    expect((await toastOf(saved)).toast?.description).toBe('Your scores are saved.')
    // Ben has not scored: he sees that one trainer has, not what they gave, nor the key.
    const blind = await view(ben.cookie, slug)
    expect(blind).toMatchObject({ raters: 1, complete: false, agreement: null, panelKey: null })
    expect(JSON.stringify(blind)).not.toContain('Ana Panel')
    expect(Object.keys(blind.choices[0]!)).not.toContain('score')
    // The editor shows only a summary, to those who have not scored as well.
    const editor = (await call(editorRoute.loader, get(`/content/scenarios/${slug}`, ben.cookie), { slug })).body as Awaited<
      ReturnType<typeof editorRoute.loader>
    >
    expect(editor.panel).toEqual({ raters: 1, scorable: true, complete: false, disagrees: null, alpha: null })

    expect((await score(ben.cookie, slug, [1, 0.7, 0.1])).status).toBe(302)
    const seen = await view(ben.cookie, slug)
    expect(seen.agreement).toMatchObject({ raters: 2, names: ['Ana Panel', 'Ben Panel'], disagrees: false, meanDifference: 0.1 })
    expect(seen.agreement!.byRater['options.1']).toEqual([0.5, 0.7])
    expect(seen.panelKey).toEqual({ 'options.0': 1, 'options.1': 0.6, 'options.2': 0.05 })

    expect((await publish(author, slug)).status).toBe(302)
    const version = await db.scenarioVersion.findFirstOrThrow({ where: { scenario: { slug } } })
    const published = JSON.parse(version.definition) as ScenarioDefinition
    expect(published.options.map((o) => o.score)).toEqual([1, 0.6, 0.05])
    expect(
      (await db.auditEvent.findFirstOrThrow({ where: { action: 'scenario.published', subject: `scenario:${slug}` } })).summary,
    ).toContain('with the key of a panel of 2')
  })

  it('a panel that disagrees stops publishing until an override with a reason, which the audit log records', async () => {
    const slug = 'panel-disagrees'
    const author = await newScenario(slug)
    const ana = await trainer('Ana Split')
    const ben = await trainer('Ben Split')
    await score(ana.cookie, slug, [1, 0.2, 0])
    await score(ben.cookie, slug, [1, 0.9, 0])
    const panel = await view(ana.cookie, slug)
    expect(panel.agreement!.options.map((o) => o.disagree)).toEqual([false, true, false])
    expect(panel.agreement!.disagrees).toBe(true)

    const refused = await publish(author, slug)
    expect(refused.status).toBe(400)
    expect((refused.body as { problems: { field: string; message: string }[] }).problems).toEqual([
      { field: 'panel', message: expect.stringContaining('The panel disagrees (1 option scored more than 0.3 apart') },
    ])
    expect(await db.scenarioVersion.count({ where: { scenario: { slug } } })).toBe(0)
    const rambling = await publish(author, slug, 'x'.repeat(501))
    expect(rambling.status).toBe(400)
    expect(errorsOf(rambling.body).override).toBe('Keep the reason under 500 characters.')
    expect(await db.scenarioVersion.count({ where: { scenario: { slug } } })).toBe(0)

    expect((await publish(author, slug, 'Both readings are defensible; revisit after the first 20 answers.')).status).toBe(302)
    const override = await db.auditEvent.findFirstOrThrow({ where: { action: 'scenario.panel_override', subject: `scenario:${slug}` } })
    expect(override.summary).toContain('Both readings are defensible')
  })

  it('refuses incomplete or out-of-range scores with a message and stores nothing; a changed option needs scoring again; learners are refused', async () => {
    const slug = 'panel-input'
    const author = await newScenario(slug)
    const ana = await trainer('Ana Input')
    // A missing option is the model's to notice (said about the form); a bad score is said at its field.
    for (const [scores, field, message] of [
      [[1, 0.5], 'form', /Score option 3/],
      [[1, 1.5, 0], 'scores[1].score', /^A score is between 0 and 1\.$/],
      [[1, -0.5, 0], 'scores[1].score', /^A score is between 0 and 1\.$/],
      [[1, 'half', 0], 'scores[1].score', /^Score this option \(0 to 1\)\.$/],
    ] as const) {
      const res = await score(ana.cookie, slug, [...scores])
      expect(res.status).toBe(400)
      expect(errorsOf(res.body)[field]).toMatch(message)
    }
    const stranger = await call(
      panelRoute.action,
      post(`/content/scenarios/${slug}/panel`, { 'scores[0].key': 'options.99', 'scores[0].score': '1' }, ana.cookie),
      { slug },
    )
    expect(stranger.status).toBe(400)
    expect(errorsOf(stranger.body).form).toMatch(/Score option 1/)
    expect(await db.panelRating.count({ where: { scenario: { slug } } })).toBe(0)

    await score(ana.cookie, slug, [1, 0.5, 0])
    expect((await view(ana.cookie, slug)).complete).toBe(true)
    // The author rewrites option 2: Ana's score for it no longer counts, the others still do.
    const page = (await call(editorRoute.loader, get(`/content/scenarios/${slug}`, author), { slug })).body as Awaited<
      ReturnType<typeof editorRoute.loader>
    >
    const changed = {
      ...definition,
      options: definition.options.map((o, i) =>
        i === 1 ? { ...o, text: 'Offer the lounge and a shower while the room is made ready.' } : o,
      ),
    }
    await call(
      editorRoute.action,
      post(
        `/content/scenarios/${slug}`,
        { intent: 'save', revision: String(page.scenario.revision), definition: JSON.stringify(changed) },
        author,
      ),
      { slug },
    )
    const after = await view(ana.cookie, slug)
    expect(after.complete).toBe(false)
    expect(after.mine).toEqual({ 'options.0': 1, 'options.2': 0 })

    const learner = await createPerson()
    const refused = await call(panelRoute.loader, get(`/content/scenarios/${slug}/panel`, await cookieFor(learner.id)), { slug })
    expect(refused.status).toBe(403)
  })

  it('a corrupt stored rating names itself: the panel page and publishing stop instead of leaving a rater out', async () => {
    const slug = 'panel-corrupt'
    const author = await newScenario(slug)
    const ana = await trainer('Ana Corrupt')
    const ben = await trainer('Ben Corrupt')
    expect((await score(ana.cookie, slug, [1, 0.5, 0])).status).toBe(302)
    expect((await score(ben.cookie, slug, [1, 0.5, 0])).status).toBe(302)
    await db.panelRating.updateMany({
      where: { raterId: ben.person.id },
      data: { scores: JSON.stringify({ 'options.0': { text: 'Give her a clean room now', score: 7 } }) },
    })
    await expect(view(ana.cookie, slug)).rejects.toThrow(/^Corrupt stored scores of a key panel rating: /)
    await expect(publish(author, slug)).rejects.toThrow(/^Corrupt stored scores of a key panel rating: /)
    expect(await db.scenarioVersion.count({ where: { scenario: { slug } } })).toBe(0)
  })
})
