import { readCurriculum, yamlPosition, type ContentFile, type ContentProblem } from '~/domain/content/curriculum'
import type { QuizDefinition } from '~/domain/scenarios/quiz'
import { scenarioStems } from '~/domain/scenarios/scenario'
import type { CompiledStems } from '~/models/compiled-content.server'
import { applyFramework, frameworkSource } from '~/models/framework.server'
import { PRACTICE_QUIZ } from '~/models/quiz.server'
import { addQuizVersion, quizVersionHash, settingsText } from '~/models/quiz-authoring.server'
import type { Framework } from '~/domain/content/framework'
import { forgetCached } from '~/utils/cache.server'
import { db } from '~/utils/db.server'
import { compileMdx, contentHash } from '~/utils/mdx.server'

export class ContentSyncError extends Error {
  constructor(public problems: ContentProblem[]) {
    super(
      `Content has ${problems.length} problem(s):\n${problems.map((p) => `  content/${p.path}:${p.line}:${p.column} ${p.message}`).join('\n')}`,
    )
  }
}

/** What a sync did; `paths` and `competencies` count what it created (after that they are edited in the app). */
export type SyncSummary = {
  competencies: number
  modules: number
  lessonsCreated: number
  versionsAdded: number
  unchanged: number
  paths: number
  scenariosCreated: number
  scenarioVersionsAdded: number
  scenariosUnchanged: number
  quizzes: number
  quizVersionsAdded: number
  quizzesUnchanged: number
  /** Quizzes edited in the app (published there, or with a draft), which the sync left as they are. */
  quizzesKept: string[]
}

/**
 * Brings the database in line with the shipped content, by slug and content hash: a new lesson is
 * created, a changed one gets a new version (earlier versions are kept, so earlier completions
 * still point at what was read), an unchanged one is left alone. Everything is checked and
 * compiled first; one broken file stops the sync before anything is written. Modules and lessons
 * get their order when created, and a path is created once: after that, the app's edits stand.
 * A quiz whose file changed gets a new version, unless trainers took it over in the app (published
 * it there, or have a draft): then it is kept as it is and listed in `quizzesKept`.
 */
export async function syncContent(files: ContentFile[], framework: Framework): Promise<SyncSummary> {
  const read = readCurriculum(files, framework)
  if (!read.ok) throw new ContentSyncError(read.problems)
  const { modules, paths, scenarios, quizzes } = read.curriculum
  const problems: ContentProblem[] = []
  // The compiled code is stored with each version, by file path.
  const lessonCode = new Map<string, string>()
  const scenarioCode = new Map<string, CompiledStems>()
  for (const lesson of modules.flatMap((m) => m.lessons)) {
    const compiled = await compileMdx(lesson.body, { lineOffset: lesson.lineOffset })
    if (compiled.ok) lessonCode.set(lesson.path, compiled.code)
    else problems.push(...compiled.problems.map((p) => ({ ...p, path: lesson.path })))
  }
  for (const scenario of scenarios) {
    const text = files.find((f) => f.path === scenario.path)!.text
    const stems: CompiledStems = {}
    for (const stem of scenarioStems(scenario.definition)) {
      const compiled = await compileMdx(stem.mdx)
      if (compiled.ok) stems[stem.key] = compiled.code
      else
        problems.push(
          ...compiled.problems.map((p) => ({
            path: scenario.path,
            ...yamlPosition(text, stem.field),
            message: `${stem.field}: ${p.message}`,
          })),
        )
    }
    scenarioCode.set(scenario.path, stems)
  }
  if (problems.length > 0) throw new ContentSyncError(problems)

  const synced = await db.$transaction(
    async (tx) => {
      const summary: SyncSummary = {
        competencies: 0,
        modules: 0,
        lessonsCreated: 0,
        versionsAdded: 0,
        unchanged: 0,
        paths: 0,
        scenariosCreated: 0,
        scenarioVersionsAdded: 0,
        scenariosUnchanged: 0,
        quizzes: 0,
        quizVersionsAdded: 0,
        quizzesUnchanged: 0,
        quizzesKept: [],
      }
      // The framework file is the first version; after that, admins edit it in the app.
      if ((await tx.frameworkVersion.count()) === 0)
        summary.competencies = (await applyFramework(tx, framework, frameworkSource(framework), null)).competencies
      const moduleIds = new Map<string, string>()
      for (const mod of modules) {
        // Order is set when a module or lesson is created; trainers may reorder them in the app after.
        const last = await tx.module.findFirst({ orderBy: { position: 'desc' } })
        const row = await tx.module.upsert({
          where: { slug: mod.slug },
          create: { slug: mod.slug, title: mod.title, summary: mod.summary, position: (last?.position ?? -1) + 1 },
          update: { title: mod.title, summary: mod.summary },
        })
        moduleIds.set(mod.slug, row.id)
        summary.modules++
        for (const lesson of mod.lessons) {
          const hash = contentHash(lesson.source)
          const version = {
            source: lesson.source,
            contentHash: hash,
            title: lesson.frontmatter.title,
            summary: lesson.frontmatter.summary,
            minutes: lesson.frontmatter.minutes,
            competencies: JSON.stringify(lesson.frontmatter.competencies),
            sources: JSON.stringify(lesson.frontmatter.sources),
            checks: JSON.stringify(lesson.checks),
            prompts: JSON.stringify(lesson.prompts),
            compiledCode: lessonCode.get(lesson.path)!,
            origin: 'file',
          }
          const existing = await tx.lesson.findUnique({
            where: { slug: lesson.slug },
            include: { versions: { orderBy: { number: 'desc' }, select: { number: true, contentHash: true, origin: true } } },
          })
          if (!existing) {
            const lastLesson = await tx.lesson.findFirst({ where: { moduleId: row.id }, orderBy: { position: 'desc' } })
            const created = await tx.lesson.create({
              data: { slug: lesson.slug, moduleId: row.id, position: (lastLesson?.position ?? -1) + 1 },
            })
            const v = await tx.lessonVersion.create({ data: { ...version, lessonId: created.id, number: 1 } })
            await tx.lesson.update({ where: { id: created.id }, data: { currentVersionId: v.id } })
            summary.lessonsCreated++
            continue
          }
          // Compare with the last version that came from a file, so edits published in the app
          // are not overwritten by a file that has not changed.
          const lastFromFile = existing.versions.find((v) => v.origin === 'file')
          if (lastFromFile?.contentHash === hash) {
            summary.unchanged++
            continue
          }
          const v = await tx.lessonVersion.create({
            data: { ...version, lessonId: existing.id, number: (existing.versions[0]?.number ?? 0) + 1 },
          })
          await tx.lesson.update({ where: { id: existing.id }, data: { currentVersionId: v.id } })
          summary.versionsAdded++
        }
      }
      for (const p of paths) {
        // A path is created from its file once; after that it is edited in the app.
        if (await tx.learningPath.findUnique({ where: { slug: p.id } })) continue
        const path = await tx.learningPath.create({ data: { slug: p.id, title: p.title, description: p.description ?? '' } })
        await tx.pathModule.createMany({
          data: p.modules.map((step, i) => ({
            pathId: path.id,
            moduleId: moduleIds.get(step.module)!,
            position: i,
            dueDays: step.dueDays,
          })),
        })
        summary.paths++
      }
      for (const sc of scenarios) {
        const definition = JSON.stringify(sc.definition)
        const version = {
          type: sc.definition.type,
          title: sc.definition.title,
          definition,
          competencies: JSON.stringify(sc.definition.competencies),
          contentHash: contentHash(definition),
          compiledStems: JSON.stringify(scenarioCode.get(sc.path)),
          origin: 'file',
        }
        const existing = await tx.scenario.findUnique({
          where: { slug: sc.slug },
          include: { versions: { orderBy: { number: 'desc' }, select: { number: true, contentHash: true, origin: true } } },
        })
        if (!existing) {
          const created = await tx.scenario.create({ data: { slug: sc.slug } })
          const v = await tx.scenarioVersion.create({ data: { ...version, scenarioId: created.id, number: 1 } })
          await tx.scenario.update({ where: { id: created.id }, data: { currentVersionId: v.id } })
          summary.scenariosCreated++
          continue
        }
        if (existing.versions.find((v) => v.origin === 'file')?.contentHash === version.contentHash) {
          summary.scenariosUnchanged++
          continue
        }
        const v = await tx.scenarioVersion.create({
          data: { ...version, scenarioId: existing.id, number: (existing.versions[0]?.number ?? 0) + 1 },
        })
        await tx.scenario.update({ where: { id: existing.id }, data: { currentVersionId: v.id } })
        summary.scenarioVersionsAdded++
      }
      for (const q of [...quizzes, PRACTICE_QUIZ]) {
        const { title, description, module, ...settings }: QuizDefinition = q.definition
        const content = { title, description, moduleId: module ? (moduleIds.get(module) ?? null) : null, settings: settingsText(settings) }
        summary.quizzes++
        const existing = await tx.quiz.findUnique({
          where: { slug: q.slug },
          include: { currentVersion: { select: { origin: true } }, versions: { orderBy: { number: 'desc' } } },
        })
        if (!existing) {
          const created = await tx.quiz.create({ data: { slug: q.slug, kind: q === PRACTICE_QUIZ ? 'practice' : 'module', ...content } })
          await addQuizVersion(tx, created.id, content, { origin: 'file', createdById: null })
          summary.quizVersionsAdded++
          continue
        }
        // A quiz assembled in the app (published there, or with a draft) is the trainers' now: the file does not overwrite it.
        if (existing.draft !== null || existing.currentVersion?.origin === 'editor') {
          summary.quizzesKept.push(q.slug)
          continue
        }
        const lastFromFile = existing.versions.find((v) => v.origin === 'file')
        if (lastFromFile && quizVersionHash(lastFromFile) === quizVersionHash(content)) {
          summary.quizzesUnchanged++
          continue
        }
        // The write to the quiz row comes first: it holds the row while the version number is read.
        await tx.quiz.update({ where: { id: existing.id }, data: { revision: { increment: 1 } } })
        await addQuizVersion(tx, existing.id, content, { origin: 'file', createdById: null })
        summary.quizVersionsAdded++
      }
      return summary
    },
    { timeout: 60_000, maxWait: 30_000 },
  )
  forgetCached()
  return synced
}
