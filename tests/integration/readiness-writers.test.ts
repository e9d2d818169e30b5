// The readiness tables each have one writer (app/models/readiness.server.ts), an upsert whose column
// list is checked against the generated model types by tsc; here, against the database itself, and
// through each path that writes: an answer, a revised grade, the rebuild.
import { beforeAll, describe, expect, it } from 'vitest'
import type { PillarReadiness, ReadinessEstimate } from '~/generated/sqlite/client'
import { Prisma } from '~/generated/sqlite/client'
import type { ScenarioDefinition } from '~/domain/scenarios/scenario'
import * as attemptRoute from '~/routes/attempts.$id'
import * as quizRoute from '~/routes/quizzes.$slug'
import { syncContent } from '~/models/content.server'
import { gradeAnswer } from '~/models/grading.server'
import { rebuildReadiness, recordEvidence, SQL_TABLES, type EvidenceInput } from '~/models/readiness.server'
import { readContentFiles, readShippedFramework } from '~/utils/content-files.server'
import { databaseKind } from '~/utils/database-url'
import { db } from '~/utils/db.server'
import { env } from '~/utils/env.server'
import { columnList, sql, sqlTable, upsertInto } from '~/utils/sql.server'
import { cookieFor, createPerson, createTeam } from '../factories'
import { call, post } from '../setup/remix'

beforeAll(async () => {
  await syncContent(readContentFiles(), readShippedFramework())
})

const estimatesOf = (userId: string) => db.readinessEstimate.findMany({ where: { userId }, orderBy: { competencyId: 'asc' } })

describe('the readiness writers', () => {
  it('name exactly the columns each table has in the database', async () => {
    const postgres = databaseKind(env().DATABASE_URL) === 'postgres'
    for (const table of SQL_TABLES) {
      const columns = await sql.query<{ name: string }>(
        postgres
          ? Prisma.sql`SELECT column_name::text AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${table.model}`
          : Prisma.sql`SELECT name FROM pragma_table_info(${table.model})`,
      )
      expect(columns.length, table.model).toBeGreaterThan(0)
      expect([...table.columns].sort(), table.model).toEqual(columns.map((c) => c.name).sort())
    }
  })

  it('are checked by the type checker: a map missing a column, or naming one the model lacks, does not compile', () => {
    // @ts-expect-error `lower` is missing
    const missing = sqlTable<PillarReadiness>('PillarReadiness', { userId: true, pillarId: true, level: true }, ['userId', 'pillarId'])
    const renamed = sqlTable<PillarReadiness>(
      'PillarReadiness',
      // @ts-expect-error `lowerBound` is not a column of PillarReadiness
      { userId: true, pillarId: true, level: true, lowerBound: true },
      ['userId', 'pillarId'],
    )
    // @ts-expect-error a read typed from the model cannot name a column it lacks
    const read: Pick<ReadinessEstimate, 'lowerBound'> | null = null
    // @ts-expect-error nor a table that is not a model
    sqlTable<PillarReadiness>('PillarReadinesses', { userId: true, pillarId: true, level: true, lower: true }, ['userId'])
    expect(missing.columns).toEqual(['userId', 'pillarId', 'level'])
    expect(renamed.columns).toContain('lowerBound')
    expect(read).toBeNull()
  })

  it('build one upsert of the columns given, and refuse rows that give different ones', () => {
    const pillars = sqlTable<PillarReadiness>('PillarReadiness', { userId: true, pillarId: true, level: true, lower: true }, [
      'userId',
      'pillarId',
    ])
    const statement = upsertInto(pillars, [
      { userId: 'u', pillarId: 'basics', level: 'ready', lower: 0.7 },
      { userId: 'u', pillarId: 'client', level: 'developing', lower: 0.3 },
    ])
    expect(statement.sql.replace(/\s+/g, ' ')).toBe(
      'INSERT INTO "PillarReadiness" ("userId", "pillarId", "level", "lower") VALUES (?,?,?,?),(?,?,?,?) ' +
        'ON CONFLICT ("userId", "pillarId") DO UPDATE SET "level" = excluded."level", "lower" = excluded."lower"',
    )
    expect(statement.values).toEqual(['u', 'basics', 'ready', 0.7, 'u', 'client', 'developing', 0.3])
    expect(upsertInto(pillars, [{ userId: 'u', pillarId: 'basics', level: 'ready' }], 'nothing').sql).toContain(
      'ON CONFLICT ("userId", "pillarId") DO NOTHING',
    )
    expect(columnList(pillars, ['userId', 'lower']).sql).toBe('"userId", "lower"')
    expect(() =>
      upsertInto(pillars, [
        { userId: 'u', pillarId: 'a', level: 'ready' },
        { userId: 'u', pillarId: 'b' },
      ]),
    ).toThrow(/same columns/)
    expect(() => upsertInto(pillars, [])).toThrow()
  })

  it('a revised grade rewrites the estimate through the same writer: lower, and equal to the rebuild', async () => {
    const leader = await createPerson({ role: 'leader' })
    const team = await createTeam(undefined, [leader.id])
    const person = await createPerson({ teamIds: [team.id] })
    const cookie = await cookieFor(person.id)
    const start = await call(quizRoute.action, post('/quizzes/04-probing', {}, cookie), { slug: '04-probing' })
    const attemptId = start.headers.get('Location')!.split('/').pop()!
    const free = await db.attemptItem.findFirstOrThrow({ where: { attemptId, version: { type: 'free-text' } }, include: { version: true } })
    await call(
      attemptRoute.action,
      post(
        `/attempts/${attemptId}`,
        { intent: 'answer', position: String(free.position), text: 'What is the meeting for, and who is coming?' },
        cookie,
      ),
      { id: attemptId },
    )
    const def = JSON.parse(free.version.definition) as ScenarioDefinition & { rubric: { id: string; levels: unknown[] }[] }
    const competencyIds = def.competencies.map((c) => c.id).sort()
    const gradeAt = async (level: (levels: unknown[]) => number) => {
      await gradeAnswer(free.id, Object.fromEntries(def.rubric.map((c) => [c.id, level(c.levels)])), 'Graded.', leader.id)
      return (await estimatesOf(person.id)).filter((e) => competencyIds.includes(e.competencyId))
    }

    const best = await gradeAt((levels) => levels.length - 1)
    expect(best.map((e) => e.competencyId)).toEqual(competencyIds)
    const worst = await gradeAt(() => 0)
    // One grade per competency stands, the latest; the estimates moved down with it.
    expect(await db.evidence.findMany({ where: { kind: 'grade', sourceId: free.id }, select: { score: true } })).toEqual(
      competencyIds.map(() => ({ score: 0 })),
    )
    for (const [i, e] of worst.entries()) {
      expect(e.mean).toBeLessThan(best[i]!.mean)
      expect(e.count).toBe(best[i]!.count)
    }
    const summary = await db.personReadiness.findUniqueOrThrow({ where: { userId: person.id } })

    await rebuildReadiness()
    const rebuilt = (await estimatesOf(person.id)).filter((e) => competencyIds.includes(e.competencyId))
    // The same estimates, but for the floating-point figures, which the rebuild computes a moment later.
    const exact = ({ mean: _m, lower: _l, upper: _u, computedAt: _c, positive: _p, negative: _n, ...rest }: ReadinessEstimate) => rest
    expect(rebuilt.map(exact)).toEqual(worst.map(exact))
    for (const [i, e] of rebuilt.entries()) {
      expect(e.mean).toBeCloseTo(worst[i]!.mean, 6)
      expect(e.lower).toBeCloseTo(worst[i]!.lower, 6)
      expect(e.upper).toBeCloseTo(worst[i]!.upper, 6)
    }
    expect(await db.personReadiness.findUniqueOrThrow({ where: { userId: person.id } })).toMatchObject({
      clientReady: summary.clientReady,
      redFlags: summary.redFlags,
      refreshers: summary.refreshers,
    })
  })

  it('the rebuild removes an estimate whose evidence is gone and keeps the others', async () => {
    const person = await createPerson()
    const [a, b] = (await db.competency.findMany({ where: { archivedAt: null }, orderBy: { position: 'asc' }, take: 2 })).map((c) => c.id)
    const event = (competencyId: string, sourceId: string): EvidenceInput => ({
      competencyId,
      kind: 'quiz',
      score: 1,
      weight: 1,
      occurredAt: new Date(),
      sourceId,
    })
    const other = await createPerson()
    await db.$transaction((tx) => recordEvidence(tx, person.id, [event(a!, 'writers-a'), event(b!, 'writers-b')]))
    await db.$transaction((tx) => recordEvidence(tx, other.id, [event(a!, 'writers-other-a')]))
    expect((await estimatesOf(person.id)).map((e) => e.competencyId).sort()).toEqual([a, b].sort())
    await db.evidence.deleteMany({ where: { userId: person.id, competencyId: a } })

    await rebuildReadiness()
    const after = await estimatesOf(person.id)
    expect(after.map((e) => e.competencyId)).toEqual([b])
    expect(after[0]).toMatchObject({ count: 1, lessonsDone: 0 })
    // Another person's estimate of the same competency stays.
    expect((await estimatesOf(other.id)).map((e) => e.competencyId)).toEqual([a])
  })
})
