import { DomainError, notFound } from '~/domain/errors'
import { CheckDefinitionsSchema, checkFeedback, ReflectionPromptsSchema, scoreCheck } from '~/domain/content/interactions'
import { creditedSeconds, dueDate, dueDay, moduleStatus, percentDone, type LessonState } from '~/domain/content/onboarding'
import { cached } from '~/utils/cache.server'
import { Prisma, type CheckAnswer, type LessonProgress, type LessonVersion, type ReflectionAnswer } from '~/generated/sqlite/client'
import { db, type Tx } from '~/utils/db.server'
import { inBatches, sql } from '~/utils/sql.server'
import { refreshCertificatesAfterReadiness } from '~/models/certificates.server'
import { EVIDENCE_WEIGHT, recordEvidence, refreshReadinessOf } from '~/models/readiness.server'
import { storedLessonCode } from '~/models/compiled-content.server'
import { getTimeZone } from '~/models/organisation.server'
import { checkOptionIds } from '~/utils/option-ids.server'
import { lessonCompetencyIds, parseStored } from '~/utils/stored-json.server'
import { StoredSourcesSchema } from '~/domain/content/lesson'

export const DEFAULT_PATH_SLUG = 'onboarding'

/**
 * Assigns the default onboarding path (when it exists) to people, each counting from their start
 * date; someone who has it already keeps their assignment. A file of people takes one insert.
 */
export async function assignDefaultPath(client: Tx | typeof db, people: { userId: string; startDate: Date }[]) {
  const path = await client.learningPath.findUnique({ where: { slug: DEFAULT_PATH_SLUG }, select: { id: true } })
  if (!path || people.length === 0) return
  for (const batch of inBatches(people, 1)) {
    const assigned = await client.pathAssignment.findMany({
      where: { pathId: path.id, userId: { in: batch.map((p) => p.userId) } },
      select: { userId: true },
    })
    const has = new Set(assigned.map((a) => a.userId))
    await client.pathAssignment.createMany({
      data: batch.filter((p) => !has.has(p.userId)).map((p) => ({ pathId: path.id, userId: p.userId, startDate: p.startDate })),
    })
  }
  await refreshReadinessOf(
    client,
    people.map((p) => p.userId),
  )
}

/** A learner's assigned paths: modules with due dates and status, lessons with their state, and what to do next. */
export async function getOnboarding(userId: string, now = new Date()) {
  const assignments = await db.pathAssignment.findMany({
    where: { userId },
    orderBy: { createdAt: 'asc' },
    include: {
      path: {
        include: {
          modules: {
            orderBy: { position: 'asc' },
            include: {
              module: {
                include: {
                  lessons: {
                    where: { currentVersionId: { not: null } },
                    orderBy: { position: 'asc' },
                    include: { currentVersion: { select: { title: true, minutes: true, summary: true } } },
                  },
                },
              },
            },
          },
        },
      },
    },
  })
  const [progress, quizzes, zone] = await Promise.all([
    db.lessonProgress.findMany({ where: { userId }, select: { lessonId: true, completedAt: true } }),
    db.quiz.findMany({
      where: { kind: 'module', moduleId: { not: null }, currentVersionId: { not: null } },
      select: { slug: true, title: true, moduleId: true, attempts: { where: { userId }, select: { status: true, score: true } } },
    }),
    getTimeZone(),
  ])
  const quizOf = (moduleId: string) => {
    const q = quizzes.find((x) => x.moduleId === moduleId)
    if (!q) return null
    const scores = q.attempts.flatMap((a) => (a.status === 'submitted' && a.score !== null ? [a.score] : []))
    return {
      slug: q.slug,
      title: q.title,
      best: scores.length > 0 ? Math.max(...scores) : null,
      inProgress: q.attempts.some((a) => a.status === 'open'),
    }
  }
  const completed = new Map(progress.map((p) => [p.lessonId, p.completedAt !== null]))
  const stateOf = (lessonId: string): LessonState =>
    !completed.has(lessonId) ? 'not-started' : completed.get(lessonId) ? 'done' : 'in-progress'
  return assignments.map((a) => {
    const modules = a.path.modules.map((pm) => {
      const lessons = pm.module.lessons.map((l) => ({
        slug: l.slug,
        title: l.currentVersion!.title,
        summary: l.currentVersion!.summary,
        minutes: l.currentVersion!.minutes,
        state: stateOf(l.id),
      }))
      const due = dueDate(a.startDate, pm.dueDays, zone)
      return {
        slug: pm.module.slug,
        title: pm.module.title,
        summary: pm.module.summary,
        due: due.toISOString(),
        dueDay: dueDay(a.startDate, pm.dueDays, zone),
        status: moduleStatus(
          lessons.map((l) => l.state),
          due,
          now,
        ),
        lessons,
        quiz: quizOf(pm.module.id),
      }
    })
    const all = modules.flatMap((m) => m.lessons)
    const next = all.find((l) => l.state === 'in-progress') ?? all.find((l) => l.state === 'not-started') ?? null
    return {
      path: { slug: a.path.slug, title: a.path.title, description: a.path.description },
      startDate: a.startDate.toISOString(),
      percent: percentDone(all.map((l) => l.state)),
      done: all.filter((l) => l.state === 'done').length,
      total: all.length,
      overdue: modules.filter((m) => m.status === 'overdue').length,
      next,
      modules,
    }
  })
}

// Published lessons as learners read them: a process cache (utils/cache.server).
const publishedLesson = cached((slug: string) => db.lesson.findUnique({ where: { slug }, include: { currentVersion: true, module: true } }))

async function currentLesson(slug: string) {
  const lesson = await publishedLesson(slug)
  if (!lesson?.currentVersion) throw notFound('Lesson')
  return { ...lesson, currentVersion: lesson.currentVersion }
}

/** Everything the lesson player needs for one learner: compiled lesson, saved answers, progress, neighbours. */
export async function getLessonForLearner(userId: string, slug: string) {
  const lesson = await currentLesson(slug)
  const version = lesson.currentVersion
  // Compiled at publish and stored with the version: a learner's request never compiles.
  const code = storedLessonCode(version)
  const checks = parseStored(CheckDefinitionsSchema, version.checks, 'Checks of a lesson version')
  const ids = checkOptionIds(userId, version.id)
  // The learner's own state, read on every lesson visit: three statements straight to the driver
  // (app/utils/sql.server.ts), 0.3 ms against 3.2 ms through the Prisma client (decision 004).
  const [[progress], reflections, answers, siblings] = await Promise.all([
    sql.query<Pick<LessonProgress, 'position' | 'secondsSpent' | 'completedAt'> & Pick<LessonVersion, 'number'>>(Prisma.sql`
      SELECT p.position, p."secondsSpent", p."completedAt", v.number FROM "LessonProgress" p JOIN "LessonVersion" v ON v.id = p."versionId"
      WHERE p."userId" = ${userId} AND p."lessonId" = ${lesson.id}`),
    sql.query<Pick<ReflectionAnswer, 'key' | 'text'>>(
      Prisma.sql`SELECT "key", text FROM "ReflectionAnswer" WHERE "userId" = ${userId} AND "lessonId" = ${lesson.id}`,
    ),
    sql.query<Pick<CheckAnswer, 'key' | 'optionIndex'>>(
      Prisma.sql`SELECT "key", "optionIndex" FROM "CheckAnswer" WHERE "userId" = ${userId} AND "versionId" = ${version.id}`,
    ),
    orderedLessons(null),
  ])
  const index = siblings.findIndex((s) => s.slug === slug)
  return {
    lesson: {
      slug,
      moduleTitle: lesson.module.title,
      title: version.title,
      summary: version.summary,
      minutes: version.minutes,
      version: version.number,
      sources: parseStored(StoredSourcesSchema, version.sources, 'sources of a lesson version'),
      code,
    },
    progress: progress
      ? {
          position: progress.position,
          secondsSpent: progress.secondsSpent,
          completedAt: progress.completedAt?.toISOString() ?? null,
          completedVersion: progress.completedAt ? progress.number : null,
        }
      : null,
    reflections: Object.fromEntries(reflections.map((r) => [r.key, r.text])),
    // Feedback only for the Checks already answered: the answers to the others stay on the server.
    checks: Object.fromEntries(
      answers.map((a) => [
        a.key,
        checkFeedback(
          checks.find((c) => c.key === a.key)!,
          a.optionIndex,
        ),
      ]),
    ),
    // What each option of each Check is called in this learner's page (see answerCheck).
    optionIds: Object.fromEntries(checks.map((c) => [c.key, c.options.map((_, i) => ids.id(c.key, i))])),
    previous: index > 0 ? siblings[index - 1]! : null,
    next: index >= 0 && index < siblings.length - 1 ? siblings[index + 1]! : null,
  }
}

/** Published lessons in course order (module, then lesson): a process cache. */
const orderedLessons = cached(async () => {
  const lessons = await db.lesson.findMany({
    where: { currentVersionId: { not: null } },
    orderBy: [{ module: { position: 'asc' } }, { position: 'asc' }],
    select: { slug: true, currentVersion: { select: { title: true } } },
  })
  return lessons.map((l) => ({ slug: l.slug, title: l.currentVersion!.title }))
})

export class LearningInputError extends DomainError {
  constructor(message: string) {
    super(400, message)
  }
}

/**
 * Records an answer to a Check of the current version, once: a repeat (retry, double click, second
 * tab) returns the recorded answer. An option or check that is not in the lesson is refused.
 */
export async function answerCheck(userId: string, slug: string, key: string, optionId: string) {
  const { currentVersion: version, id: lessonId } = await currentLesson(slug)
  const check = parseStored(CheckDefinitionsSchema, version.checks, 'Checks of a lesson version').find((c) => c.key === key)
  if (!check) throw new LearningInputError(`This lesson has no check called "${key}".`)
  // The id is this learner's name for the option in this version of the lesson; a page from before
  // a new version was published names none of the new one's options.
  const optionIndex = checkOptionIds(userId, version.id).index(key, optionId, check.options.length)
  const score = optionIndex === null ? null : scoreCheck(check, optionIndex)
  if (optionIndex === null || score === null)
    throw new LearningInputError(
      `That answer is not one of this check's ${check.options.length} options. Reload the lesson and answer again.`,
    )
  const where = { userId_versionId_key: { userId, versionId: version.id, key } }
  let recorded = await db.checkAnswer.findUnique({ where })
  if (!recorded) {
    try {
      recorded = await db.$transaction(async (tx) => {
        const answer = await tx.checkAnswer.create({ data: { userId, versionId: version.id, key, optionIndex, score } })
        await tx.lessonProgress.upsert({
          where: { userId_lessonId: { userId, lessonId } },
          create: { userId, lessonId, versionId: version.id },
          update: {},
        })
        const competencies = lessonCompetencyIds(version.competencies)
        await recordEvidence(
          tx,
          userId,
          competencies.map((competencyId) => ({
            competencyId,
            kind: 'check',
            score,
            weight: EVIDENCE_WEIGHT.check,
            occurredAt: answer.createdAt,
            sourceId: answer.id,
          })),
        )
        return answer
      })
    } catch (error) {
      // Two submissions raced and the other one was recorded: report that one.
      recorded = await db.checkAnswer.findUnique({ where })
      if (!recorded) throw error
    }
    await refreshCertificatesAfterReadiness(userId)
  }
  return checkFeedback(check, recorded.optionIndex)
}

/** Saves (or replaces) the learner's answer to a Reflection of the lesson. */
export async function saveReflection(userId: string, slug: string, key: string, text: string) {
  const { currentVersion: version, id: lessonId } = await currentLesson(slug)
  const prompt = parseStored(ReflectionPromptsSchema, version.prompts, 'Reflection prompts of a lesson version').find((p) => p.key === key)
  if (!prompt) throw new LearningInputError(`This lesson has no reflection called "${key}".`)
  await db.$transaction([
    db.reflectionAnswer.upsert({
      where: { userId_lessonId_key: { userId, lessonId, key } },
      create: { userId, lessonId, versionId: version.id, key, prompt: prompt.prompt, text },
      update: { text, versionId: version.id, prompt: prompt.prompt },
    }),
    db.lessonProgress.upsert({
      where: { userId_lessonId: { userId, lessonId } },
      create: { userId, lessonId, versionId: version.id },
      update: {},
    }),
  ])
}

/** Records reading position and time; `complete` marks the lesson done against the version read now. */
export async function recordProgress(userId: string, slug: string, input: { position: number; seconds: number; complete?: boolean }) {
  const { currentVersion: version, id: lessonId } = await currentLesson(slug)
  const seconds = creditedSeconds(input.seconds)
  const position = Math.min(1, Math.max(0, input.position))
  const existing = await db.lessonProgress.findUnique({ where: { userId_lessonId: { userId, lessonId } } })
  const completedAt = input.complete ? new Date() : null
  const completing = completedAt !== null && !existing?.completedAt
  await db.$transaction(async (tx) => {
    await tx.lessonProgress.upsert({
      where: { userId_lessonId: { userId, lessonId } },
      create: { userId, lessonId, versionId: version.id, position, secondsSpent: seconds, completedAt },
      update: {
        position,
        secondsSpent: { increment: seconds },
        // A completion points at the version that was read; reading a newer version later does not move it.
        ...(existing?.completedAt ? {} : { versionId: version.id, ...(completedAt ? { completedAt } : {}) }),
      },
    })
    // A completed lesson is exposure, not mastery: it counts towards "required lessons done".
    if (completing) {
      const competencies = lessonCompetencyIds(version.competencies)
      await recordEvidence(
        tx,
        userId,
        competencies.map((competencyId) => ({
          competencyId,
          kind: 'lesson',
          score: null,
          weight: 0,
          occurredAt: completedAt,
          sourceId: `${userId}:${lessonId}`,
        })),
      )
    }
  })
  // The lessons a competency requires count towards ready, so a completion can earn a certificate.
  if (completing) await refreshCertificatesAfterReadiness(userId)
}
