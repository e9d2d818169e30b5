import { DomainError, notFound } from '~/domain/errors'
import { refreshReadinessOf } from '~/models/readiness.server'
import { forgetCached } from '~/utils/cache.server'
import { db } from '~/utils/db.server'

/** A refused change to modules, lessons or paths: under the form field it is about, or (null) above the form. */
export class StructureError extends DomainError {
  constructor(field: 'title' | 'module' | 'path' | 'target' | null, message: string) {
    super(400, message, field ?? undefined)
  }
}

export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
}

/** Modules with their lessons in order, paths with their steps, and who a path can go to. */
export async function getStructure() {
  const [modules, paths, teams, people] = await Promise.all([
    db.module.findMany({
      orderBy: { position: 'asc' },
      include: {
        lessons: { orderBy: { position: 'asc' }, select: { slug: true, currentVersion: { select: { title: true } }, draftSource: true } },
      },
    }),
    db.learningPath.findMany({
      orderBy: { title: 'asc' },
      include: {
        modules: { orderBy: { position: 'asc' }, include: { module: { select: { slug: true, title: true } } } },
        _count: { select: { assignments: true } },
      },
    }),
    db.team.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true, _count: { select: { members: true } } } }),
    db.user.findMany({
      where: { status: { not: 'deactivated' } },
      orderBy: { nameSearch: 'asc' },
      select: { id: true, name: true, email: true },
    }),
  ])
  return {
    modules: modules.map((m) => ({
      slug: m.slug,
      title: m.title,
      summary: m.summary,
      lessons: m.lessons.map((l) => ({
        slug: l.slug,
        title: l.currentVersion?.title ?? titleFromDraft(l.draftSource) ?? l.slug,
        published: Boolean(l.currentVersion),
      })),
    })),
    paths: paths.map((p) => ({
      slug: p.slug,
      title: p.title,
      assigned: p._count.assignments,
      steps: p.modules.map((s) => ({ module: s.module.slug, title: s.module.title, dueDays: s.dueDays })),
    })),
    teams: teams.map((t) => ({ id: t.id, name: t.name, members: t._count.members })),
    people,
  }
}

function titleFromDraft(source: string | null) {
  return source ? (/^title: (.*)$/m.exec(source)?.[1] ?? null) : null
}

export async function createModule(title: string, summary: string) {
  const count = await db.module.count()
  const slug = `${String(count + 1).padStart(2, '0')}-${slugify(title)}`
  if (!slugify(title)) throw new StructureError('title', 'Use letters or digits in the title.')
  if (await db.module.findUnique({ where: { slug } })) throw new StructureError('title', 'A module with this title already exists.')
  const last = await db.module.findFirst({ orderBy: { position: 'desc' } })
  return db.module.create({ data: { slug, title, summary, position: (last?.position ?? -1) + 1 } })
}

/** The ids in their new order after moving one up (-1) or down (+1); null when it cannot move. */
function swapped<T extends { id: string; slug: string }>(items: T[], slug: string, direction: -1 | 1): string[] | null {
  const i = items.findIndex((x) => x.slug === slug)
  const j = i + direction
  if (i === -1 || j < 0 || j >= items.length) return null
  const ids = items.map((x) => x.id)
  ;[ids[i], ids[j]] = [ids[j]!, ids[i]!]
  return ids
}

/** Swaps a module with its neighbour above (-1) or below (+1). */
export async function moveModule(slug: string, direction: -1 | 1) {
  const modules = await db.module.findMany({ orderBy: { position: 'asc' } })
  if (!modules.some((m) => m.slug === slug)) throw notFound('Module')
  const ids = swapped(modules, slug, direction)
  if (ids) await db.$transaction(ids.map((id, position) => db.module.update({ where: { id }, data: { position } })))
  forgetCached()
}

/** Swaps a lesson with its neighbour in the module. */
export async function moveLesson(slug: string, direction: -1 | 1) {
  const lesson = await db.lesson.findUnique({ where: { slug } })
  if (!lesson) throw notFound('Lesson')
  const lessons = await db.lesson.findMany({ where: { moduleId: lesson.moduleId }, orderBy: { position: 'asc' } })
  const ids = swapped(lessons, slug, direction)
  if (ids) await db.$transaction(ids.map((id, position) => db.lesson.update({ where: { id }, data: { position } })))
  forgetCached()
}

/** Creates an unpublished lesson at the end of a module, with a starting draft to edit. */
export async function createLesson(moduleSlug: string, title: string, userId: string) {
  const module = await db.module.findUnique({
    where: { slug: moduleSlug },
    include: { lessons: { orderBy: { position: 'desc' }, take: 1 } },
  })
  if (!module) throw new StructureError('module', 'Choose a module.')
  const slug = slugify(title)
  if (!slug) throw new StructureError('title', 'Use letters or digits in the title.')
  if (await db.lesson.findUnique({ where: { slug } }))
    throw new StructureError('title', `A lesson called “${title}” (${slug}) already exists.`)
  const draft = `---\ntitle: ${JSON.stringify(title)}\nsummary: ""\ncompetencies: []\nminutes: 4\nsources: []\n---\n\n# ${title}\n\nWrite the lesson here.\n\n<Reflection id="${slug.slice(0, 40)}-reflection" prompt="What will you do differently after this lesson?" />\n`
  const lesson = await db.lesson.create({
    data: {
      slug,
      moduleId: module.id,
      position: (module.lessons[0]?.position ?? -1) + 1,
      draftSource: draft,
      draftUpdatedAt: new Date(),
      draftUpdatedById: userId,
    },
  })
  forgetCached()
  return lesson
}

export async function createPath(title: string) {
  const slug = slugify(title)
  if (!slug) throw new StructureError('title', 'Use letters or digits in the title.')
  if (await db.learningPath.findUnique({ where: { slug } })) throw new StructureError('title', 'A path with this title already exists.')
  return db.learningPath.create({ data: { slug, title } })
}

/** Replaces a path's steps: the modules in order, each with its due offset in days. */
export async function savePathSteps(pathSlug: string, steps: { module: string; dueDays: number }[]) {
  const path = await db.learningPath.findUnique({ where: { slug: pathSlug } })
  if (!path) throw notFound('Path')
  const modules = await db.module.findMany({ where: { slug: { in: steps.map((s) => s.module) } } })
  if (modules.length !== new Set(steps.map((s) => s.module)).size) throw new StructureError(null, 'One of the modules no longer exists.')
  const id = new Map(modules.map((m) => [m.slug, m.id]))
  await db.$transaction([
    db.pathModule.deleteMany({ where: { pathId: path.id } }),
    db.pathModule.createMany({
      data: steps.map((s, position) => ({ pathId: path.id, moduleId: id.get(s.module)!, position, dueDays: s.dueDays })),
    }),
  ])
}

/** Assigns a path to one person or every member of a team, from a start date; returns how many were assigned. */
export async function assignPath(pathSlug: string, target: { teamId?: string; userId?: string }, startDate: Date) {
  const path = await db.learningPath.findUnique({ where: { slug: pathSlug } })
  if (!path) throw new StructureError('path', 'Choose a path.')
  const userIds = target.teamId
    ? (
        await db.membership.findMany({
          where: { teamId: target.teamId, user: { status: { not: 'deactivated' } } },
          select: { userId: true },
        })
      ).map((m) => m.userId)
    : target.userId && (await db.user.findUnique({ where: { id: target.userId } }))
      ? [target.userId]
      : []
  if (userIds.length === 0)
    throw new StructureError('target', target.teamId ? 'That team has no active members.' : 'Choose a team or a person.')
  await db.$transaction(async (tx) => {
    for (const userId of userIds) {
      await tx.pathAssignment.upsert({
        where: { pathId_userId: { pathId: path.id, userId } },
        create: { pathId: path.id, userId, startDate },
        update: { startDate },
      })
    }
    await refreshReadinessOf(tx, userIds)
  })
  return userIds.length
}
