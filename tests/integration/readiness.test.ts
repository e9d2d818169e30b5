import { beforeAll, describe, expect, it } from 'vitest'
import * as player from '~/routes/learn.$slug'
import * as observe from '~/routes/people.$id_.readiness'
import * as teamRoute from '~/routes/readiness.team'
import * as csvRoute from '~/routes/readiness.team[.]csv'
import { syncContent } from '~/models/content.server'
import { rebuildReadiness, recordEvidence, recordObservation, type EvidenceInput } from '~/models/readiness.server'
import { readContentFiles, readShippedFramework } from '~/utils/content-files.server'
import { db } from '~/utils/db.server'
import { cookieFor, createPerson, createTeam } from '../factories'
import { call, errorsOf, get, post, toastOf, valuesOf } from '../setup/remix'
import { checkOptionId } from '../setup/answers'

beforeAll(async () => {
  await syncContent(readContentFiles(), readShippedFramework())
})

/** A small deterministic generator, so a failure can be replayed. */
function rng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) % 2 ** 32
    return seed / 2 ** 32
  }
}

const snapshot = async (userIds: string[]) => {
  const rows = await db.readinessEstimate.findMany({
    where: { userId: { in: userIds } },
    orderBy: [{ userId: 'asc' }, { competencyId: 'asc' }],
  })
  const people = await db.personReadiness.findMany({ where: { userId: { in: userIds } }, orderBy: { userId: 'asc' } })
  const pillars = await db.pillarReadiness.findMany({
    where: { userId: { in: userIds } },
    orderBy: [{ userId: 'asc' }, { pillarId: 'asc' }],
  })
  return {
    estimates: rows.map(({ computedAt: _c, positive, negative, ...r }) => ({
      ...r,
      positive: Number(positive.toPrecision(9)),
      negative: Number(negative.toPrecision(9)),
    })),
    people: people.map(({ updatedAt: _u, ...p }) => p),
    pillars,
  }
}

describe('readiness', () => {
  it('the rebuild equals the incremental result on a generated history', async () => {
    const random = rng(42)
    const competencies = (await db.competency.findMany()).map((c) => c.id)
    const people = await Promise.all(Array.from({ length: 6 }, () => createPerson()))
    const now = new Date('2026-11-23T12:00:00Z')
    const events: { userId: string; e: EvidenceInput }[] = []
    for (let i = 0; i < 400; i++) {
      const userId = people[Math.floor(random() * people.length)]!.id
      const competencyId = competencies[Math.floor(random() * competencies.length)]!
      const exposure = random() < 0.15
      events.push({
        userId,
        e: {
          competencyId,
          kind: exposure ? 'lesson' : random() < 0.5 ? 'quiz' : 'check',
          score: exposure ? null : Math.round(random() * 10) / 10,
          weight: exposure ? 0 : [0.5, 1, 1.5][Math.floor(random() * 3)]!,
          redFlag: !exposure && random() < 0.05,
          occurredAt: new Date(now.getTime() - Math.floor(random() * 400) * 86_400_000),
          sourceId: `generated-${i}`,
        },
      })
    }
    // Incrementally, in batches of one to three events per transaction, in the generated (not time) order.
    for (let i = 0; i < events.length;) {
      const n = 1 + Math.floor(random() * 3)
      const batch = events.slice(i, i + n).filter((x) => x.userId === events[i]!.userId)
      await db.$transaction((tx) =>
        recordEvidence(
          tx,
          batch[0]!.userId,
          batch.map((b) => b.e),
          now,
        ),
      )
      i += batch.length
    }
    const ids = people.map((p) => p.id)
    const incremental = await snapshot(ids)
    expect(incremental.estimates.length).toBeGreaterThan(30)
    expect(incremental.people).toHaveLength(6)
    await rebuildReadiness(now)
    expect(await snapshot(ids)).toEqual(incremental)
  })

  it('a Check answer is evidence in the same write, and a repeat adds nothing', async () => {
    const person = await createPerson()
    const cookie = await cookieFor(person.id)
    const best = await checkOptionId(cookie, 'valerie', 'valerie-turning-point', 0)
    const send = () =>
      call(player.action, post('/learn/valerie', { intent: 'check', key: 'valerie-turning-point', option: best }, cookie), {
        slug: 'valerie',
      })
    await Promise.all([send(), send()])
    const evidence = await db.evidence.findMany({ where: { userId: person.id } })
    expect(evidence.map((e) => [e.kind, e.competencyId, e.score, e.weight])).toEqual([['check', 'probing-for-the-real-need', 1, 0.5]])
    const estimate = await db.readinessEstimate.findUniqueOrThrow({
      where: { userId_competencyId: { userId: person.id, competencyId: 'probing-for-the-real-need' } },
    })
    expect(estimate).toMatchObject({ count: 1, level: 'developing' })
    expect(estimate.mean).toBeCloseTo(1.5 / 2.5, 3)
    expect(await db.personReadiness.findUniqueOrThrow({ where: { userId: person.id } })).toMatchObject({ redFlags: 0, clientReady: false })
  })

  it('a leader observation is evidence: "seen on the job"', async () => {
    const person = await createPerson()
    const leader = await createPerson({ role: 'leader' })
    await recordObservation({
      observerId: leader.id,
      userId: person.id,
      competencyId: 'extraordinary-help',
      rating: 3,
      note: 'Stayed with a guest after a fall.',
      observedAt: new Date(),
    })
    const e = await db.evidence.findFirstOrThrow({ where: { userId: person.id } })
    expect(e).toMatchObject({ kind: 'observation', score: 1, weight: 1.5 })
    const est = await db.readinessEstimate.findUniqueOrThrow({
      where: { userId_competencyId: { userId: person.id, competencyId: 'extraordinary-help' } },
    })
    // α = 1 + 1.5 × 1, β = 1: mean 2.5 / 3.5
    expect(est.mean).toBeCloseTo(2.5 / 3.5, 3)
  })
})

describe('recording an observation', () => {
  async function leaderAndReport() {
    const leader = await createPerson({ role: 'leader' })
    const team = await createTeam(undefined, [leader.id])
    const person = await createPerson({ teamIds: [team.id] })
    return { leader, person, cookie: await cookieFor(leader.id) }
  }
  const today = () => new Date().toISOString().slice(0, 10)
  const send = (cookie: string, personId: string, form: Record<string, string>) =>
    call(observe.action, post(`/people/${personId}/readiness`, form, cookie), { id: personId })

  it('saves it and confirms with a toast, at the competency it counts for; no flag in the address', async () => {
    const { person, cookie } = await leaderAndReport()
    const res = await send(cookie, person.id, {
      competencyId: 'extraordinary-help',
      rating: '3',
      note: 'Found a taxi.',
      observedAt: today(),
    })
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe(`/people/${person.id}/readiness#competency-extraordinary-help`)
    const { toast } = await toastOf(res)
    expect(toast).toMatchObject({ type: 'success', title: 'Observation recorded' })
    expect(toast!.description).toMatch(/^Help in extraordinary moments: “Beyond: a role model”\. It counts as evidence now/)
    expect(await db.evidence.count({ where: { userId: person.id, kind: 'observation' } })).toBe(1)
  })

  it('refuses a bad form with a message at each field, keeps what was typed, and records nothing', async () => {
    const { person, cookie } = await leaderAndReport()
    const long = 'n'.repeat(501)
    const res = await send(cookie, person.id, { competencyId: '', rating: '7', note: long, observedAt: today() })
    expect(res.status).toBe(400)
    expect(errorsOf(res.body)).toMatchObject({
      competencyId: 'Choose what you saw.',
      rating: 'Choose how well it went.',
      note: 'Keep the note to 500 characters or fewer.',
    })
    expect(valuesOf(res.body).note).toBe(long)
    const unknown = await send(cookie, person.id, { competencyId: 'mind-reading', rating: '2', observedAt: today() })
    expect(unknown.status).toBe(400)
    expect(errorsOf(unknown.body).competencyId).toBe('That competency is not part of the framework.')
    expect(await db.evidence.count({ where: { userId: person.id } })).toBe(0)
  })

  it('refuses an observation of oneself, and of someone outside the teams one leads', async () => {
    const { leader, cookie } = await leaderAndReport()
    const form = { competencyId: 'extraordinary-help', rating: '3', observedAt: today() }
    const self = await send(cookie, leader.id, form)
    expect(self.status).toBe(403)
    expect(errorsOf(self.body).form).toBe('You cannot record an observation of yourself.')
    const stranger = await createPerson({ teamIds: [(await createTeam()).id] })
    expect((await send(cookie, stranger.id, form)).status).toBe(404)
    expect(await db.evidence.count({ where: { userId: { in: [leader.id, stranger.id] } } })).toBe(0)
  })
})

describe('team readiness scope', () => {
  it('a leader sees only their teams, on the page and in the CSV, whatever the team parameter', async () => {
    const leader = await createPerson({ role: 'leader' })
    const mine = await createTeam(undefined, [leader.id])
    const other = await createTeam()
    const inside = await createPerson({ teamIds: [mine.id], name: 'Inside Person' })
    const outside = await createPerson({ teamIds: [other.id], name: 'Outside Person' })
    const cookie = await cookieFor(leader.id)
    const page = (await call(teamRoute.loader, get('/readiness/team', cookie))).body as Awaited<ReturnType<typeof teamRoute.loader>>
    expect(page.rows.map((r) => r.id)).toEqual([inside.id])
    expect(page.summary.total).toBe(1)
    const sneaky = (await call(teamRoute.loader, get(`/readiness/team?teamId=${other.id}`, cookie))).body as Awaited<
      ReturnType<typeof teamRoute.loader>
    >
    expect(sneaky.rows).toEqual([])
    const csv = (await call(csvRoute.loader, get(`/readiness/team.csv?teamId=${other.id}`, cookie))).body as string
    expect(csv).not.toContain('Outside Person')
    const all = (await call(csvRoute.loader, get('/readiness/team.csv', cookie))).body as string
    expect(all).toContain('Inside Person')
    expect(all).not.toContain('Outside Person')
    expect(outside.id).not.toBe(inside.id)
    const learner = await cookieFor(inside.id)
    expect((await call(teamRoute.loader, get('/readiness/team', learner))).status).toBe(403)
  })
})

describe('not enough evidence yet', () => {
  const evidenceFor = (competencyId: string, scores: number[], tag: string): EvidenceInput[] =>
    scores.map((score, i) => ({
      competencyId,
      kind: 'quiz',
      score,
      weight: 1,
      redFlag: false,
      occurredAt: new Date(),
      sourceId: `${tag}-${i}`,
    }))

  it('the estimate stores how many more answers could decide; the team view filters, labels and exports it apart from developing', async () => {
    const leader = await createPerson({ role: 'leader' })
    const team = await createTeam(undefined, [leader.id])
    const early = await createPerson({ teamIds: [team.id], name: 'Early Evidence' })
    const weak = await createPerson({ teamIds: [team.id], name: 'Settled Developing' })
    const competency = 'probing-for-the-real-need'
    await db.$transaction((tx) => recordEvidence(tx, early.id, evidenceFor(competency, [1], 'early')))
    await db.$transaction((tx) => recordEvidence(tx, weak.id, evidenceFor(competency, [0, 0, 0, 0, 0.2], 'weak')))
    const stored = async (userId: string) =>
      db.readinessEstimate.findUniqueOrThrow({ where: { userId_competencyId: { userId, competencyId: competency } } })
    // One strong answer: Beta(2, 1), 90% interval [0.22, 0.97] holds the threshold; four more (weak) answers could decide.
    expect(await stored(early.id)).toMatchObject({ level: 'developing', toDecide: 4 })
    expect(await stored(weak.id)).toMatchObject({ level: 'developing', toDecide: null })
    // Five more strong answers decide it (ready, once the lessons are done) and clear the count.
    await db.$transaction((tx) => recordEvidence(tx, early.id, evidenceFor(competency, [1, 1, 1, 1, 1], 'early-more')))
    expect((await stored(early.id)).toDecide).toBeNull()
    await db.$transaction((tx) => recordEvidence(tx, early.id, evidenceFor(competency, [0, 0, 0, 0], 'early-slip')))
    expect((await stored(early.id)).toDecide).not.toBeNull()

    const cookie = await cookieFor(leader.id)
    const view = async (query: string) =>
      (await call(teamRoute.loader, get(`/readiness/team?${query}`, cookie))).body as Awaited<ReturnType<typeof teamRoute.loader>>
    expect((await view(`competency=${competency}&level=undecided`)).rows.map((r) => r.name)).toEqual(['Early Evidence'])
    expect((await view(`competency=${competency}&level=developing`)).rows.map((r) => r.name)).toEqual(['Settled Developing'])
    const cell = (await view('')).rows.find((r) => r.name === 'Early Evidence')!.cells.find((c) => c.competencyId === competency)!
    expect(cell).toMatchObject({ level: 'developing', toDecide: expect.any(Number) })
    const csv = (await call(csvRoute.loader, get('/readiness/team.csv', cookie))).body as string
    expect(csv.split('\r\n').find((l) => l.startsWith('"Early Evidence"'))).toContain('"Not enough evidence yet"')
    expect(csv.split('\r\n').find((l) => l.startsWith('"Settled Developing"'))).not.toContain('Not enough evidence')

    // A rebuild writes the same count as the incremental path.
    const before = (await stored(early.id)).toDecide
    await rebuildReadiness()
    expect((await stored(early.id)).toDecide).toBe(before)
  })
})
