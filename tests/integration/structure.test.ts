import { beforeAll, describe, expect, it } from 'vitest'
import * as structure from '~/routes/content.paths'
import * as onboarding from '~/routes/learn._index'
import { syncContent } from '~/models/content.server'
import { readContentFiles, readShippedFramework } from '~/utils/content-files.server'
import { db } from '~/utils/db.server'
import { cookieFor, createPerson, createTeam } from '../factories'
import { call, get, post, errorsOf } from '../setup/remix'

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
        { intent: 'save-path', path: 'refresher', 'include:04-probing': 'on', 'order:04-probing': '1', 'due:04-probing': 'soon' },
        cookie,
      ),
    )
    expect(bad.status).toBe(400)
    expect(errorsOf(bad.body)['due:04-probing']).toBe('Enter whole days from 0 to 365.')
    const saved = await call(
      structure.action,
      post(
        '/content/paths',
        {
          intent: 'save-path',
          path: 'refresher',
          'include:05-keeping-in-touch': 'on',
          'order:05-keeping-in-touch': '2',
          'due:05-keeping-in-touch': '14',
          'include:04-probing': 'on',
          'order:04-probing': '1',
          'due:04-probing': '7',
        },
        cookie,
      ),
    )
    expect(saved.status).toBe(302)
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
    expect(assigned.headers.get('Location')).toBe('/content/paths?assigned=2')
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
})
