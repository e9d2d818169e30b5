import { beforeAll, describe, expect, it } from 'vitest'
import * as structure from '~/routes/content.paths'
import * as onboarding from '~/routes/learn._index'
import { syncContent } from '~/models/content.server'
import { readContentFiles, readShippedFramework } from '~/utils/content-files.server'
import { db } from '~/utils/db.server'
import { cookieFor, createPerson, createTeam } from '../factories'
import { call, get, post, errorsOf, toastOf, valuesOf } from '../setup/remix'

const files = readContentFiles()
const framework = readShippedFramework()
beforeAll(async () => {
  await syncContent(files, framework)
})

const moduleOrder = async () => (await db.module.findMany({ orderBy: { position: 'asc' } })).map((m) => m.slug)

describe('modules and paths', () => {
  it('is for trainers and admins only', async () => {
    const leader = await createPerson({ role: 'leader' })
    const res = await call(
      structure.action,
      post('/content/paths', { intent: 'create-path', title: 'Sneaky path' }, await cookieFor(leader.id)),
    )
    expect(res.status).toBe(403)
    expect(await db.learningPath.count({ where: { title: 'Sneaky path' } })).toBe(0)
  })

  it('reorders modules and lessons, and a later sync keeps that order', async () => {
    const trainer = await createPerson({ role: 'trainer' })
    const cookie = await cookieFor(trainer.id)
    await call(
      structure.action,
      post('/content/paths', { intent: 'move-module', slug: '02-customers-and-clients', direction: 'up' }, cookie),
    )
    expect((await moduleOrder()).slice(0, 2)).toEqual(['02-customers-and-clients', '01-mission'])
    await call(structure.action, post('/content/paths', { intent: 'move-lesson', slug: 'the-second-question', direction: 'up' }, cookie))
    const probing = await db.lesson.findMany({ where: { module: { slug: '04-probing' } }, orderBy: { position: 'asc' } })
    expect(probing.map((l) => l.slug)).toEqual(['the-second-question', 'valerie', 'the-fault-they-did-not-ask-about'])
    await syncContent(files, framework)
    expect((await moduleOrder()).slice(0, 2)).toEqual(['02-customers-and-clients', '01-mission'])
    // Put it back for the other tests.
    await call(
      structure.action,
      post('/content/paths', { intent: 'move-module', slug: '02-customers-and-clients', direction: 'down' }, cookie),
    )
  })

  it('creates a module and an unpublished lesson learners do not see until it is published', async () => {
    const trainer = await createPerson({ role: 'trainer' })
    const cookie = await cookieFor(trainer.id)
    expect(
      (
        await call(
          structure.action,
          post(
            '/content/paths',
            { intent: 'create-module', title: 'Handling complaints', summary: 'Turning a complaint into trust.' },
            cookie,
          ),
        )
      ).status,
    ).toBe(302)
    const module = await db.module.findFirstOrThrow({ where: { title: 'Handling complaints' } })
    expect(module.slug).toBe('07-handling-complaints')
    const created = await call(
      structure.action,
      post('/content/paths', { intent: 'create-lesson', module: module.slug, title: 'Listen first' }, cookie),
    )
    expect(created.headers.get('Location')).toBe('/content/lessons/listen-first')
    const lesson = await db.lesson.findUniqueOrThrow({ where: { slug: 'listen-first' } })
    expect(lesson.currentVersionId).toBeNull()
    expect(lesson.draftSource).toContain('title: "Listen first"')
    const dup = await call(
      structure.action,
      post('/content/paths', { intent: 'create-lesson', module: module.slug, title: 'Listen first' }, cookie),
    )
    expect(dup.status).toBe(400)
    expect(errorsOf(dup.body).title).toMatch(/already exists/)
  })

  it('sets a path’s modules and due offsets, and assigns it to a team with a start date', async () => {
    const trainer = await createPerson({ role: 'trainer' })
    const cookie = await cookieFor(trainer.id)
    await call(structure.action, post('/content/paths', { intent: 'create-path', title: 'Refresher' }, cookie))
    const bad = await call(
      structure.action,
      post(
        '/content/paths',
        {
          intent: 'save-path',
          path: 'refresher',
          'steps[0].module': '04-probing',
          'steps[0].include': 'on',
          'steps[0].order': '1',
          'steps[0].dueDays': 'soon',
        },
        cookie,
      ),
    )
    expect(bad.status).toBe(400)
    expect(errorsOf(bad.body)['steps[0].dueDays']).toBe('Enter whole days from 0 to 365.')
    expect(await db.pathModule.count({ where: { path: { slug: 'refresher' } } })).toBe(0)
    const none = await call(
      structure.action,
      post('/content/paths', { intent: 'save-path', path: 'refresher', 'steps[0].module': '04-probing', 'steps[0].dueDays': '7' }, cookie),
    )
    expect(none.status).toBe(400)
    expect(errorsOf(none.body).form).toBe('A path needs at least one module.')
    const gone = await call(
      structure.action,
      post(
        '/content/paths',
        { intent: 'save-path', path: 'refresher', 'steps[0].module': 'no-such-module', 'steps[0].include': 'on', 'steps[0].dueDays': '7' },
        cookie,
      ),
    )
    expect(gone.status).toBe(400)
    expect(errorsOf(gone.body)).toEqual({ form: 'One of the modules no longer exists.' })
    // The reply names the form it answers (this path's table), so only that form shows it.
    expect(valuesOf(gone.body)).toMatchObject({ intent: 'save-path', path: 'refresher' })
    expect(await db.pathModule.count({ where: { path: { slug: 'refresher' } } })).toBe(0)
    const saved = await call(
      structure.action,
      post(
        '/content/paths',
        {
          intent: 'save-path',
          path: 'refresher',
          'steps[0].module': '05-keeping-in-touch',
          'steps[0].include': 'on',
          'steps[0].order': '2',
          'steps[0].dueDays': '14',
          'steps[1].module': '04-probing',
          'steps[1].include': 'on',
          'steps[1].order': '1',
          'steps[1].dueDays': '7',
          'steps[2].module': '01-mission',
          'steps[2].dueDays': '7',
        },
        cookie,
      ),
    )
    expect(saved.status).toBe(302)
    expect(saved.headers.get('Location')).toBe('/content/paths#path-refresher')
    expect((await toastOf(saved)).toast?.description).toBe('Path saved.')
    const steps = await db.pathModule.findMany({
      where: { path: { slug: 'refresher' } },
      orderBy: { position: 'asc' },
      include: { module: true },
    })
    expect(steps.map((s) => [s.module.slug, s.dueDays])).toEqual([
      ['04-probing', 7],
      ['05-keeping-in-touch', 14],
    ])

    const team = await createTeam('Night shift')
    const [a, b] = [await createPerson({ teamIds: [team.id] }), await createPerson({ teamIds: [team.id] })]
    const assigned = await call(
      structure.action,
      post('/content/paths', { intent: 'assign', path: 'refresher', target: `team:${team.id}`, startDate: '2026-12-01' }, cookie),
    )
    expect(assigned.headers.get('Location')).toBe('/content/paths')
    expect((await toastOf(assigned)).toast?.description).toBe('Path assigned to 2 people.')
    const page = (await call(onboarding.loader, get('/learn', await cookieFor(a.id)))).body as Awaited<ReturnType<typeof onboarding.loader>>
    expect(page.paths.map((p) => [p.path.slug, p.modules[0]!.dueDay, p.modules[0]!.due])).toEqual([
      ['refresher', '2026-12-08', '2026-12-09T00:00:00.000Z'],
    ])
    expect(await db.pathAssignment.count({ where: { userId: b.id } })).toBe(1)

    const nobody = await call(
      structure.action,
      post('/content/paths', { intent: 'assign', path: 'refresher', target: '', startDate: '2026-12-01' }, cookie),
    )
    expect(errorsOf(nobody.body).target).toBe('Choose a team or a person.')
  })

  it('answers an unknown action or bad input with 400 and a message at the field, and changes nothing', async () => {
    const cookie = await cookieFor((await createPerson({ role: 'trainer' })).id)
    const paths = await db.learningPath.count()
    for (const intent of ['drop-everything', '']) {
      const res = await call(structure.action, post('/content/paths', { intent, title: 'Sneaky path' }, cookie))
      expect(res.status).toBe(400)
      expect(errorsOf(res.body).form).toBe('That action is not available here.')
    }
    const long = await call(structure.action, post('/content/paths', { intent: 'create-path', title: 'x'.repeat(121) }, cookie))
    expect(long.status).toBe(400)
    expect(errorsOf(long.body).title).toBe('Use at most 120 characters.')
    expect(valuesOf(long.body).title).toBe('x'.repeat(121))
    const blank = await call(structure.action, post('/content/paths', { intent: 'create-module', title: '', summary: '' }, cookie))
    expect(errorsOf(blank.body)).toMatchObject({ title: 'Use at least 3 characters.', summary: 'Summarise the module in a sentence.' })
    expect(await db.learningPath.count()).toBe(paths)

    const created = await call(structure.action, post('/content/paths', { intent: 'create-path', title: 'Night onboarding' }, cookie))
    expect(created.headers.get('Location')).toBe('/content/paths')
    expect((await toastOf(created)).toast?.description).toBe('Path “Night onboarding” created. Tick its modules below.')
  })
})
