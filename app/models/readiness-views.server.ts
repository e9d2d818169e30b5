// What the readiness pages read: a person's own readiness, a leader's team dashboard (and its CSV),
// one employee's evidence. Dashboards read the stored estimates; nothing here recomputes them.
import { estimate, isReady, LEVELS, UNMEASURED_LOWER, WEEK_MS, type Call, type Level } from '~/domain/readiness/model'
import { visibleTeamIds, type Viewer } from '~/domain/permissions/permissions'
import type { Prisma } from '~/utils/db.server'
import { OBSERVATION_LABELS } from '~/domain/readiness/model'
import type { PersonReadiness } from '~/domain/readiness/person-view'
import { cachedCompetencyMap, competencyMap, readinessSettings, sumEvidence, type CompetencyInfo } from '~/models/readiness.server'
import { evidenceItemId } from '~/models/quiz.server'
import { certificateDueWhere, certificateExpiringWhere, certificateFlagsFor } from '~/models/certificates.server'
import { db } from '~/utils/db.server'
import { lessonCompetencyIds } from '~/utils/stored-json.server'

function pillarsOf(competencies: CompetencyInfo[]) {
  const out: { id: string; title: string; competencies: CompetencyInfo[] }[] = []
  for (const c of competencies) {
    const p = out.find((x) => x.id === c.pillarId) ?? out[out.push({ id: c.pillarId, title: c.pillarTitle, competencies: [] }) - 1]!
    p.competencies.push(c)
  }
  return out
}

/** Where a piece of evidence can be opened: the answer in its attempt, the lesson, or the observation itself. */
async function evidenceLinks(personId: string, rows: { kind: string; sourceId: string }[]) {
  const itemIds = rows.filter((r) => r.kind === 'quiz' || r.kind === 'grade').map((r) => evidenceItemId(r.sourceId))
  const checkIds = rows.filter((r) => r.kind === 'check').map((r) => r.sourceId)
  const observationIds = rows.filter((r) => r.kind === 'observation').map((r) => r.sourceId)
  const lessonIds = rows.filter((r) => r.kind === 'lesson').map((r) => r.sourceId.split(':')[1]!)
  const [items, checks, observations, lessons] = await Promise.all([
    db.attemptItem.findMany({
      where: { id: { in: itemIds } },
      select: {
        id: true,
        position: true,
        attemptId: true,
        attempt: { select: { status: true, quiz: { select: { title: true } } } },
        version: { select: { title: true, number: true } },
      },
    }),
    db.checkAnswer.findMany({
      where: { id: { in: checkIds } },
      select: { id: true, key: true, version: { select: { number: true, title: true, lesson: { select: { slug: true } } } } },
    }),
    db.observation.findMany({
      where: { id: { in: observationIds } },
      select: { id: true, note: true, rating: true, observer: { select: { name: true } } },
    }),
    db.lesson.findMany({ where: { id: { in: lessonIds } }, select: { id: true, slug: true, currentVersion: { select: { title: true } } } }),
  ])
  return (kind: string, sourceId: string) => {
    if (kind === 'quiz' || kind === 'grade') {
      const i = items.find((x) => x.id === evidenceItemId(sourceId))
      if (!i) return { label: 'A quiz answer', href: null }
      const href = i.attempt.status === 'submitted' ? `/people/${personId}/attempts/${i.attemptId}#review-${i.position}` : null
      const turn = sourceId.split('#')[1]
      return {
        label: `${i.version.title} (v${i.version.number}) in ${i.attempt.quiz.title}${turn ? `, the reply at the turn “${turn.replace(/-/g, ' ')}”` : ''}${kind === 'grade' ? ', graded' : ''}`,
        href,
      }
    }
    if (kind === 'check') {
      const c = checks.find((x) => x.id === sourceId)
      return {
        label: c ? `Check “${c.key}” in the lesson ${c.version.title} (v${c.version.number})` : 'A lesson Check',
        href: c ? `/learn/${c.version.lesson.slug}` : null,
      }
    }
    if (kind === 'observation') {
      const o = observations.find((x) => x.id === sourceId)
      return {
        label: o
          ? `Seen on the job by ${o.observer.name}: ${OBSERVATION_LABELS[o.rating]}${o.note ? `. “${o.note}”` : ''}`
          : 'Seen on the job',
        href: null,
      }
    }
    const l = lessons.find((x) => x.id === sourceId.split(':')[1])
    return {
      label: l ? `Completed the lesson ${l.currentVersion?.title ?? l.slug}` : 'Completed a lesson',
      href: l ? `/learn/${l.slug}` : null,
    }
  }
}

/** One person's readiness: both pillars, each competency's estimate, red flags, next steps and history. */
export async function getPersonReadiness(userId: string, now = new Date()): Promise<PersonReadiness> {
  const [competencies, settings, estimates, summary, evidence, completed] = await Promise.all([
    competencyMap(),
    readinessSettings(),
    db.readinessEstimate.findMany({ where: { userId } }),
    db.personReadiness.findUnique({ where: { userId } }),
    db.evidence.findMany({ where: { userId }, orderBy: { occurredAt: 'asc' } }),
    db.lessonProgress.findMany({ where: { userId, completedAt: { not: null } }, select: { lessonId: true } }),
  ])
  const byId = new Map(estimates.map((e) => [e.competencyId, e]))
  const link = await evidenceLinks(
    userId,
    evidence.filter((e) => e.redFlag),
  )
  const view = (c: CompetencyInfo) => {
    const e = byId.get(c.id)
    const flag = [...evidence].reverse().find((x) => x.competencyId === c.id && x.redFlag)
    return {
      id: c.id,
      title: c.title,
      description: c.description,
      ready: c.ready,
      level: (e?.level ?? 'not-started') as Level,
      mean: e?.mean ?? 0.5,
      lower: e?.lower ?? UNMEASURED_LOWER,
      upper: e?.upper ?? 0.9,
      toDecide: e?.toDecide ?? null,
      count: e?.count ?? 0,
      lessonsDone: e?.lessonsDone ?? 0,
      lessonsRequired: c.lessonsRequired,
      redFlag: e?.redFlag ? { at: flag!.occurredAt.toISOString(), ...link(flag!.kind, flag!.sourceId) } : null,
      refresherSince: e?.refresherSince?.toISOString() ?? null,
    }
  }
  const pillars = pillarsOf(competencies).map((p) => {
    const items = p.competencies.map(view)
    const weakest = [...items].sort((a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) || a.lower - b.lower)[0]!
    return { id: p.id, title: p.title, level: weakest.level, competencies: items }
  })
  const all = pillars.flatMap((p) => p.competencies)
  const focus = [...all].sort((a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) || a.lower - b.lower).slice(0, 3)
  const done = new Set(completed.map((c) => c.lessonId))
  const lessons = await db.lesson.findMany({
    where: { currentVersionId: { not: null } },
    orderBy: [{ module: { position: 'asc' } }, { position: 'asc' }],
    select: { id: true, slug: true, currentVersion: { select: { title: true, competencies: true, minutes: true } } },
  })
  const nextLessons = lessons
    .filter((l) => !done.has(l.id) && lessonCompetencyIds(l.currentVersion!.competencies).some((id) => focus.some((f) => f.id === id)))
    .slice(0, 4)
    .map((l) => ({ slug: l.slug, title: l.currentVersion!.title, minutes: l.currentVersion!.minutes }))

  // History: at the end of each of the last 12 weeks, how many competencies were ready.
  const history = Array.from({ length: 12 }, (_, i) => new Date(now.getTime() - (11 - i) * WEEK_MS)).map((at) => {
    let ready = 0
    for (const c of competencies) {
      const { sums, lessonsDone } = sumEvidence(
        evidence.filter((e) => e.competencyId === c.id && e.occurredAt <= at),
        settings.halfLifeDays,
      )
      if (sums.count > 0 && isReady(estimate(sums, at, settings, lessonsDone >= c.lessonsRequired).level)) ready++
    }
    return { week: at.toISOString(), ready }
  })

  return {
    clientReady: summary?.clientReady ?? false,
    onboardingDueAt: summary?.onboardingDueAt?.toISOString() ?? null,
    pillars,
    next: { focus: focus.map((f) => ({ id: f.id, title: f.title, level: f.level })), lessons: nextLessons },
    refreshers: all.filter((c) => c.refresherSince).map((c) => ({ id: c.id, title: c.title })),
    history,
    total: competencies.length,
    settings,
  }
}

export type TeamFilter = {
  teamId?: string
  competency?: string
  level?: Call
  redFlag?: boolean
  overdue?: boolean
  certificate?: 'expiring' | 'due'
  sort: 'weakest' | 'name'
  page: number
}
export const TEAM_PAGE_SIZE = 50

function scopeWhere(viewer: Viewer, filter: Pick<TeamFilter, 'teamId'>): Prisma.UserWhereInput {
  const scope = visibleTeamIds(viewer)
  const teams = filter.teamId ? (scope === null || scope.includes(filter.teamId) ? [filter.teamId] : []) : scope
  return {
    status: { not: 'deactivated' },
    ...(teams === null
      ? { OR: [{ role: 'learner' }, { memberships: { some: {} } }] }
      : { memberships: { some: { teamId: { in: [...teams] } } } }),
  }
}

function filterWhere(filter: TeamFilter, now: Date): Prisma.UserWhereInput[] {
  const and: Prisma.UserWhereInput[] = []
  if (filter.level) {
    const competency = filter.competency ? { competencyId: filter.competency } : {}
    and.push(
      filter.level === 'not-started' && filter.competency
        ? { OR: [{ estimates: { none: competency } }, { estimates: { some: { ...competency, level: 'not-started' } } }] }
        : filter.level === 'undecided'
          ? { estimates: { some: { ...competency, toDecide: { not: null } } } }
          : { estimates: { some: { ...competency, level: filter.level, ...(filter.level === 'developing' ? { toDecide: null } : {}) } } },
    )
  }
  if (filter.redFlag) and.push({ readiness: { redFlags: { gt: 0 } } })
  if (filter.overdue) and.push({ readiness: { onboardingDueAt: { lt: now } } })
  if (filter.certificate === 'expiring') and.push(certificateExpiringWhere(now))
  if (filter.certificate === 'due') and.push(certificateDueWhere(now))
  return and
}

/**
 * The team dashboard for a leader (their teams) or an admin (everyone): summary counts over the
 * people in scope, and one page of people, weakest first, with every competency's level, the
 * evidence count behind it, pillars, client-ready and overdue onboarding.
 */
export async function getTeamReadiness(viewer: Viewer, filter: TeamFilter, now = new Date(), { all = false } = {}) {
  const scope = scopeWhere(viewer, filter)
  const where: Prisma.UserWhereInput = { AND: [scope, ...filterWhere(filter, now)] }
  const competencies = await cachedCompetencyMap()
  const pillars = pillarsOf(competencies).map((p) => ({ id: p.id, title: p.title }))
  const filtered = filterWhere(filter, now).length > 0
  const [total, matching, clientReadyCount, overdue, redFlags, certificatesExpiring, certificatesDue, pillarReady, people] =
    await Promise.all([
      db.user.count({ where: scope }),
      filtered ? db.user.count({ where }) : null,
      db.user.count({ where: { AND: [scope, { readiness: { clientReady: true } }] } }),
      db.user.count({ where: { AND: [scope, { readiness: { onboardingDueAt: { lt: now } } }] } }),
      db.user.count({ where: { AND: [scope, { readiness: { redFlags: { gt: 0 } } }] } }),
      db.user.count({ where: { AND: [scope, certificateExpiringWhere(now)] } }),
      db.user.count({ where: { AND: [scope, certificateDueWhere(now)] } }),
      Promise.all(
        pillars.map((p) => db.pillarReadiness.count({ where: { pillarId: p.id, level: { in: ['ready', 'role-model'] }, user: scope } })),
      ),
      db.user.findMany({
        where,
        orderBy: filter.sort === 'name' ? [{ name: 'asc' }] : [{ readiness: { weakestLower: 'asc' } }, { name: 'asc' }],
        ...(all ? {} : { skip: (filter.page - 1) * TEAM_PAGE_SIZE, take: TEAM_PAGE_SIZE }),
        select: {
          id: true,
          name: true,
          email: true,
          memberships: { select: { team: { select: { name: true } } } },
          readiness: { select: { clientReady: true, refreshers: true, onboardingDueAt: true } },
          estimates: {
            select: {
              competencyId: true,
              level: true,
              count: true,
              lower: true,
              upper: true,
              redFlag: true,
              toDecide: true,
              refresherSince: true,
            },
          },
          pillars: { select: { pillarId: true, level: true } },
        },
      }),
    ])
  const certificates = await certificateFlagsFor(
    people.map((p) => p.id),
    now,
  )
  const rows = people.map((p) => {
    const byId = new Map(p.estimates.map((e) => [e.competencyId, e]))
    return {
      id: p.id,
      name: p.name,
      email: p.email,
      teams: p.memberships.map((m) => m.team.name).sort(),
      clientReady: p.readiness?.clientReady ?? false,
      overdue: Boolean(p.readiness?.onboardingDueAt && p.readiness.onboardingDueAt < now),
      refreshers: p.readiness?.refreshers ?? 0,
      certificates: certificates.get(p.id) ?? [],
      cells: competencies.map((c) => {
        const e = byId.get(c.id)
        return {
          competencyId: c.id,
          level: (e?.level ?? 'not-started') as Level,
          count: e?.count ?? 0,
          lower: e?.lower ?? null,
          upper: e?.upper ?? null,
          redFlag: e?.redFlag ?? false,
          toDecide: e?.toDecide ?? null,
          refresher: Boolean(e?.refresherSince),
        }
      }),
      pillars: pillars.map((pl) => (p.pillars.find((x) => x.pillarId === pl.id)?.level ?? 'not-started') as Level),
    }
  })
  return {
    competencies: competencies.map((c) => ({ id: c.id, title: c.title, pillarId: c.pillarId })),
    pillars,
    summary: {
      total,
      clientReady: clientReadyCount,
      overdue,
      redFlags,
      certificatesExpiring,
      certificatesDue,
      pillarReady: pillars.map((p, i) => ({ ...p, ready: pillarReady[i]! })),
    },
    matching: matching ?? total,
    rows,
    pages: Math.max(1, Math.ceil((matching ?? total) / TEAM_PAGE_SIZE)),
  }
}

/** Weekly team readiness over the last weeks, from the snapshots (an admin sees the organisation's). */
export async function readinessTrend(viewer: Viewer, teamId: string | undefined, weeks = 12, now = new Date()) {
  const scope = visibleTeamIds(viewer)
  const ids = teamId ? (scope === null || scope.includes(teamId) ? [teamId] : []) : scope === null ? [''] : [...scope]
  const since = new Date(now.getTime() - weeks * WEEK_MS)
  const snapshots = await db.readinessSnapshot.findMany({ where: { teamId: { in: ids }, week: { gte: since } }, orderBy: { week: 'asc' } })
  const byWeek = new Map<string, { people: number; clientReady: number }>()
  for (const s of snapshots) {
    const key = s.week.toISOString()
    const w = byWeek.get(key) ?? { people: 0, clientReady: 0 }
    byWeek.set(key, { people: w.people + s.people, clientReady: w.clientReady + s.clientReady })
  }
  return [...byWeek].map(([week, w]) => ({
    week,
    people: w.people,
    clientReady: w.clientReady,
    share: w.people === 0 ? 0 : w.clientReady / w.people,
  }))
}

/** One employee's readiness with the evidence behind each estimate, for their leader (or themselves). */
export async function getEmployeeReadiness(personId: string, now = new Date()) {
  const [readiness, evidence, observations, reflections] = await Promise.all([
    getPersonReadiness(personId, now),
    db.evidence.findMany({ where: { userId: personId }, orderBy: { occurredAt: 'desc' }, take: 500 }),
    db.observation.count({ where: { userId: personId } }),
    db.reflectionAnswer.findMany({
      where: { userId: personId },
      orderBy: { updatedAt: 'desc' },
      select: { prompt: true, text: true, updatedAt: true, version: { select: { title: true } } },
    }),
  ])
  const link = await evidenceLinks(personId, evidence)
  const byCompetency = new Map<
    string,
    { kind: string; score: number | null; weight: number; redFlag: boolean; at: string; label: string; href: string | null }[]
  >()
  for (const e of evidence) {
    const list = byCompetency.get(e.competencyId) ?? []
    list.push({
      kind: e.kind,
      score: e.score,
      weight: e.weight,
      redFlag: e.redFlag,
      at: e.occurredAt.toISOString(),
      ...link(e.kind, e.sourceId),
    })
    byCompetency.set(e.competencyId, list)
  }
  return {
    ...readiness,
    evidence: Object.fromEntries(byCompetency),
    observations,
    reflections: reflections.map((r) => ({ lesson: r.version.title, prompt: r.prompt, text: r.text, at: r.updatedAt.toISOString() })),
  }
}
