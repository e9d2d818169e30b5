// Certificates: the rules trainers set per path or module, granting and ending them as readiness
// changes, reminders before expiry, and what the learner's, the printable and the leaders' pages read
// (app/docs/decisions/021-certificates-that-expire.md).
import { randomInt } from 'node:crypto'
import { z } from 'zod'
import {
  certificateStatus,
  daysLeft,
  describeValidity,
  endReasonAt,
  EXPIRING_DAYS,
  expiresAtFor,
  isEligible,
  missingCompetencies,
  moduleCompetencies,
  pathCompetencies,
  reminderDue,
  type EstimateLevel,
} from '~/domain/certificates/certificates'
import { formatDate } from '~/domain/calendar/dates'
import { DomainError } from '~/domain/errors'
import type { Viewer } from '~/domain/permissions/permissions'
import type { Level } from '~/domain/readiness/model'
import { StoredQuizSettingsSchema } from '~/domain/scenarios/quiz'
import { StoredWeightedListSchema } from '~/domain/scenarios/scenario'
import { audit } from '~/models/audit.server'
import { getOrganisation, getTimeZone } from '~/models/organisation.server'
import { db, type Prisma } from '~/utils/db.server'
import { env } from '~/utils/env.server'
import { log } from '~/utils/logger.server'
import { sendMail } from '~/utils/mail.server'
import { lessonCompetencyIds, parseStored } from '~/utils/stored-json.server'

const DAY_MS = 86_400_000

/** The competencies a certificate records as granted. */
const GrantedSchema = z.array(z.object({ id: z.string(), title: z.string() }))
/** The competencies a certificate certified, as stored with it. */
export const grantedOf = (text: string) => parseStored(GrantedSchema, text, 'competencies of a certificate')

// --- what each path and module certifies --------------------------------------------------------

type ModuleTarget = {
  id: string
  slug: string
  title: string
  competencyIds: string[]
  /** Where to practise each competency: the module's first published lesson teaching it, its quiz. */
  lessons: { slug: string; title: string; competencyIds: string[] }[]
  quiz: { slug: string; title: string } | null
}
type PathTarget = { id: string; slug: string; title: string; moduleIds: string[]; competencyIds: string[] }
export type CertificateTargets = {
  modules: ModuleTarget[]
  paths: PathTarget[]
  competencyTitles: Map<string, string>
}

/**
 * Every module's and path's competencies as the content stands: a module's published lessons' and
 * its module quiz's scenarios' (current versions), a path's over its modules. Competencies no
 * longer in the framework are left out, so a certificate never waits for one nobody can reach.
 */
export async function certificateTargets(): Promise<CertificateTargets> {
  const [modules, paths, competencies] = await Promise.all([
    db.module.findMany({
      orderBy: { position: 'asc' },
      select: {
        id: true,
        slug: true,
        title: true,
        lessons: {
          where: { currentVersionId: { not: null } },
          orderBy: { position: 'asc' },
          select: { slug: true, currentVersion: { select: { title: true, competencies: true } } },
        },
        quizzes: { where: { kind: 'module' }, orderBy: { slug: 'asc' }, select: { slug: true, title: true, settings: true } },
      },
    }),
    db.learningPath.findMany({
      orderBy: { title: 'asc' },
      select: { id: true, slug: true, title: true, modules: { orderBy: { position: 'asc' }, select: { moduleId: true } } },
    }),
    db.competency.findMany({ where: { archivedAt: null }, orderBy: { position: 'asc' }, select: { id: true, title: true } }),
  ])
  const known = new Map(competencies.map((c) => [c.id, c.title]))
  const itemsOf = new Map(
    modules.flatMap((m) => m.quizzes.map((q) => [q.slug, parseStored(StoredQuizSettingsSchema, q.settings, 'settings of a quiz').items])),
  )
  const scenarios = await db.scenario.findMany({
    where: { slug: { in: [...new Set([...itemsOf.values()].flat())] }, currentVersionId: { not: null } },
    select: { slug: true, currentVersion: { select: { competencies: true } } },
  })
  const scenarioCompetencies = new Map(
    scenarios.map((s) => [
      s.slug,
      parseStored(StoredWeightedListSchema, s.currentVersion!.competencies, 'competencies of a scenario version').map((c) => c.id),
    ]),
  )
  const keep = (ids: string[]) => ids.filter((id) => known.has(id))
  const moduleTargets: ModuleTarget[] = modules.map((m) => {
    const lessons = m.lessons.map((l) => ({
      slug: l.slug,
      title: l.currentVersion!.title,
      competencyIds: keep(lessonCompetencyIds(l.currentVersion!.competencies)),
    }))
    const quizScenarios = m.quizzes.flatMap((q) => itemsOf.get(q.slug) ?? []).map((slug) => keep(scenarioCompetencies.get(slug) ?? []))
    const quiz = m.quizzes[0]
    return {
      id: m.id,
      slug: m.slug,
      title: m.title,
      competencyIds: moduleCompetencies({ lessons: lessons.map((l) => l.competencyIds), quizScenarios }),
      lessons,
      quiz: quiz ? { slug: quiz.slug, title: quiz.title } : null,
    }
  })
  const byModule = new Map(moduleTargets.map((m) => [m.id, m]))
  return {
    modules: moduleTargets,
    paths: paths.map((p) => {
      const moduleIds = p.modules.map((pm) => pm.moduleId)
      return {
        id: p.id,
        slug: p.slug,
        title: p.title,
        moduleIds,
        competencyIds: pathCompetencies(moduleIds.map((id) => byModule.get(id)?.competencyIds ?? [])),
      }
    }),
    competencyTitles: known,
  }
}

/** An active rule with what it certifies now. */
type RuleScope = {
  id: string
  scope: 'path' | 'module'
  title: string
  validDays: number
  /** The path's or module's title. */
  of: string
  competencyIds: string[]
  modules: ModuleTarget[]
}

function scopesOf(
  rules: { id: string; scope: string; title: string; validDays: number; pathId: string | null; moduleId: string | null }[],
  targets: CertificateTargets,
): RuleScope[] {
  return rules.flatMap((r): RuleScope[] => {
    if (r.moduleId) {
      const m = targets.modules.find((x) => x.id === r.moduleId)
      return m ? [{ ...r, scope: 'module', of: m.title, competencyIds: m.competencyIds, modules: [m] }] : []
    }
    const p = targets.paths.find((x) => x.id === r.pathId)
    if (!p) return []
    const modules = p.moduleIds.flatMap((id) => targets.modules.filter((m) => m.id === id))
    return [{ ...r, scope: 'path', of: p.title, competencyIds: p.competencyIds, modules }]
  })
}

async function activeRules(targets?: CertificateTargets) {
  const [rules, t] = await Promise.all([
    db.certificateRule.findMany({ where: { active: true }, orderBy: { createdAt: 'asc' } }),
    targets ?? certificateTargets(),
  ])
  return { rules: scopesOf(rules, t), targets: t }
}

// --- granting and ending ---------------------------------------------------------------------------

/** Twelve characters from an alphabet without look-alikes (60 bits), as XXXX-XXXX-XXXX. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
export function newVerificationCode(): string {
  const chars = Array.from({ length: 12 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]!)
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-')
}

const isUniqueViolation = (error: unknown) =>
  !!error && typeof error === 'object' && 'code' in error && (error as { code: unknown }).code === 'P2002'

async function estimatesOf(userId: string): Promise<Map<string, EstimateLevel>> {
  const rows = await db.readinessEstimate.findMany({
    where: { userId },
    select: { competencyId: true, level: true, count: true, toDecide: true },
  })
  return new Map(rows.map((r) => [r.competencyId, { level: r.level as Level, count: r.count, toDecide: r.toDecide }]))
}

/**
 * Brings one person's certificates up to date with their stored estimates at `now`: a valid one
 * that expired or whose competencies are no longer all ready ends (and recertification is due); for
 * each active rule without a valid one, a certificate is granted when every competency is ready.
 * At most one is valid per person and rule: the unique key on (rule, person, current) decides
 * between two requests granting at once, and ending is a compare-and-set on `current`.
 * Returns how many were granted and ended.
 */
export async function refreshCertificates(userId: string, now = new Date(), given?: { rules: RuleScope[]; targets: CertificateTargets }) {
  const { rules, targets } = given ?? (await activeRules())
  const [estimates, current] = await Promise.all([
    estimatesOf(userId),
    db.certificate.findMany({ where: { userId, current: true }, select: { id: true, ruleId: true, expiresAt: true, competencies: true } }),
  ])
  let granted = 0
  let ended = 0
  const standing = new Set<string>()
  for (const c of current) {
    const reason = endReasonAt({ expiresAt: c.expiresAt, competencyIds: grantedOf(c.competencies).map((x) => x.id) }, estimates, now)
    if (!reason) {
      standing.add(c.ruleId)
      continue
    }
    const { count } = await db.certificate.updateMany({
      where: { id: c.id, current: true },
      data: { current: null, endedAt: now, endReason: reason, renewalDue: true },
    })
    ended += count
  }
  for (const rule of rules) {
    if (standing.has(rule.id) || !isEligible(rule.competencyIds, estimates)) continue
    try {
      await db.$transaction(async (tx) => {
        const cert = await tx.certificate.create({
          data: {
            userId,
            ruleId: rule.id,
            code: newVerificationCode(),
            title: rule.title,
            competencies: JSON.stringify(rule.competencyIds.map((id) => ({ id, title: targets.competencyTitles.get(id) ?? id }))),
            issuedAt: now,
            expiresAt: expiresAtFor(now, rule.validDays),
            current: true,
          },
        })
        // Recertified: the ended ones are history now.
        await tx.certificate.updateMany({
          where: { userId, ruleId: rule.id, renewalDue: true, id: { not: cert.id } },
          data: { renewalDue: false },
        })
      })
      granted++
    } catch (error) {
      // Another request granted it first: the unique key decided, and one is valid.
      if (!isUniqueViolation(error)) throw error
    }
  }
  return { granted, ended }
}

/**
 * refreshCertificates after a person's readiness changed (an attempt submitted, an answer graded, an
 * observation): called after the change has committed, and never failing it: if this fails, the
 * daily readiness job grants the certificate instead.
 */
export async function refreshCertificatesAfterReadiness(userId: string) {
  try {
    if (
      (await db.certificateRule.count({ where: { active: true } })) === 0 &&
      (await db.certificate.count({ where: { userId, current: true } })) === 0
    )
      return
    await refreshCertificates(userId)
  } catch (error) {
    log.error('certificates not refreshed', { userId, error: error instanceof Error ? error.stack : String(error) })
  }
}

/** Every person's certificates at `now` (the daily readiness job, after the estimates): who has one to end or may earn one. */
export async function refreshAllCertificates(now = new Date()) {
  const given = await activeRules()
  const people = await db.user.findMany({
    where: {
      OR: [
        ...(given.rules.length > 0
          ? [{ status: { not: 'deactivated' }, estimates: { some: { level: { in: ['ready', 'role-model'] } } } }]
          : []),
        { certificates: { some: { current: true } } },
      ],
    },
    select: { id: true },
  })
  let granted = 0
  let ended = 0
  for (const p of people) {
    const r = await refreshCertificates(p.id, now, given)
    granted += r.granted
    ended += r.ended
  }
  return { granted, ended }
}

// --- reminders ---------------------------------------------------------------------------------------

/**
 * Mails the holder of each valid certificate 30 and 7 days before it expires, once each: the
 * reminder is claimed on the row (compare-and-set) before the mail goes, so two runs send one.
 */
export async function sendCertificateReminders(now = new Date()) {
  const certificates = await db.certificate.findMany({
    where: {
      current: true,
      expiresAt: { gt: now, lte: new Date(now.getTime() + EXPIRING_DAYS * DAY_MS) },
      OR: [{ reminded30At: null }, { reminded7At: null }],
      user: { status: 'active' },
    },
    select: {
      id: true,
      title: true,
      expiresAt: true,
      endedAt: true,
      endReason: true,
      reminded30At: true,
      reminded7At: true,
      user: { select: { email: true, name: true } },
    },
  })
  const app = env().APP_URL
  const zone = await getTimeZone()
  let sent = 0
  for (const c of certificates) {
    const due = reminderDue(c, now)
    if (due === null) continue
    const { count } = await db.certificate.updateMany({
      where: due === 7 ? { id: c.id, current: true, reminded7At: null } : { id: c.id, current: true, reminded30At: null },
      data: due === 7 ? { reminded7At: now, reminded30At: c.reminded30At ?? now } : { reminded30At: now },
    })
    if (count === 0) continue
    const days = daysLeft(c.expiresAt, now)
    await sendMail({
      to: c.user.email,
      subject: `Mission Ready: your certificate “${c.title}” expires in ${days} ${days === 1 ? 'day' : 'days'}`,
      text: [
        `Hello ${c.user.name},`,
        '',
        `Your certificate “${c.title}” expires on ${formatDate(c.expiresAt, zone)}.`,
        `See it: ${app}/certificates/${c.id}`,
        '',
        `Once it expires, recertification is due: keep your readiness up with a practice set (${app}/quizzes/practice), and a new certificate is granted while every competency it covers is ready.`,
      ].join('\n'),
    })
    sent++
  }
  return sent
}

// --- what the pages read -------------------------------------------------------------------------------

/** Where the holder, their team leaders and admins may see a certificate: ownership in the query. */
function visibleTo(viewer: Viewer): Prisma.CertificateWhereInput {
  if (viewer.role === 'admin') return {}
  return { OR: [{ userId: viewer.id }, { user: { memberships: { some: { teamId: { in: [...viewer.ledTeamIds] } } } } }] }
}

/** One certificate for the printable page; null (a 404) for anyone but its holder, their leaders and admins. */
export async function getCertificateForViewer(viewer: Viewer, id: string, now = new Date()) {
  const c = await db.certificate.findFirst({
    where: { AND: [{ id }, visibleTo(viewer)] },
    select: {
      id: true,
      code: true,
      title: true,
      competencies: true,
      issuedAt: true,
      expiresAt: true,
      endedAt: true,
      endReason: true,
      user: { select: { id: true, name: true, email: true } },
      rule: { select: { scope: true, path: { select: { title: true } }, module: { select: { title: true } } } },
    },
  })
  if (!c) return null
  const organisation = await getOrganisation()
  return {
    id: c.id,
    code: c.code,
    title: c.title,
    holder: { id: c.user.id, name: c.user.name || c.user.email, own: c.user.id === viewer.id },
    of: c.rule.scope === 'path' ? `the path “${c.rule.path?.title ?? ''}”` : `the module “${c.rule.module?.title ?? ''}”`,
    competencies: grantedOf(c.competencies),
    issuedAt: c.issuedAt.toISOString(),
    expiresAt: c.expiresAt.toISOString(),
    status: certificateStatus(c, now),
    organisation: organisation.name,
    zone: await getTimeZone(),
  }
}

/**
 * A person's certificates, newest first, with their status; and for each active rule they hold no
 * valid certificate of, what is left to earn it (the competencies not yet ready, with where to
 * practise each) and whether recertification is due.
 */
export async function listCertificatesOf(userId: string, now = new Date()) {
  const [{ rules, targets }, certificates, estimates] = await Promise.all([
    activeRules(),
    db.certificate.findMany({ where: { userId }, orderBy: { issuedAt: 'desc' }, include: { rule: { select: { active: true } } } }),
    estimatesOf(userId),
  ])
  const held = certificates.map((c) => ({
    id: c.id,
    title: c.title,
    code: c.code,
    issuedAt: c.issuedAt.toISOString(),
    expiresAt: c.expiresAt.toISOString(),
    endedAt: c.endedAt?.toISOString() ?? null,
    status: certificateStatus(c, now),
    daysLeft: daysLeft(c.expiresAt, now),
    current: c.current === true && c.expiresAt > now,
    ruleId: c.ruleId,
    renewalDue: c.renewalDue && c.rule.active,
  }))
  const valid = new Set(held.filter((c) => c.current).map((c) => c.ruleId))
  const toEarn = rules
    .filter((r) => !valid.has(r.id))
    .map((r) => ({
      ruleId: r.id,
      title: r.title,
      scope: r.scope,
      of: r.of,
      validity: describeValidity(r.validDays),
      recertification: held.some((c) => c.ruleId === r.id),
      total: r.competencyIds.length,
      missing: missingCompetencies(r.competencyIds, estimates).map((id) => {
        const lesson = r.modules.flatMap((m) => m.lessons).find((l) => l.competencyIds.includes(id))
        const quiz = r.modules.find((m) => m.quiz && m.competencyIds.includes(id))?.quiz ?? null
        return {
          id,
          title: targets.competencyTitles.get(id) ?? id,
          level: (estimates.get(id)?.level ?? 'not-started') as Level,
          lesson: lesson ? { slug: lesson.slug, title: lesson.title } : null,
          quiz,
        }
      }),
    }))
  return { certificates: held, toEarn, zone: await getTimeZone() }
}

// --- leaders ----------------------------------------------------------------------------------------

/** People with a valid certificate expiring within 30 days. */
export const certificateExpiringWhere = (now: Date): Prisma.UserWhereInput => ({
  certificates: { some: { current: true, expiresAt: { gt: now, lte: new Date(now.getTime() + EXPIRING_DAYS * DAY_MS) } } },
})
/** People due to recertify: a certificate ended (expired, or readiness dropped) and not yet followed by a new one. */
export const certificateDueWhere = (now: Date): Prisma.UserWhereInput => ({
  certificates: {
    some: {
      OR: [
        { renewalDue: true, rule: { active: true } },
        { current: true, expiresAt: { lte: now } },
      ],
    },
  },
})

export type CertificateFlag = { id: string; title: string; kind: 'expiring' | 'expired' | 'lapsed'; at: string }

/** For the team dashboard: each listed person's certificates expiring within 30 days or due for recertification. */
export async function certificateFlagsFor(userIds: string[], now = new Date()): Promise<Map<string, CertificateFlag[]>> {
  const rows = await db.certificate.findMany({
    where: {
      userId: { in: userIds },
      OR: [
        { current: true, expiresAt: { lte: new Date(now.getTime() + EXPIRING_DAYS * DAY_MS) } },
        { renewalDue: true, rule: { active: true } },
      ],
    },
    orderBy: { expiresAt: 'asc' },
    select: { id: true, userId: true, title: true, expiresAt: true, endedAt: true, endReason: true },
  })
  const out = new Map<string, CertificateFlag[]>()
  for (const r of rows) {
    const status = certificateStatus(r, now)
    const flag: CertificateFlag = {
      id: r.id,
      title: r.title,
      kind: status === 'lapsed' ? 'lapsed' : status === 'expired' ? 'expired' : 'expiring',
      at: (r.endedAt ?? r.expiresAt).toISOString(),
    }
    out.set(r.userId, [...(out.get(r.userId) ?? []), flag])
  }
  return out
}

// --- the rules, as trainers set them ---------------------------------------------------------------

export type RuleInput = { scope: 'path' | 'module'; target: string; active: boolean; title: string; validDays: number }

/** Every path and module with its certificate rule (if any) and the competencies it would certify. */
export async function listCertificateRules() {
  const [targets, rules] = await Promise.all([
    certificateTargets(),
    db.certificateRule.findMany({ include: { _count: { select: { certificates: { where: { current: true } } } } } }),
  ])
  const ruleOf = (where: { pathId?: string; moduleId?: string }) => {
    const r = rules.find((x) => (where.pathId ? x.pathId === where.pathId : x.moduleId === where.moduleId))
    return r
      ? { title: r.title, validDays: r.validDays, active: r.active, valid: r._count.certificates, updatedAt: r.updatedAt.toISOString() }
      : null
  }
  const titles = (ids: string[]) => ids.map((id) => targets.competencyTitles.get(id) ?? id)
  return {
    paths: targets.paths.map((p) => ({
      scope: 'path' as const,
      slug: p.slug,
      title: p.title,
      competencies: titles(p.competencyIds),
      rule: ruleOf({ pathId: p.id }),
    })),
    modules: targets.modules.map((m) => ({
      scope: 'module' as const,
      slug: m.slug,
      title: m.title,
      competencies: titles(m.competencyIds),
      rule: ruleOf({ moduleId: m.id }),
    })),
  }
}

/**
 * Saves a path's or module's certificate (on or off, title, validity), audit-logged with who did it;
 * a certificate turned on is granted at once to everyone already ready for it. A path or module that
 * does not exist is a 400 and changes nothing.
 */
export async function saveCertificateRule(input: RuleInput, actorId: string, now = new Date()) {
  const target =
    input.scope === 'path'
      ? await db.learningPath.findUnique({ where: { slug: input.target }, select: { id: true, title: true } })
      : await db.module.findUnique({ where: { slug: input.target }, select: { id: true, title: true } })
  if (!target) throw new DomainError(400, `There is no ${input.scope} “${input.target}”.`, 'target')
  const key = input.scope === 'path' ? { pathId: target.id } : { moduleId: target.id }
  const data = { title: input.title, validDays: input.validDays, active: input.active, updatedById: actorId }
  await db.$transaction(async (tx) => {
    const existing = await tx.certificateRule.findFirst({ where: key, select: { id: true } })
    if (existing) await tx.certificateRule.update({ where: { id: existing.id }, data })
    else await tx.certificateRule.create({ data: { scope: input.scope, ...key, ...data } })
    await audit(tx, {
      actorId,
      action: 'certificate.rule',
      subject: `${input.scope}:${input.target}`,
      summary: input.active
        ? `Certificate “${input.title}” for the ${input.scope} ${target.title}: on, valid ${describeValidity(input.validDays)}`
        : `Certificate for the ${input.scope} ${target.title}: off`,
    })
  })
  return input.active ? refreshAllCertificates(now) : { granted: 0, ended: 0 }
}
