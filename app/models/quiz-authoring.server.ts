// Quizzes assembled in the app: a draft per quiz, published versions (from a content file or the
// editor) with history and restore, and the bank a trainer picks scenarios from. Quiz.title,
// description, moduleId and settings hold the current version: what learners run.
import { z } from 'zod'
import { DomainError, notFound } from '~/domain/errors'
import {
  bankProblems,
  definitionFromFields,
  diffQuizVersions,
  quizWarnings,
  type BankScenario,
  type FieldProblem,
  type QuizFields,
} from '~/domain/quizzes/editor'
import { QuizSchema, StoredQuizSettingsSchema, type QuizDefinition, type QuizSettings } from '~/domain/scenarios/quiz'
import { StoredWeightedListSchema } from '~/domain/scenarios/scenario'
import { audit } from '~/models/audit.server'
import { ConflictError } from '~/models/authoring.server'
import { listCompetencies } from '~/models/competency.server'
import { db, type Tx } from '~/utils/db.server'
import { contentHash } from '~/utils/mdx.server'
import { lessonCompetencyIds, parseStored } from '~/utils/stored-json.server'

/** Problems that stop a save or publish, by field; nothing was written. */
export class QuizProblems extends Error {
  constructor(public problems: FieldProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '))
  }
}

/** A draft as stored: a definition that may still have no scenarios (a new quiz). */
const StoredDraftSchema = QuizSchema.extend({ items: z.array(z.string()) })

/** A quiz's settings in one key order, so equal settings are equal text. */
export function settingsText(s: QuizSettings): string {
  return JSON.stringify({
    items: s.items,
    ...(s.draw === undefined ? {} : { draw: s.draw }),
    feedback: s.feedback,
    shuffleItems: s.shuffleItems,
    ...(s.maxAttempts === undefined ? {} : { maxAttempts: s.maxAttempts }),
    cooldownHours: s.cooldownHours,
  })
}

export type VersionContent = { title: string; description: string; moduleId: string | null; settings: string }

/** The content hash of a quiz version: its title, description, module and settings (in one key order). */
export function quizVersionHash(v: VersionContent) {
  const settings = settingsText(parseStored(StoredQuizSettingsSchema, v.settings, 'settings of a quiz version'))
  return contentHash(JSON.stringify([v.title, v.description, v.moduleId, settings]))
}

/**
 * Adds a version and makes it the one learners run. The caller has written the quiz row in this
 * transaction first (it holds the row's lock), so the next number is read after any other writer
 * committed: two publishes never share a number.
 */
export async function addQuizVersion(
  tx: Tx,
  quizId: string,
  content: VersionContent,
  { origin, createdById }: { origin: 'file' | 'editor'; createdById: string | null },
) {
  const last = await tx.quizVersion.findFirst({ where: { quizId }, orderBy: { number: 'desc' }, select: { number: true } })
  const version = await tx.quizVersion.create({
    data: { ...content, quizId, number: (last?.number ?? 0) + 1, contentHash: quizVersionHash(content), origin, createdById },
  })
  await tx.quiz.update({ where: { id: quizId }, data: { ...content, currentVersionId: version.id } })
  return version
}

function definitionOfVersion(v: VersionContent, moduleSlug: (id: string | null) => string | undefined): QuizDefinition {
  const settings = parseStored(StoredQuizSettingsSchema, v.settings, 'settings of a quiz version')
  return { title: v.title, description: v.description, module: moduleSlug(v.moduleId), ...settings }
}

async function moduleSlugs() {
  const modules = await db.module.findMany({ orderBy: { position: 'asc' }, select: { id: true, slug: true, title: true } })
  return { modules, slugOf: (id: string | null) => modules.find((m) => m.id === id)?.slug }
}

const STATUS = { published: 'published', draft: 'draft changes', edited: 'edited in the app', new: 'not published yet' } as const

/** The module quizzes for the trainers' list, with the modules that have none yet. */
export async function listQuizzesForTrainer() {
  const [quizzes, modules] = await Promise.all([
    db.quiz.findMany({
      where: { kind: 'module' },
      orderBy: [{ module: { position: 'asc' } }, { slug: 'asc' }],
      include: { module: { select: { slug: true, title: true } }, currentVersion: { select: { number: true, origin: true } } },
    }),
    db.module.findMany({ orderBy: { position: 'asc' }, select: { id: true, slug: true, title: true } }),
  ])
  return {
    quizzes: quizzes.map((q) => {
      const d = q.draft
        ? parseStored(StoredDraftSchema, q.draft, 'draft of a quiz')
        : { ...parseStored(StoredQuizSettingsSchema, q.settings, 'settings of a quiz'), title: q.title }
      return {
        slug: q.slug,
        title: d.title,
        module: q.module,
        scenarios: d.items.length,
        draw: d.draw ?? d.items.length,
        version: q.currentVersion?.number ?? null,
        statuses: [
          ...(q.currentVersion ? [STATUS.published] : [STATUS.new]),
          ...(q.currentVersion?.origin === 'editor' ? [STATUS.edited] : []),
          ...(q.draft ? [STATUS.draft] : []),
        ],
      }
    }),
    modulesWithoutQuiz: modules.filter((m) => !quizzes.some((q) => q.moduleId === m.id)).map(({ slug, title }) => ({ slug, title })),
  }
}

/** Creates the quiz of a module that has none, with a draft to fill in; returns its slug. */
export async function createQuiz(moduleSlug: string, userId: string) {
  const mod = await db.module.findUnique({ where: { slug: moduleSlug }, include: { quizzes: { select: { slug: true } } } })
  if (!mod) throw new QuizProblems([{ field: 'module', message: 'Choose one of the modules.' }])
  if (mod.quizzes.length > 0)
    throw new QuizProblems([{ field: 'module', message: `${mod.title} already has a quiz (${mod.quizzes[0]!.slug}).` }])
  const slug = (await db.quiz.findUnique({ where: { slug: mod.slug } })) ? `${mod.slug}-quiz` : mod.slug
  const draft: QuizDefinition = {
    title: `Quiz: ${mod.title}`.slice(0, 120),
    description: '',
    module: mod.slug,
    items: [],
    feedback: 'each',
    shuffleItems: true,
    maxAttempts: 3,
    cooldownHours: 1,
  }
  const { title, description, module: _module, ...settings } = draft
  await db.quiz.create({
    data: {
      slug,
      title,
      description,
      kind: 'module',
      moduleId: mod.id,
      settings: settingsText(settings),
      draft: JSON.stringify(draft),
      draftUpdatedAt: new Date(),
      draftUpdatedById: userId,
    },
  })
  return slug
}

async function authorNames(ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))]
  const users = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } })
  return new Map(users.map((u) => [u.id, u.name]))
}

async function findEditableQuiz(slug: string) {
  const quiz = await db.quiz.findUnique({
    where: { slug },
    include: {
      currentVersion: true,
      versions: { orderBy: { number: 'desc' } },
    },
  })
  // The practice quiz draws for each learner; it has nothing to pick.
  if (!quiz || quiz.kind !== 'module') throw notFound('Quiz')
  return quiz
}

/** A quiz as a trainer edits it: the draft if there is one, else the published version; with its versions. */
export async function getQuizForEditing(slug: string) {
  const quiz = await findEditableQuiz(slug)
  const { slugOf } = await moduleSlugs()
  const authors = await authorNames([quiz.draftUpdatedById, ...quiz.versions.map((v) => v.createdById)])
  const definition = quiz.draft
    ? parseStored(StoredDraftSchema, quiz.draft, 'draft of a quiz')
    : definitionOfVersion(quiz.currentVersion ?? quiz, slugOf)
  return {
    slug,
    definition,
    isDraft: quiz.draft !== null,
    draftUpdatedAt: quiz.draftUpdatedAt?.toISOString() ?? null,
    draftUpdatedBy: quiz.draftUpdatedById ? (authors.get(quiz.draftUpdatedById) ?? null) : null,
    revision: quiz.revision,
    currentVersion: quiz.currentVersion?.number ?? null,
    currentOrigin: (quiz.currentVersion?.origin ?? null) as 'file' | 'editor' | null,
    versions: quiz.versions.map((v) => ({
      number: v.number,
      title: v.title,
      origin: v.origin as 'file' | 'editor',
      createdAt: v.createdAt.toISOString(),
      author: v.createdById ? (authors.get(v.createdById) ?? null) : null,
      definition: definitionOfVersion(v, slugOf),
    })),
  }
}

/** The scenarios of the bank (published or not, for the checks) with what the picker shows. */
async function scenarioBank() {
  const [scenarios, competencies, quizzes] = await Promise.all([
    db.scenario.findMany({
      orderBy: { slug: 'asc' },
      select: { slug: true, currentVersion: { select: { title: true, type: true, competencies: true } } },
    }),
    listCompetencies(),
    db.quiz.findMany({
      where: { kind: 'module', currentVersionId: { not: null } },
      select: { settings: true, module: { select: { slug: true } } },
    }),
  ])
  const title = new Map(competencies.map((c) => [c.id, c.title]))
  const bank = new Map<string, BankScenario & { title: string; modules: string[] }>()
  for (const s of scenarios) {
    const v = s.currentVersion
    const ids = v ? parseStored(StoredWeightedListSchema, v.competencies, 'competencies of a scenario version').map((c) => c.id) : []
    bank.set(s.slug, {
      slug: s.slug,
      published: v !== null,
      title: v?.title ?? s.slug,
      type: v?.type ?? 'single',
      competencies: ids,
      modules: quizzes
        .filter((q) => q.module && parseStored(StoredQuizSettingsSchema, q.settings, 'settings of a quiz').items.includes(s.slug))
        .map((q) => q.module!.slug),
    })
  }
  return { bank, competencyTitle: (id: string) => title.get(id) ?? id }
}

/** The competencies each module's published lessons teach, in the framework's order. */
async function taughtByModule() {
  const [modules, competencies] = await Promise.all([
    db.module.findMany({
      orderBy: { position: 'asc' },
      select: { id: true, slug: true, title: true, lessons: { select: { currentVersion: { select: { competencies: true } } } } },
    }),
    listCompetencies(),
  ])
  return modules.map((m) => {
    const ids = new Set(m.lessons.flatMap((l) => (l.currentVersion ? lessonCompetencyIds(l.currentVersion.competencies) : [])))
    return { id: m.id, slug: m.slug, title: m.title, taught: competencies.filter((c) => ids.has(c.id)) }
  })
}

/** What the editor needs beside the quiz: the modules (with what their lessons teach) and the published bank. */
export async function quizEditorContext() {
  const [{ bank, competencyTitle }, modules] = await Promise.all([scenarioBank(), taughtByModule()])
  return {
    modules: modules.map(({ slug, title, taught }) => ({ slug, title, taught })),
    scenarios: [...bank.values()]
      .filter((s) => s.published)
      .map((s) => ({
        slug: s.slug,
        title: s.title,
        type: s.type,
        free: s.type === 'free-text',
        competencies: s.competencies.map(competencyTitle),
        competencyIds: s.competencies,
        modules: s.modules,
      })),
  }
}

/** Checks the fields against the bank and the modules; the definition and its warnings, or the problems. */
async function checkQuiz(slug: string, fields: QuizFields) {
  const [{ bank }, modules, quiz] = await Promise.all([
    scenarioBank(),
    taughtByModule(),
    db.quiz.findUnique({ where: { slug }, select: { id: true, kind: true } }),
  ])
  if (!quiz || quiz.kind !== 'module') throw notFound('Quiz')
  const problems = bankProblems(fields.items, bank)
  const mod = modules.find((m) => m.slug === fields.module)
  if (!mod) problems.push({ field: 'module', message: 'Choose one of the modules.' })
  else {
    const other = await db.quiz.findFirst({ where: { moduleId: mod.id, id: { not: quiz.id } }, select: { slug: true } })
    if (other) problems.push({ field: 'module', message: `${mod.title} already has a quiz (${other.slug}).` })
  }
  if (problems.length > 0) throw new QuizProblems(problems)
  return { quizId: quiz.id, module: mod!, definition: definitionFromFields(fields), warnings: quizWarnings(fields, bank, mod!.taught) }
}

/** The warnings for a definition (shown beside the editor; they never stop a publish). */
export async function warningsFor(definition: QuizDefinition) {
  const [{ bank }, modules] = await Promise.all([scenarioBank(), taughtByModule()])
  const taught = modules.find((m) => m.slug === definition.module)?.taught ?? []
  return quizWarnings({ items: definition.items, draw: definition.draw ?? definition.items.length }, bank, taught)
}

/** Thrown inside a transaction when the revision moved; the message is read after the rollback (the transaction holds the lock). */
class StaleRevision extends Error {}

async function conflict(slug: string) {
  const q = await db.quiz.findUniqueOrThrow({ where: { slug } })
  const by = q.draftUpdatedById ? (await db.user.findUnique({ where: { id: q.draftUpdatedById } }))?.name : null
  return new ConflictError(
    `Someone${by ? ` (${by})` : ''} saved this quiz while you were editing. Your changes were not saved: reload the page and apply them to the newer version.`,
  )
}

/** Saves a draft after the same checks as publishing, refusing when the quiz changed since `revision`. */
export async function saveQuizDraft(slug: string, fields: QuizFields, revision: number, userId: string) {
  const { definition, warnings } = await checkQuiz(slug, fields)
  const { count } = await db.quiz.updateMany({
    where: { slug, revision },
    data: { draft: JSON.stringify(definition), draftUpdatedAt: new Date(), draftUpdatedById: userId, revision: { increment: 1 } },
  })
  if (count === 0) throw await conflict(slug)
  return { warnings }
}

/** Publishes the fields as a new version learners' next attempts draw from; clears the draft. Open attempts keep their items. */
export async function publishQuiz(slug: string, fields: QuizFields, revision: number, userId: string) {
  const { quizId, module, definition, warnings } = await checkQuiz(slug, fields)
  const { title, description, module: _module, ...settings } = definition
  const number = await db
    .$transaction(async (tx) => {
      const { count } = await tx.quiz.updateMany({
        where: { id: quizId, revision },
        data: { draft: null, draftUpdatedAt: null, draftUpdatedById: null, revision: { increment: 1 } },
      })
      if (count === 0) throw new StaleRevision()
      const version = await addQuizVersion(
        tx,
        quizId,
        { title, description, moduleId: module.id, settings: settingsText(settings) },
        { origin: 'editor', createdById: userId },
      )
      await audit(tx, {
        actorId: userId,
        action: 'quiz.published',
        subject: `quiz:${slug}`,
        summary: `Published “${title}” as version ${version.number}: ${settings.items.length} scenario${settings.items.length === 1 ? '' : 's'}, ${settings.draw ?? settings.items.length} drawn per attempt`,
      })
      return version.number
    })
    .catch(async (error: unknown) => {
      throw error instanceof StaleRevision ? await conflict(slug) : error
    })
  return { number, warnings }
}

/** Drops the draft: the editor shows the published version again. */
export async function discardQuizDraft(slug: string, revision: number) {
  const quiz = await findEditableQuiz(slug)
  if (!quiz.currentVersionId) throw new DomainError(400, 'This quiz has not been published yet: there is no version to go back to.')
  const { count } = await db.quiz.updateMany({
    where: { slug, revision },
    data: { draft: null, draftUpdatedAt: null, draftUpdatedById: null, revision: { increment: 1 } },
  })
  if (count === 0) throw await conflict(slug)
}

/** Makes an earlier version the draft, to review and publish (or discard). */
export async function restoreQuizVersion(slug: string, number: number, revision: number, userId: string) {
  const quiz = await findEditableQuiz(slug)
  const version = quiz.versions.find((v) => v.number === number)
  if (!version) throw notFound('Version')
  const { slugOf } = await moduleSlugs()
  const definition = definitionOfVersion(version, slugOf)
  await db
    .$transaction(async (tx) => {
      const { count } = await tx.quiz.updateMany({
        where: { id: quiz.id, revision },
        data: { draft: JSON.stringify(definition), draftUpdatedAt: new Date(), draftUpdatedById: userId, revision: { increment: 1 } },
      })
      if (count === 0) throw new StaleRevision()
      await audit(tx, {
        actorId: userId,
        action: 'quiz.restored',
        subject: `quiz:${slug}`,
        summary: `Restored version ${number} of “${version.title}” as the draft`,
      })
    })
    .catch(async (error: unknown) => {
      throw error instanceof StaleRevision ? await conflict(slug) : error
    })
}

/** The versions of a quiz with what changed between `from` and `to`. */
export async function quizHistory(slug: string, from: number, to: number) {
  const quiz = await getQuizForEditing(slug)
  const a = quiz.versions.find((v) => v.number === from)
  const b = quiz.versions.find((v) => v.number === to)
  const { modules } = await moduleSlugs()
  const { bank } = await scenarioBank()
  const diff =
    a && b && from !== to
      ? diffQuizVersions(a.definition, b.definition, (s) => modules.find((m) => m.slug === s)?.title ?? s ?? 'none')
      : null
  const titleOf = (slug: string) => bank.get(slug)?.title ?? slug
  return {
    quiz,
    diff: diff && {
      ...diff,
      added: diff.added.map((s) => ({ slug: s, title: titleOf(s) })),
      removed: diff.removed.map((s) => ({ slug: s, title: titleOf(s) })),
    },
  }
}
