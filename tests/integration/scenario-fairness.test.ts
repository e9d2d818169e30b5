import { beforeAll, describe, expect, it } from 'vitest'
import * as editorRoute from '~/routes/content.scenarios.$slug'
import * as listRoute from '~/routes/content.scenarios._index'
import { syncContent } from '~/models/content.server'
import { readContentFiles, readShippedFramework } from '~/utils/content-files.server'
import { cookieFor, createPerson } from '../factories'
import { call, get, post } from '../setup/remix'

beforeAll(async () => {
  await syncContent(readContentFiles(), readShippedFramework())
})

describe('the bank linter in the editor and the bank list', () => {
  it("the editor's preview warns, on the field and with the reason, when the key gives itself away by its length or a red flag scores above an unflagged option", async () => {
    const trainer = await createPerson({ role: 'trainer' })
    const cookie = await cookieFor(trainer.id)
    const slug = 'the-long-key'
    expect((await call(listRoute.action, post('/content/scenarios', { title: 'The long key', slug, type: 'single' }, cookie))).status).toBe(
      302,
    )
    const biased = {
      title: 'The long key',
      type: 'single',
      competencies: [{ id: 'empowered-to-help', weight: 1 }],
      stem: 'A guest asks for a late checkout.',
      options: [
        { text: 'No.', score: 0, explanation: 'Curt.' },
        {
          text: 'Ask why she needs it, offer the lounge, a shower room and to keep her luggage until her taxi at six.',
          score: 1,
          explanation: 'Solves the real problem.',
        },
        { text: 'Charge the half day.', score: 0.6, explanation: 'Policy first.', redFlag: true },
        { text: 'Say you will check.', score: 0.3, explanation: 'Half-way.' },
      ],
    }
    const res = await call(
      editorRoute.action,
      post(`/content/scenarios/${slug}`, { intent: 'preview', revision: '0', definition: JSON.stringify(biased) }, cookie),
      { slug },
    )
    const body = res.body as { warnings: { field: string; code: string; message: string }[] }
    expect(body.warnings.map((w) => [w.field, w.code])).toEqual(
      expect.arrayContaining([
        ['options.1.text', 'key-longest'],
        ['options.2.score', 'red-flag-above-unflagged'],
      ]),
    )
    expect(body.warnings.find((w) => w.code === 'key-longest')!.message).toMatch(/average length/)
    // An incomplete draft gets its problems, and no fairness advice yet.
    const incomplete = await call(
      editorRoute.action,
      post(`/content/scenarios/${slug}`, { intent: 'preview', revision: '0', definition: JSON.stringify({ title: 'x' }) }, cookie),
      { slug },
    )
    expect((incomplete.body as { warnings: unknown[] }).warnings).toEqual([])
  })

  it("the trainers' bank list shows the published bank's figures beside chance", async () => {
    const trainer = await createPerson({ role: 'trainer' })
    const page = (await call(listRoute.loader, get('/content/scenarios', await cookieFor(trainer.id)))).body as Awaited<
      ReturnType<typeof listRoute.loader>
    >
    const f = page.bank.figures
    expect(f.bots.items).toBeGreaterThan(30)
    // The shipped bank sits at chance: a guesser by length or position gets no more than a blind guess (+0.15).
    for (const bot of ['longest', 'shortest', 'first', 'last'] as const) expect(f.bots[bot]).toBeLessThanOrEqual(f.bots.blind + 0.15)
    expect(f.keyLongest.share).toBeLessThanOrEqual(f.keyLongest.chance + 0.15)
    expect(page.bank.problems).toEqual([])
  })
})
