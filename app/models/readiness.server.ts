import {
  addEvent,
  answersToDecide,
  clientReady,
  EMPTY_SUMS,
  estimate,
  isReady,
  needsRefresher,
  OBSERVATION_SCORES,
  UNMEASURED_LOWER,
  weakest,
  type Level,
  type ReadinessSettings,
  type Sums,
} from '~/domain/readiness/model'
import { earliestOpenDueDate } from '~/domain/content/onboarding'
import { CACHE_MS, forgetCached, LruCache, onForget, remember } from '~/utils/cache.server'
import { db, type Tx } from '~/utils/db.server'
import { newId } from '~/utils/id.server'
import { columnList, inBatches, sqlTable, upsertInto, viaPrisma, type SqlRunner } from '~/utils/sql.server'
import { Prisma, type Evidence, type PersonReadiness, type PillarReadiness, type ReadinessEstimate } from '~/generated/sqlite/client'
import { startOfWeek } from '~/domain/calendar/days'
import { getTimeZone, timeZoneIn } from '~/models/organisation.server'
import { lessonCompetencyIds } from '~/utils/stored-json.server'
import { refreshCertificatesAfterReadiness } from '~/models/certificates.server'

type Client = Tx | typeof db

/** A piece of evidence as its source records it; `score` null is exposure (a completed lesson). */
export type EvidenceInput = {
  competencyId: string
  kind: 'check' | 'quiz' | 'grade' | 'observation' | 'lesson'
  score: number | null
  weight: number
  redFlag?: boolean
  occurredAt: Date
  sourceId: string
}

/** Weights by kind of evidence: a lesson Check is a quick question; seeing it on the job counts most. */
export const EVIDENCE_WEIGHT = { check: 0.5, observation: 1.5 } as const

export async function readinessSettings(client: Client = db): Promise<ReadinessSettings> {
  const org = await client.organisation.findUnique({ where: { id: 'default' } })
  return {
    halfLifeDays: org?.halfLifeDays ?? 180,
    readyLowerBound: org?.readyLowerBound ?? 0.6,
    roleModelLowerBound: org?.roleModelLowerBound ?? 0.8,
  }
}

export type ReadinessBasis = { settings: ReadinessSettings; competencies: CompetencyInfo[] }
const basisCache = new LruCache<'basis', Promise<ReadinessBasis>>({ max: 1, ttlMs: CACHE_MS })
onForget(() => basisCache.clear())

/**
 * The readiness settings and the competency map, as recording evidence and the dashboards use them:
 * a process cache (utils/cache.server), read through `client` when not cached.
 */
export function readinessBasis(client: Client = db, fresh = false): Promise<ReadinessBasis> {
  if (fresh) basisCache.delete('basis')
  // A failed read (a rolled-back transaction, the database away) is not kept.
  return remember(basisCache, 'basis', () =>
    Promise.all([readinessSettings(client), competencyMap(client)]).then(([settings, competencies]) => ({ settings, competencies })),
  )
}

/** The competencies with their pillars and required lessons, for dashboards (see readinessBasis). */
export async function cachedCompetencyMap(): Promise<CompetencyInfo[]> {
  return (await readinessBasis()).competencies
}

/** The competencies in framework order with their pillar, and how many published lessons teach each. */
export async function competencyMap(client: Client = db): Promise<CompetencyInfo[]> {
  const [competencies, lessons] = await Promise.all([
    client.competency.findMany({ where: { archivedAt: null }, orderBy: { position: 'asc' } }),
    client.lessonVersion.findMany({ where: { currentOf: { isNot: null } }, select: { competencies: true } }),
  ])
  const required = new Map<string, number>()
  for (const l of lessons) for (const id of lessonCompetencyIds(l.competencies)) required.set(id, (required.get(id) ?? 0) + 1)
  return competencies.map((c) => ({
    id: c.id,
    title: c.title,
    pillarId: c.pillarId,
    pillarTitle: c.pillarTitle,
    description: c.description,
    ready: c.ready,
    lessonsRequired: required.get(c.id) ?? 0,
  }))
}
export type CompetencyInfo = {
  id: string
  title: string
  pillarId: string
  pillarTitle: string
  description: string
  ready: string
  lessonsRequired: number
}

// The readiness tables and the evidence, as the SQL below writes them. Each has one writer in this
// file (writeEvidence, writeEstimates, writePillars, writePersonReadiness); the column maps are
// checked against the generated model types, so a column added or renamed in the schema fails the
// type check here rather than a statement at run time.
const EVIDENCE = sqlTable<Evidence>(
  'Evidence',
  {
    id: true,
    userId: true,
    competencyId: true,
    kind: true,
    score: true,
    weight: true,
    redFlag: true,
    occurredAt: true,
    sourceId: true,
    createdAt: true,
  },
  ['kind', 'sourceId', 'competencyId'],
)
const ESTIMATES = sqlTable<ReadinessEstimate>(
  'ReadinessEstimate',
  {
    userId: true,
    competencyId: true,
    positive: true,
    negative: true,
    count: true,
    lessonsDone: true,
    lastEvidenceAt: true,
    lastRedFlagAt: true,
    mean: true,
    lower: true,
    upper: true,
    level: true,
    redFlag: true,
    toDecide: true,
    refresherSince: true,
    computedAt: true,
  },
  ['userId', 'competencyId'],
)
const PILLARS = sqlTable<PillarReadiness>('PillarReadiness', { userId: true, pillarId: true, level: true, lower: true }, [
  'userId',
  'pillarId',
])
const PEOPLE = sqlTable<PersonReadiness>(
  'PersonReadiness',
  { userId: true, clientReady: true, weakestLower: true, redFlags: true, refreshers: true, onboardingDueAt: true, updatedAt: true },
  ['userId'],
)
/** The tables written here with SQL, for the test that checks their column maps against the database. */
export const SQL_TABLES = [EVIDENCE, ESTIMATES, PILLARS, PEOPLE] as const

/** What an estimate is recomputed from: its running sums, lessons done, and the level and refresher it had. */
type EstimateRow = Pick<
  ReadinessEstimate,
  'positive' | 'negative' | 'count' | 'lessonsDone' | 'lastEvidenceAt' | 'lastRedFlagAt' | 'level' | 'refresherSince'
>
/** An estimate's row without its key, as estimateData computes it. */
type EstimateData = Omit<ReadinessEstimate, 'userId' | 'competencyId'>

function estimateData(row: EstimateRow, info: CompetencyInfo | undefined, now: Date, settings: ReadinessSettings): EstimateData {
  const sums: Sums = {
    positive: row.positive,
    negative: row.negative,
    count: row.count,
    lastEvidenceAt: row.lastEvidenceAt,
    lastRedFlagAt: row.lastRedFlagAt,
  }
  const e = estimate(sums, now, settings, row.lessonsDone >= (info?.lessonsRequired ?? 0))
  const refresherSince = isReady(e.level) ? null : needsRefresher(row.level as Level, e.level) ? now : row.refresherSince
  return {
    ...sums,
    lessonsDone: row.lessonsDone,
    mean: e.mean,
    lower: e.lower,
    upper: e.upper,
    level: e.level,
    redFlag: e.redFlag,
    toDecide: answersToDecide(e, settings),
    refresherSince,
    computedAt: now,
  }
}

/** What a person's pillars and summary are computed from. */
type EstimateSummary = Pick<ReadinessEstimate, 'competencyId' | 'level' | 'lower' | 'redFlag' | 'refresherSince' | 'count'>
/** What writeEvidence reads of a person's estimates: enough to update them and their summary. */
const ESTIMATE_STATE = [
  'competencyId',
  'positive',
  'negative',
  'count',
  'lessonsDone',
  'lastEvidenceAt',
  'lastRedFlagAt',
  'level',
  'refresherSince',
  'lower',
  'redFlag',
] as const satisfies (keyof EstimateRow | keyof EstimateSummary)[]
type EstimateState = Pick<ReadinessEstimate, (typeof ESTIMATE_STATE)[number]>

/**
 * The one writer of ReadinessEstimate rows (the answer transaction, a revised grade, the rebuild):
 * one upsert of every row given. With `replace`, the person's other estimates are deleted first
 * (the rebuild: an estimate without evidence, or of a competency no longer in the framework, goes).
 */
async function writeEstimates(run: SqlRunner, userId: string, rows: ReadinessEstimate[], opts: { replace?: boolean } = {}) {
  if (rows.some((r) => r.userId !== userId)) throw new Error('writeEstimates: every row must be the person’s')
  if (opts.replace) {
    const kept = rows.length > 0 ? Prisma.sql` AND "competencyId" NOT IN (${Prisma.join(rows.map((r) => r.competencyId))})` : Prisma.empty
    await run.execute(Prisma.sql`DELETE FROM ${ESTIMATES.name} WHERE "userId" = ${userId}${kept}`)
  }
  if (rows.length > 0) await run.execute(upsertInto(ESTIMATES, rows))
}

/** The one writer of PillarReadiness rows. */
async function writePillars(run: SqlRunner, rows: PillarReadiness[]) {
  if (rows.length > 0) await run.execute(upsertInto(PILLARS, rows))
}

/**
 * The one writer of PersonReadiness rows: the columns given (the summary, or the onboarding due
 * date), and `updatedAt`; a person without a row gets one with the defaults for the others.
 */
async function writePersonReadiness(
  run: SqlRunner,
  rows: (Pick<PersonReadiness, 'userId'> & Partial<Omit<PersonReadiness, 'userId' | 'updatedAt'>>)[],
) {
  const updatedAt = new Date()
  if (rows.length > 0)
    await run.execute(
      upsertInto(
        PEOPLE,
        rows.map((row) => ({ ...row, updatedAt })),
      ),
    )
}

/**
 * Recomputes a person's pillar and summary rows from their competency estimates, and (unless
 * `onboarding` is false) their onboarding due date.
 */
export async function refreshPerson(client: Client, userId: string, competencies: CompetencyInfo[], opts: { onboarding?: boolean } = {}) {
  await writeSummary(viaPrisma(client), userId, competencies, await client.readinessEstimate.findMany({ where: { userId } }))
  if (opts.onboarding !== false) await refreshOnboarding(client, userId)
}

/** Recomputes a person's onboarding due date (it moves with lessons and paths, not with answers). */
async function refreshOnboarding(client: Client, userId: string) {
  const due = await onboardingDueDates(client, [userId])
  await writePersonReadiness(viaPrisma(client), [{ userId, onboardingDueAt: due.get(userId)! }])
}

/** Each person's earliest due date of a not-yet-done module of their paths (published lessons only). */
async function onboardingDueDates(client: Client, userIds: string[]): Promise<Map<string, Date | null>> {
  const [assignments, completed, zone] = await Promise.all([
    client.pathAssignment.findMany({
      where: { userId: { in: userIds } },
      select: {
        userId: true,
        startDate: true,
        path: {
          select: {
            modules: {
              select: {
                dueDays: true,
                module: { select: { lessons: { where: { currentVersionId: { not: null } }, select: { id: true } } } },
              },
            },
          },
        },
      },
    }),
    client.lessonProgress.findMany({
      where: { userId: { in: userIds }, completedAt: { not: null } },
      select: { userId: true, lessonId: true },
    }),
    timeZoneIn(client),
  ])
  const pathsOf = groupBy(assignments, (a) => a.userId)
  const doneOf = groupBy(completed, (c) => c.userId)
  return new Map(
    userIds.map((userId) => [
      userId,
      earliestOpenDueDate(
        (pathsOf.get(userId) ?? []).map((a) => ({
          startDate: a.startDate,
          modules: a.path.modules.map((pm) => ({ dueDays: pm.dueDays, lessonIds: pm.module.lessons.map((l) => l.id) })),
        })),
        new Set((doneOf.get(userId) ?? []).map((c) => c.lessonId)),
        zone,
      ),
    ]),
  )
}

function groupBy<T>(rows: T[], key: (row: T) => string) {
  const groups = new Map<string, T[]>()
  for (const row of rows) {
    const k = key(row)
    const group = groups.get(k)
    if (group) group.push(row)
    else groups.set(k, [row])
  }
  return groups
}

/** A person's pillars (each its weakest competency) and summary, from their competency estimates. */
function summarise(competencies: CompetencyInfo[], estimates: EstimateSummary[]) {
  const byId = new Map(estimates.map((r) => [r.competencyId, r]))
  const all = competencies.map((c) => {
    const r = byId.get(c.id)
    return {
      competencyId: c.id,
      pillarId: c.pillarId,
      level: (r?.level ?? 'not-started') as Level,
      lower: r?.lower ?? UNMEASURED_LOWER,
      redFlag: r?.redFlag ?? false,
      refresher: Boolean(r?.refresherSince),
      count: r?.count ?? 0,
    }
  })
  const pillars = [...new Set(competencies.map((c) => c.pillarId))].map((pillarId) => {
    const { level, lower } = weakest(all.filter((a) => a.pillarId === pillarId))!
    return { pillarId, level, lower }
  })
  return {
    pillars,
    summary: {
      clientReady: clientReady(pillars.map((p) => p.level)),
      // No competencies yet (content not synced): nothing is weak.
      weakestLower: all.length === 0 ? UNMEASURED_LOWER : Math.min(...all.map((a) => a.lower)),
      redFlags: all.filter((a) => a.redFlag).length,
      refreshers: all.filter((a) => a.refresher).length,
    },
  }
}

/**
 * Writes a person's pillar rows and summary from their competency estimates (through writePillars
 * and writePersonReadiness). Given the estimates they were last written from, only what changed is
 * written: an answer usually moves one competency, which is rarely the weakest. The onboarding due
 * date is left as it is; a summary created here has none, which is right: everyone with a path got
 * a summary when the path was assigned (assignDefaultPath, assignPath).
 */
async function writeSummary(
  run: SqlRunner,
  userId: string,
  competencies: CompetencyInfo[],
  estimates: EstimateSummary[],
  previous?: EstimateSummary[],
) {
  const next = summarise(competencies, estimates)
  const before = previous && summarise(competencies, previous)
  const pillars = next.pillars.filter((p, i) => !before || before.pillars[i]!.level !== p.level || before.pillars[i]!.lower !== p.lower)
  await writePillars(
    run,
    pillars.map((p) => ({ userId, ...p })),
  )
  if (before && JSON.stringify(before.summary) === JSON.stringify(next.summary)) return
  await writePersonReadiness(run, [{ userId, ...next.summary }])
}

/**
 * Recomputes people's pillar and summary rows and onboarding due dates (after a path is assigned,
 * for instance): read and written in a few statements however many people there are, so a team
 * given a path or a file of 2,000 people does not hold the database for a statement per person.
 */
export async function refreshReadinessOf(client: Client, userIds: string[]) {
  const competencies = await competencyMap(client)
  // A person's summary row binds 8 values, their pillar rows 4 each.
  const pillars = new Set(competencies.map((c) => c.pillarId)).size
  for (const batch of inBatches(userIds, Math.max(8, 4 * pillars))) await refreshPeople(client, batch, competencies)
}

async function refreshPeople(client: Client, userIds: string[], competencies: CompetencyInfo[]) {
  const [estimates, due] = await Promise.all([
    client.readinessEstimate.findMany({ where: { userId: { in: userIds } } }),
    onboardingDueDates(client, userIds),
  ])
  const estimatesOf = groupBy(estimates, (e) => e.userId)
  const people = userIds.map((userId) => ({ userId, ...summarise(competencies, estimatesOf.get(userId) ?? []) }))
  const run = viaPrisma(client)
  await writePillars(
    run,
    people.flatMap((p) => p.pillars.map((pillar) => ({ userId: p.userId, ...pillar }))),
  )
  await writePersonReadiness(
    run,
    people.map((p) => ({ userId: p.userId, ...p.summary, onboardingDueAt: due.get(p.userId)! })),
  )
}

/**
 * The readiness basis evidence is recorded with: the cached one, read again when an event names a
 * competency added since it was read (rather than drop the evidence).
 */
export async function evidenceBasis(client: Client, events: EvidenceInput[]): Promise<ReadinessBasis> {
  const basis = await readinessBasis(client)
  return events.every((e) => basis.competencies.some((c) => c.id === e.competencyId)) ? basis : readinessBasis(client, true)
}

/**
 * Records evidence and updates the person's estimates, pillars and summary; call it inside the
 * transaction that writes the evidence's source, so both commit or neither does. Evidence already
 * recorded for the same source is left alone (a retried write changes nothing).
 */
export async function recordEvidence(tx: Tx, userId: string, events: EvidenceInput[], now = new Date()) {
  if (events.length === 0) return
  const written = await writeEvidence(viaPrisma(tx), userId, events, await evidenceBasis(tx, events), now)
  if (written.some((e) => e.kind === 'lesson')) await refreshOnboarding(tx, userId)
}

/**
 * recordEvidence as SQL statements only, for transactions run with app/utils/sql.server.ts (the
 * basis is read before the transaction starts). Returns the events written. Lesson evidence also
 * moves the onboarding due date, which is left to recordEvidence.
 */
export async function writeEvidence(
  run: SqlRunner,
  userId: string,
  events: EvidenceInput[],
  { settings, competencies }: ReadinessBasis,
  now = new Date(),
) {
  const info = new Map(competencies.map((c) => [c.id, c]))
  const known = events.filter((e) => info.has(e.competencyId))
  if (known.length === 0) return []
  const key = (e: { kind: string; sourceId: string; competencyId: string }) => `${e.kind}\n${e.sourceId}\n${e.competencyId}`
  const unique = [...new Map(known.map((e) => [key(e), e])).values()]
  // Evidence already recorded for the same source is not inserted again; RETURNING says which rows are new.
  const rows: Evidence[] = unique.map((e) => ({
    id: newId(),
    userId,
    competencyId: e.competencyId,
    kind: e.kind,
    score: e.score,
    weight: e.weight,
    redFlag: e.redFlag ?? false,
    occurredAt: e.occurredAt,
    sourceId: e.sourceId,
    createdAt: now,
  }))
  const inserted = new Set(
    (
      await run.query<Pick<Evidence, 'kind' | 'sourceId' | 'competencyId'>>(
        Prisma.sql`${upsertInto(EVIDENCE, rows, 'nothing')} RETURNING ${columnList(EVIDENCE, ['kind', 'sourceId', 'competencyId'])}`,
      )
    ).map(key),
  )
  const fresh = unique.filter((e) => inserted.has(key(e)))
  if (fresh.length === 0) return []
  const previous = await run.query<EstimateState>(
    Prisma.sql`SELECT ${columnList(ESTIMATES, ESTIMATE_STATE)} FROM ${ESTIMATES.name} WHERE "userId" = ${userId}`,
  )
  const before = new Map(previous.map((r) => [r.competencyId, r]))
  const estimates = new Map<string, EstimateSummary>(before)
  const changed: ReadinessEstimate[] = []
  for (const competencyId of new Set(fresh.map((e) => e.competencyId))) {
    const row = before.get(competencyId) ?? { ...EMPTY_SUMS, lessonsDone: 0, level: 'not-started', refresherSince: null }
    let sums: Sums = row
    let lessonsDone = row.lessonsDone
    for (const e of fresh.filter((x) => x.competencyId === competencyId)) {
      if (e.score === null) lessonsDone++
      else sums = addEvent(sums, { score: e.score, weight: e.weight, at: e.occurredAt, redFlag: e.redFlag }, settings.halfLifeDays)
    }
    const data = estimateData(
      { ...sums, lessonsDone, level: row.level, refresherSince: row.refresherSince },
      info.get(competencyId),
      now,
      settings,
    )
    changed.push({ userId, competencyId, ...data })
    estimates.set(competencyId, { competencyId, ...data })
  }
  // Every changed estimate in one statement.
  await writeEstimates(run, userId, changed)
  await writeSummary(run, userId, competencies, [...estimates.values()], previous.length > 0 ? previous : undefined)
  return fresh
}

/** Recomputes one person's estimates for some competencies from their evidence (after a grade is revised). */
export async function recomputeFromEvidence(tx: Tx, userId: string, competencyIds: string[], now = new Date()) {
  const [settings, competencies] = await Promise.all([readinessSettings(tx), competencyMap(tx)])
  const info = new Map(competencies.map((c) => [c.id, c]))
  const rows: ReadinessEstimate[] = []
  for (const competencyId of competencyIds) {
    const evidence = await tx.evidence.findMany({ where: { userId, competencyId } })
    const previous = await tx.readinessEstimate.findUnique({ where: { userId_competencyId: { userId, competencyId } } })
    const { sums, lessonsDone } = sumEvidence(evidence, settings.halfLifeDays)
    const data = estimateData(
      { ...sums, lessonsDone, level: previous?.level ?? 'not-started', refresherSince: previous?.refresherSince ?? null },
      info.get(competencyId),
      now,
      settings,
    )
    rows.push({ userId, competencyId, ...data })
  }
  await writeEstimates(viaPrisma(tx), userId, rows)
  await refreshPerson(tx, userId, competencies)
}

type EvidenceRow = { score: number | null; weight: number; redFlag: boolean; occurredAt: Date }

/** Running sums and lessons done from evidence rows (exposure rows count as lessons done). */
export function sumEvidence(rows: EvidenceRow[], halfLifeDays: number) {
  let sums: Sums = EMPTY_SUMS
  let lessonsDone = 0
  // Oldest first, as they arrived: the sums do not depend on the order, but this keeps the floating-point additions the same.
  for (const r of [...rows].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())) {
    if (r.score === null) lessonsDone++
    else sums = addEvent(sums, { score: r.score, weight: r.weight, at: r.occurredAt, redFlag: r.redFlag }, halfLifeDays)
  }
  return { sums, lessonsDone }
}

/**
 * Recomputes every estimate, pillar and summary from the evidence (after a settings change, or to
 * check the incremental path): `npm run readiness:rebuild`. People are done one transaction each.
 */
export async function rebuildReadiness(now = new Date()) {
  forgetCached()
  const [settings, competencies] = await Promise.all([readinessSettings(), competencyMap()])
  const info = new Map(competencies.map((c) => [c.id, c]))
  const people = await db.user.findMany({ select: { id: true } })
  let estimates = 0
  for (const { id: userId } of people) {
    await db.$transaction(async (tx) => {
      const evidence = await tx.evidence.findMany({
        where: { userId },
        select: { competencyId: true, score: true, weight: true, redFlag: true, occurredAt: true },
      })
      const previous = new Map((await tx.readinessEstimate.findMany({ where: { userId } })).map((r) => [r.competencyId, r]))
      const rows: ReadinessEstimate[] = []
      for (const competencyId of new Set(evidence.map((e) => e.competencyId))) {
        if (!info.has(competencyId)) continue
        const { sums, lessonsDone } = sumEvidence(
          evidence.filter((e) => e.competencyId === competencyId),
          settings.halfLifeDays,
        )
        const before = previous.get(competencyId)
        const data = estimateData(
          { ...sums, lessonsDone, level: before?.level ?? 'not-started', refresherSince: before?.refresherSince ?? null },
          info.get(competencyId),
          now,
          settings,
        )
        rows.push({ userId, competencyId, ...data })
      }
      // Estimates without evidence (or of a competency no longer in the framework) go.
      await writeEstimates(viaPrisma(tx), userId, rows, { replace: true })
      estimates += rows.length
      await refreshPerson(tx, userId, competencies)
    })
  }
  return { people: people.length, estimates }
}

/** Records what a leader saw an employee do; the caller has checked the leader may see the person. */
export async function recordObservation(input: {
  observerId: string
  userId: string
  competencyId: string
  rating: number
  note: string
  observedAt: Date
}) {
  const observation = await db.$transaction(async (tx) => {
    const observation = await tx.observation.create({ data: input })
    await recordEvidence(tx, input.userId, [
      {
        competencyId: input.competencyId,
        kind: 'observation',
        score: OBSERVATION_SCORES[input.rating]!,
        weight: EVIDENCE_WEIGHT.observation,
        redFlag: false,
        occurredAt: input.observedAt,
        sourceId: observation.id,
      },
    ])
    return observation
  })
  await refreshCertificatesAfterReadiness(input.userId)
  return observation
}

/** The Monday 00:00 of the week an instant falls in, in the organisation's time zone. */
export function weekStart(at: Date, zone: string): Date {
  return startOfWeek(at, zone)
}

/**
 * Writes the readiness snapshot of the week containing `at`, per team and for the whole
 * organisation (teamId ""), as the evidence stood at `at`: people, client-ready, ready per pillar.
 */
export async function writeSnapshot(at: Date) {
  const [settings, competencies, people, evidence] = await Promise.all([
    readinessSettings(),
    competencyMap(),
    db.user.findMany({
      where: { status: { not: 'deactivated' }, OR: [{ role: 'learner' }, { memberships: { some: {} } }] },
      select: { id: true, memberships: { select: { teamId: true } } },
    }),
    db.evidence.findMany({
      where: { occurredAt: { lte: at } },
      select: { userId: true, competencyId: true, score: true, weight: true, redFlag: true, occurredAt: true },
    }),
  ])
  const byPerson = new Map<string, typeof evidence>()
  for (const e of evidence) byPerson.set(e.userId, [...(byPerson.get(e.userId) ?? []), e])
  const pillarIds = [...new Set(competencies.map((c) => c.pillarId))]
  const groups = new Map<string, { people: number; clientReady: number; pillarReady: Record<string, number> }>()
  const add = (teamId: string, ready: boolean, pillarsReady: string[]) => {
    const g = groups.get(teamId) ?? { people: 0, clientReady: 0, pillarReady: Object.fromEntries(pillarIds.map((p) => [p, 0])) }
    g.people++
    if (ready) g.clientReady++
    for (const p of pillarsReady) g.pillarReady[p]!++
    groups.set(teamId, g)
  }
  for (const person of people) {
    const mine = byPerson.get(person.id) ?? []
    const levels = competencies.map((c) => {
      const { sums, lessonsDone } = sumEvidence(
        mine.filter((e) => e.competencyId === c.id),
        settings.halfLifeDays,
      )
      return { pillarId: c.pillarId, ...estimate(sums, at, settings, lessonsDone >= c.lessonsRequired) }
    })
    const pillarsReady = pillarIds.filter((p) => levels.filter((l) => l.pillarId === p).every((l) => isReady(l.level)))
    const ready = pillarsReady.length === pillarIds.length
    add('', ready, pillarsReady)
    for (const m of person.memberships) add(m.teamId, ready, pillarsReady)
  }
  const week = weekStart(at, await getTimeZone())
  for (const [teamId, g] of groups) {
    const data = { people: g.people, clientReady: g.clientReady, pillarReady: JSON.stringify(g.pillarReady) }
    await db.readinessSnapshot.upsert({ where: { week_teamId: { week, teamId } }, create: { week, teamId, ...data }, update: data })
  }
  return groups.size
}
