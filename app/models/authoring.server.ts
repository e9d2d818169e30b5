import { DomainError, notFound } from '~/domain/errors'
import { diffLines } from 'diff'
import { extractInteractions } from '~/domain/content/interactions'
import { parseLessonFrontmatter } from '~/domain/content/lesson'
import type { MdxProblem } from '~/domain/content/mdx-validator'
import { audit } from '~/models/audit.server'
import { activeCompetencyIds, listCompetencies } from '~/models/competency.server'
import { forgetCached } from '~/utils/cache.server'
import { db } from '~/utils/db.server'
import { compileMdx, contentHash } from '~/utils/mdx.server'
import { lessonCompetencyIds } from '~/utils/stored-json.server'

/** Someone else saved first: a 409 naming what changed. */
export class ConflictError extends DomainError {
  constructor(message: string) {
    super(409, message)
  }
}
export class LessonProblems extends Error {
  constructor(public problems: MdxProblem[]) {
    super(problems.map((p) => `line ${p.line}: ${p.message}`).join('; '))
  }
}

/** Lessons for the trainers' list, filtered by module, competency and status. */
export async function listLessonsForTrainer(filter: { module?: string; competency?: string; status?: 'draft' | 'published' }) {
  const [modules, competencies, lessons] = await Promise.all([
    db.module.findMany({ orderBy: { position: 'asc' }, select: { slug: true, title: true } }),
    listCompetencies(),
    db.lesson.findMany({
      where: {
        ...(filter.module ? { module: { slug: filter.module } } : {}),
        ...(filter.status === 'draft' ? { draftSource: { not: null } } : {}),
      },
      orderBy: [{ module: { position: 'asc' } }, { position: 'asc' }],
      include: {
        module: { select: { slug: true, title: true } },
        currentVersion: { select: { number: true, title: true, competencies: true, minutes: true, createdAt: true } },
      },
    }),
  ])
  const rows = lessons
    .map((l) => ({
      slug: l.slug,
      module: l.module,
      title: l.currentVersion?.title ?? l.slug,
      version: l.currentVersion?.number ?? null,
      minutes: l.currentVersion?.minutes ?? null,
      competencies: l.currentVersion ? lessonCompetencyIds(l.currentVersion.competencies) : [],
      hasDraft: l.draftSource !== null,
      publishedAt: l.currentVersion?.createdAt.toISOString() ?? null,
    }))
    .filter((l) => !filter.competency || l.competencies.includes(filter.competency))
    .filter((l) => filter.status !== 'published' || l.version !== null)
  return { modules, competencies, lessons: rows }
}

/** A lesson as a trainer edits it: the draft if there is one, else the published source. */
export async function getLessonForEditing(slug: string) {
  const lesson = await db.lesson.findUnique({
    where: { slug },
    include: {
      module: { select: { title: true } },
      currentVersion: true,
      versions: { orderBy: { number: 'desc' }, select: { number: true, origin: true, createdAt: true, createdById: true, title: true } },
    },
  })
  if (!lesson) throw notFound('Lesson')
  const authorIds = [
    ...new Set([lesson.draftUpdatedById, ...lesson.versions.map((v) => v.createdById)].filter((x): x is string => Boolean(x))),
  ]
  const authors = new Map(
    (await db.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]),
  )
  return {
    slug,
    moduleTitle: lesson.module.title,
    source: lesson.draftSource ?? lesson.currentVersion?.source ?? '',
    isDraft: lesson.draftSource !== null,
    draftUpdatedAt: lesson.draftUpdatedAt?.toISOString() ?? null,
    draftUpdatedBy: lesson.draftUpdatedById ? (authors.get(lesson.draftUpdatedById) ?? null) : null,
    revision: lesson.revision,
    currentVersion: lesson.currentVersion?.number ?? null,
    versions: lesson.versions.map((v) => ({
      number: v.number,
      title: v.title,
      origin: v.origin,
      createdAt: v.createdAt.toISOString(),
      author: v.createdById ? (authors.get(v.createdById) ?? null) : null,
    })),
  }
}

/**
 * Checks a whole lesson file as publishing would: frontmatter, the untrusted-MDX validator, the
 * Checks and Reflections, and the compile. Returns the compiled body or every problem.
 */
export async function checkLessonSource(source: string) {
  const parsed = parseLessonFrontmatter(source, await activeCompetencyIds())
  if (!parsed.ok) return { ok: false as const, problems: parsed.problems }
  const compiled = await compileMdx(parsed.body, { lineOffset: parsed.lineOffset })
  if (!compiled.ok) return { ok: false as const, problems: compiled.problems }
  const interactions = extractInteractions(parsed.body, { lineOffset: parsed.lineOffset })
  if (interactions.problems.length > 0) return { ok: false as const, problems: interactions.problems }
  return { ok: true as const, code: compiled.code, frontmatter: parsed.frontmatter, interactions }
}

async function conflictMessage(slug: string) {
  const lesson = await db.lesson.findUniqueOrThrow({ where: { slug } })
  const by = lesson.draftUpdatedById ? (await db.user.findUnique({ where: { id: lesson.draftUpdatedById } }))?.name : null
  return `Someone${by ? ` (${by})` : ''} saved this lesson while you were editing. Your changes were not saved: copy them, reload the page, and apply them to the newer text.`
}

/** Saves a draft, refusing when the lesson changed since `revision` was read (no silent overwrite). */
export async function saveDraft(slug: string, source: string, revision: number, userId: string) {
  const { count } = await db.lesson.updateMany({
    where: { slug, revision },
    data: { draftSource: source, draftUpdatedAt: new Date(), draftUpdatedById: userId, revision: { increment: 1 } },
  })
  if (count === 0) throw new ConflictError(await conflictMessage(slug))
  return revision + 1
}

/** Publishes a new immutable version from a source, after checking it fully; clears the draft. */
export async function publishLesson(slug: string, source: string, revision: number, userId: string) {
  const checked = await checkLessonSource(source)
  if (!checked.ok) throw new LessonProblems(checked.problems)
  const { frontmatter, interactions, code } = checked
  const published = await db.$transaction(async (tx) => {
    const lesson = await tx.lesson.findUnique({ where: { slug }, include: { versions: { orderBy: { number: 'desc' }, take: 1 } } })
    if (!lesson) throw notFound('Lesson')
    const { count } = await tx.lesson.updateMany({
      where: { id: lesson.id, revision },
      data: { draftSource: null, draftUpdatedAt: null, draftUpdatedById: null, revision: { increment: 1 } },
    })
    if (count === 0) throw new ConflictError(await conflictMessage(slug))
    const version = await tx.lessonVersion.create({
      data: {
        lessonId: lesson.id,
        number: (lesson.versions[0]?.number ?? 0) + 1,
        source,
        contentHash: contentHash(source),
        title: frontmatter.title,
        summary: frontmatter.summary,
        minutes: frontmatter.minutes,
        competencies: JSON.stringify(frontmatter.competencies),
        sources: JSON.stringify(frontmatter.sources),
        checks: JSON.stringify(interactions.checks),
        prompts: JSON.stringify(interactions.prompts),
        compiledCode: code,
        origin: 'editor',
        createdById: userId,
      },
    })
    await tx.lesson.update({ where: { id: lesson.id }, data: { currentVersionId: version.id } })
    await audit(tx, {
      actorId: userId,
      action: 'lesson.published',
      subject: `lesson:${slug}`,
      summary: `Published “${frontmatter.title}” as version ${version.number}`,
    })
    return version.number
  })
  // A published lesson can change how many lessons a competency requires.
  forgetCached()
  return published
}

/** Publishes an earlier version's text again, as a new version. */
export async function revertLesson(slug: string, versionNumber: number, revision: number, userId: string) {
  const version = await db.lessonVersion.findFirst({ where: { lesson: { slug }, number: versionNumber } })
  if (!version) throw notFound('Version')
  return publishLesson(slug, version.source, revision, userId)
}

/** A line diff between two versions of a lesson. */
export async function diffVersions(slug: string, from: number, to: number) {
  const versions = await db.lessonVersion.findMany({
    where: { lesson: { slug }, number: { in: [from, to] } },
    select: { number: true, source: true },
  })
  const a = versions.find((v) => v.number === from)
  const b = versions.find((v) => v.number === to)
  if (!a || !b) throw notFound('Version')
  return diffLines(a.source, b.source).map((part) => ({ kind: part.added ? 'added' : part.removed ? 'removed' : 'same', text: part.value }))
}
