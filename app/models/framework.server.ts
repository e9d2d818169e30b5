import { stringify } from 'yaml'
import { parseFramework, type Framework } from '~/domain/content/framework'
import { audit } from '~/models/audit.server'
import { rebuildReadiness } from '~/models/readiness.server'
import { db, type Tx } from '~/utils/db.server'

export class FrameworkProblems extends Error {}

/** The framework as it stands (its latest version), with every version for the history. */
export async function getFrameworkForEditing() {
  const versions = await db.frameworkVersion.findMany({ orderBy: { number: 'desc' } })
  const authors = new Map(
    (
      await db.user.findMany({
        where: { id: { in: versions.flatMap((v) => (v.createdById ? [v.createdById] : [])) } },
        select: { id: true, name: true },
      })
    ).map((u) => [u.id, u.name]),
  )
  const archived = await db.competency.findMany({
    where: { archivedAt: { not: null } },
    select: { id: true, title: true, archivedAt: true },
  })
  return {
    source: versions[0]?.source ?? '',
    current: versions[0]?.number ?? null,
    versions: versions.map((v) => ({
      number: v.number,
      createdAt: v.createdAt.toISOString(),
      author: v.createdById ? (authors.get(v.createdById) ?? null) : null,
    })),
    archived: archived.map((a) => ({ ...a, archivedAt: a.archivedAt!.toISOString() })),
  }
}

/**
 * Makes a framework the current one, as a new version: competencies are created or updated in
 * order; one that is no longer listed is archived when evidence points at it (its history stays
 * readable) and deleted otherwise.
 */
export async function applyFramework(tx: Tx, framework: Framework, source: string, userId: string | null) {
  let position = 0
  const keep = new Set<string>()
  for (const pillar of framework.pillars) {
    for (const c of pillar.competencies) {
      const data = {
        pillarId: pillar.id,
        pillarTitle: pillar.title,
        title: c.title,
        description: c.description,
        ready: c.ready,
        position: position++,
        archivedAt: null,
      }
      await tx.competency.upsert({ where: { id: c.id }, create: { id: c.id, ...data }, update: data })
      keep.add(c.id)
    }
  }
  const removed = await tx.competency.findMany({ where: { id: { notIn: [...keep] }, archivedAt: null } })
  for (const c of removed) {
    const used = await tx.evidence.count({ where: { competencyId: c.id } })
    if (used > 0) await tx.competency.update({ where: { id: c.id }, data: { archivedAt: new Date() } })
    else await tx.competency.delete({ where: { id: c.id } })
  }
  const last = await tx.frameworkVersion.findFirst({ orderBy: { number: 'desc' } })
  const version = await tx.frameworkVersion.create({ data: { number: (last?.number ?? 0) + 1, source, createdById: userId } })
  if (userId)
    await audit(tx, {
      actorId: userId,
      action: 'framework.saved',
      subject: `framework:${version.number}`,
      summary: `Saved the framework as version ${version.number}: ${keep.size} competencies, ${removed.length} archived or removed`,
    })
  return { competencies: keep.size, archivedOrRemoved: removed.length }
}

/** The YAML a framework is stored as (for the version made from content/framework.yaml). */
export const frameworkSource = (framework: Framework) => stringify(framework, { lineWidth: 0 })

/** An admin's edit: checked in full, applied as a new version, then readiness is recomputed (pillars may have changed). */
export async function saveFramework(source: string, userId: string) {
  let framework: Framework
  try {
    framework = parseFramework(source, 'The framework')
  } catch (error) {
    throw new FrameworkProblems((error as Error).message)
  }
  const result = await db.$transaction((tx) => applyFramework(tx, framework, source, userId), { timeout: 30_000 })
  await rebuildReadiness()
  return result
}
