import { beforeAll, describe, expect, it } from 'vitest'
import * as editor from '~/routes/content.lessons.$slug'
import * as preview from '~/routes/content.lessons.$slug_.preview'
import * as history from '~/routes/content.lessons.$slug_.history'
import * as list from '~/routes/content._index'
import { syncContent } from '~/models/content.server'
import { readContentFiles, readShippedFramework } from '~/utils/content-files.server'
import { db } from '~/utils/db.server'
import { cookieFor, createPerson } from '../factories'
import { call, get, post, errorsOf, toastOf, valuesOf } from '../setup/remix'

const files = readContentFiles()
const framework = readShippedFramework()
beforeAll(async () => {
  await syncContent(files, framework)
})

type EditorData = Awaited<ReturnType<typeof editor.loader>>

async function trainer() {
  const person = await createPerson({ role: 'trainer' })
  return { person, cookie: await cookieFor(person.id) }
}

async function formFor(slug: string, cookie: string, change: (f: Record<string, string | string[]>) => void = () => {}) {
  const { fields, lesson } = (await call(editor.loader, get(`/content/lessons/${slug}`, cookie), { slug })).body as EditorData
  const form: Record<string, string | string[]> = {
    ...fields,
    competencyOrder: fields.competencies.join(','),
    revision: String(lesson.revision),
  }
  change(form)
  return form
}

describe('lesson authoring', () => {
  it('only trainers and admins reach the editor', async () => {
    const learner = await createPerson()
    const cookie = await cookieFor(learner.id)
    expect((await call(editor.loader, get('/content/lessons/valerie', cookie), { slug: 'valerie' })).status).toBe(403)
    expect((await call(editor.action, post('/content/lessons/valerie', { intent: 'publish' }, cookie), { slug: 'valerie' })).status).toBe(
      403,
    )
    expect(
      (await call(preview.action, post('/content/lessons/valerie/preview', { body: '# x' }, cookie), { slug: 'valerie' })).status,
    ).toBe(403)
  })

  it('lists lessons filtered by module and competency', async () => {
    const { cookie } = await trainer()
    const rows = async (qs: string) =>
      ((await call(list.loader, get(`/content?${qs}`, cookie))).body as Awaited<ReturnType<typeof list.loader>>).lessons.map((l) => l.slug)
    expect(await rows('module=04-probing')).toEqual(['valerie', 'the-second-question', 'the-fault-they-did-not-ask-about'])
    expect(await rows('competency=extraordinary-help')).toEqual(['josephine', 'extraordinary-moments'])
  })

  it('previews with the same validator: hostile MDX is refused at its editor line', async () => {
    const { cookie } = await trainer()
    const ok = await call(preview.action, post('/content/lessons/valerie/preview', { body: '# Hello\n\n<Mission />' }, cookie), {
      slug: 'valerie',
    })
    expect(ok.status).toBe(200)
    expect((JSON.parse(ok.body as string) as { ok: boolean }).ok).toBe(true)
    const bad = await call(
      preview.action,
      post('/content/lessons/valerie/preview', { body: '# Hello\n\n<script>alert(1)</script>' }, cookie),
      { slug: 'valerie' },
    )
    expect(bad.status).toBe(422)
    expect(JSON.parse(bad.body as string)).toMatchObject({ ok: false, problems: [{ line: 3, column: 1 }] })
  })

  it('refuses to publish a lesson with an error, reporting the editor line, and publishes once fixed', async () => {
    const { person, cookie } = await trainer()
    const broken = await formFor('the-second-question', cookie, (f) => (f.body = `${f.body}\n{process.env.SESSION_SECRET}\n`))
    const refused = await call(editor.action, post('/content/lessons/the-second-question', { ...broken, intent: 'publish' }, cookie), {
      slug: 'the-second-question',
    })
    expect(refused.status).toBe(400)
    const bodyLines = String(broken.body).split('\n')
    const { problems } = refused.body as Exclude<Awaited<ReturnType<typeof editor.action>>, Response>['data']
    // Each problem once, at its editor line; the form's message only counts them.
    expect(problems).toHaveLength(1)
    expect(problems[0]!.line).toBe(bodyLines.indexOf('{process.env.SESSION_SECRET}') + 1)
    expect(errorsOf(refused.body).form).toBe('Not published: 1 problem in the lesson text, listed beside the preview.')
    expect(errorsOf(refused.body).form).not.toContain(problems[0]!.message)
    expect(valuesOf(refused.body).body).toBe(broken.body)
    expect(await db.lessonVersion.count({ where: { lesson: { slug: 'the-second-question' } } })).toBe(1)

    const fixed = await formFor('the-second-question', cookie, (f) => (f.body = `${f.body}\nAsk one more question today.\n`))
    const published = await call(editor.action, post('/content/lessons/the-second-question', { ...fixed, intent: 'publish' }, cookie), {
      slug: 'the-second-question',
    })
    expect(published.status).toBe(302)
    expect(published.headers.get('Location')).toBe('/content/lessons/the-second-question')
    expect((await toastOf(published)).toast?.description).toMatch(/^Published as version 2\./)
    const lesson = await db.lesson.findUniqueOrThrow({ where: { slug: 'the-second-question' }, include: { currentVersion: true } })
    expect(lesson.currentVersion).toMatchObject({ number: 2, origin: 'editor', createdById: person.id })
    expect(lesson.currentVersion!.source).toContain('Ask one more question today.')

    // A later sync of the unchanged shipped file leaves the trainer's version live.
    await syncContent(files, framework)
    expect(
      (await db.lesson.findUniqueOrThrow({ where: { slug: 'the-second-question' }, include: { currentVersion: true } })).currentVersion!
        .number,
    ).toBe(2)
  })

  it('refuses a save based on an older revision instead of overwriting', async () => {
    const a = await trainer()
    const b = await trainer()
    const formA = await formFor('josephine', a.cookie, (f) => (f.summary = 'First trainer’s summary of the Joséphine lesson.'))
    const formB = await formFor('josephine', b.cookie, (f) => (f.summary = 'Second trainer’s summary of the Joséphine lesson.'))
    const first = await call(editor.action, post('/content/lessons/josephine', { ...formA, intent: 'save' }, a.cookie), {
      slug: 'josephine',
    })
    expect(first.status).toBe(302)
    expect(first.headers.get('Location')).toBe('/content/lessons/josephine')
    expect((await toastOf(first)).toast?.description).toBe('Draft saved. Learners still see the published version.')
    const second = await call(editor.action, post('/content/lessons/josephine', { ...formB, intent: 'save' }, b.cookie), {
      slug: 'josephine',
    })
    expect(second.status).toBe(409)
    expect(errorsOf(second.body).form).toMatch(/saved this lesson while you were editing/)
    expect((await db.lesson.findUniqueOrThrow({ where: { slug: 'josephine' } })).draftSource).toContain('First trainer’s summary')
  })

  it('shows a diff between versions and restores an earlier one as a new version', async () => {
    const { cookie } = await trainer()
    const form = await formFor('biggest-fan', cookie, (f) => (f.title = 'Your client’s biggest fan'))
    await call(editor.action, post('/content/lessons/biggest-fan', { ...form, intent: 'publish' }, cookie), { slug: 'biggest-fan' })
    const page = (await call(history.loader, get('/content/lessons/biggest-fan/history?from=1&to=2', cookie), { slug: 'biggest-fan' }))
      .body as Awaited<ReturnType<typeof history.loader>>
    expect(page.diff!.filter((d) => d.kind === 'removed').map((d) => d.text)).toEqual(["title: The client's biggest fan\n"])
    expect(page.diff!.filter((d) => d.kind === 'added').map((d) => d.text)).toEqual(['title: Your client’s biggest fan\n'])

    const revision = (await db.lesson.findUniqueOrThrow({ where: { slug: 'biggest-fan' } })).revision
    const restored = await call(
      history.action,
      post('/content/lessons/biggest-fan/history', { version: '1', revision: String(revision) }, cookie),
      { slug: 'biggest-fan' },
    )
    expect(restored.status).toBe(302)
    expect(restored.headers.get('Location')).toBe('/content/lessons/biggest-fan')
    expect((await toastOf(restored)).toast?.description).toBe('Version 1 restored and published as version 3. Learners now see it.')
    const lesson = await db.lesson.findUniqueOrThrow({ where: { slug: 'biggest-fan' }, include: { currentVersion: true } })
    expect(lesson.currentVersion).toMatchObject({ number: 3, title: "The client's biggest fan" })
  })

  it('answers an unknown action with 400 and a plain message, and changes nothing', async () => {
    const { cookie } = await trainer()
    const form = await formFor('valerie', cookie, (f) => (f.title = 'Hijacked'))
    for (const intent of ['explode', '']) {
      const res = await call(editor.action, post('/content/lessons/valerie', { ...form, intent }, cookie), { slug: 'valerie' })
      expect(res.status).toBe(400)
      expect(errorsOf(res.body).form).toBe('That action is not available here.')
    }
    expect((await db.lesson.findUniqueOrThrow({ where: { slug: 'valerie' } })).draftSource).toBeNull()
  })

  it('saves an incomplete draft, but refuses to publish it with the message at each field', async () => {
    const { cookie } = await trainer()
    const form = await formFor('extraordinary-moments', cookie, (f) => {
      f.summary = 'Short.'
      f.minutes = '12'
      f.competencies = []
      f.sources = 'Just a name'
    })
    const refused = await call(editor.action, post('/content/lessons/extraordinary-moments', { ...form, intent: 'publish' }, cookie), {
      slug: 'extraordinary-moments',
    })
    expect(refused.status).toBe(400)
    expect(errorsOf(refused.body)).toMatchObject({
      summary: 'Summarise the lesson in a sentence.',
      minutes: 'A lesson takes 3 to 8 minutes.',
      competencies: 'Name at least one competency the lesson teaches.',
      sources: 'Line 1: write each source as "Author | Title".',
    })
    expect(valuesOf(refused.body).summary).toBe('Short.')

    const longTitle = await call(
      editor.action,
      post('/content/lessons/extraordinary-moments', { ...form, sources: '', title: 'x'.repeat(121), intent: 'save' }, cookie),
      { slug: 'extraordinary-moments' },
    )
    expect(longTitle.status).toBe(400)
    expect(errorsOf(longTitle.body).title).toBe('Use at most 120 characters.')
    expect((await db.lesson.findUniqueOrThrow({ where: { slug: 'extraordinary-moments' } })).draftSource).toBeNull()

    const draft = await call(
      editor.action,
      post('/content/lessons/extraordinary-moments', { ...form, sources: '', intent: 'save' }, cookie),
      {
        slug: 'extraordinary-moments',
      },
    )
    expect(draft.status).toBe(302)
    expect((await db.lesson.findUniqueOrThrow({ where: { slug: 'extraordinary-moments' } })).draftSource).toContain('summary: Short.')
  })
})
