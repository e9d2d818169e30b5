import { forbidden, notFound } from '~/domain/errors'
import { StoredScenarioSchema } from '~/domain/scenarios/scenario'
import { InvalidAnswer, ItemResponseSchema, RubricGradeSchema, scoreRubric, type RubricGrade } from '~/domain/scenarios/scoring'
import { answerEvidence, attemptScore, QuizInputError } from '~/models/quiz.server'
import { recomputeFromEvidence, recordEvidence } from '~/models/readiness.server'
import { refreshCertificatesAfterReadiness } from '~/models/certificates.server'
import { nameOf } from '~/domain/audit/summary'
import { audit } from '~/models/audit.server'
import { db, type Prisma } from '~/utils/db.server'
import { storedStemCode } from '~/models/compiled-content.server'
import { CorruptStoredValueError, parseStored, parseStoredOrNull } from '~/utils/stored-json.server'

const freeText = { answeredAt: { not: null }, version: { type: 'free-text' } } as const
/** Answered free-text items with no grade yet: isAwaitingGrade (app/domain/scenarios/grading.ts) as a query. */
export const awaitingGrade = { ...freeText, gradedAt: null } as const satisfies Prisma.AttemptItemWhereInput

/** Nobody grades their own answer: a grade is evidence about the learner, given by someone else. */
const OWN_ANSWER = 'You cannot grade your own answer; another trainer grades it.'

/** The text of a stored free-text answer (only free-text answers are graded). */
function freeTextAnswer(response: string | null) {
  const answer = parseStoredOrNull(ItemResponseSchema, response, 'answer of an attempt item')
  if (answer?.type !== 'free-text') throw new CorruptStoredValueError('answer of an attempt item', 'not a free-text answer')
  return answer.text
}

/** Free-text answers awaiting a grade (oldest first), and the latest graded ones; never the viewer's own. */
export async function gradingQueue(viewerId: string) {
  const notOwn = { attempt: { userId: { not: viewerId } } }
  const include = {
    attempt: { select: { user: { select: { id: true, name: true } }, quiz: { select: { title: true } } } },
    version: { select: { title: true } },
  } as const
  const [waiting, graded] = await Promise.all([
    db.attemptItem.findMany({ where: { ...awaitingGrade, ...notOwn }, orderBy: { answeredAt: 'asc' }, take: 200, include }),
    db.attemptItem.findMany({
      where: { ...freeText, ...notOwn, gradedAt: { not: null } },
      orderBy: { gradedAt: 'desc' },
      take: 10,
      include,
    }),
  ])
  const row = (i: (typeof waiting)[number]) => ({
    id: i.id,
    learner: i.attempt.user.name,
    quiz: i.attempt.quiz.title,
    scenario: i.version.title,
    answeredAt: i.answeredAt!.toISOString(),
    gradedAt: i.gradedAt?.toISOString() ?? null,
    score: i.score,
  })
  return { waiting: waiting.map(row), graded: graded.map(row) }
}

/** How many answers await a grade, whoever gave them (the trainers' scenario list shows it). */
export function countAwaitingGrade() {
  return db.attemptItem.count({ where: awaitingGrade })
}

/** One free-text answer with the scenario, its rubric and any grade already given (403 for the viewer's own). */
export async function getAnswerForGrading(itemId: string, viewerId: string) {
  const item = await db.attemptItem.findFirst({
    where: { id: itemId, ...freeText },
    include: { version: true, attempt: { select: { userId: true, user: { select: { name: true } }, quiz: { select: { title: true } } } } },
  })
  if (!item) throw notFound('Answer')
  if (item.attempt.userId === viewerId) throw forbidden(OWN_ANSWER)
  const s = parseStored(StoredScenarioSchema, item.version.definition, 'definition of a scenario version')
  return {
    id: item.id,
    learner: item.attempt.user.name,
    quiz: item.attempt.quiz.title,
    title: s.title,
    version: item.version.number,
    stem: storedStemCode(item.version, 'stem'),
    answer: freeTextAnswer(item.response),
    answeredAt: item.answeredAt!.toISOString(),
    rubric: s.rubric,
    modelAnswer: s.modelAnswer,
    grade: parseStoredOrNull(RubricGradeSchema, item.grade, 'grade of an answer'),
    comment: item.comment ?? '',
    gradedAt: item.gradedAt?.toISOString() ?? null,
  }
}

/**
 * Grades a free-text answer against its rubric (every criterion needs a level) with a comment for
 * the learner; the answer's score and, for a submitted attempt, the attempt's score follow. A
 * grade may be revised; the latest stands.
 */
export async function gradeAnswer(itemId: string, grade: RubricGrade, comment: string, graderId: string) {
  const item = await db.attemptItem.findFirst({
    where: { id: itemId, ...freeText },
    include: { version: { select: { definition: true } }, attempt: { select: { userId: true } } },
  })
  if (!item) throw notFound('Answer')
  if (item.attempt.userId === graderId) throw forbidden(OWN_ANSWER)
  const s = parseStored(StoredScenarioSchema, item.version.definition, 'definition of a scenario version')
  let score: number
  try {
    score = scoreRubric(s.rubric, grade)
  } catch (error) {
    if (error instanceof InvalidAnswer) throw new QuizInputError(error.message)
    throw error
  }
  const unknown = Object.keys(grade).filter((k) => !s.rubric.some((c) => c.id === k))
  if (unknown.length > 0) throw new QuizInputError(`The rubric has no criterion called "${unknown[0]}".`)
  await db.$transaction(async (tx) => {
    const gradedAt = new Date()
    await tx.attemptItem.update({
      where: { id: itemId },
      data: { grade: JSON.stringify(grade), comment: comment || null, score, gradedById: graderId, gradedAt },
    })
    const attempt = await tx.quizAttempt.findUniqueOrThrow({
      where: { id: item.attemptId },
      include: { items: { select: { score: true } } },
    })
    if (attempt.status === 'submitted')
      await tx.quizAttempt.update({ where: { id: attempt.id }, data: { score: attemptScore(attempt.items) } })
    // The grade is readiness evidence; a revised grade replaces the earlier one.
    const revised = await tx.evidence.deleteMany({ where: { kind: 'grade', sourceId: itemId } })
    await recordEvidence(
      tx,
      attempt.userId,
      answerEvidence(
        itemId,
        s,
        'grade',
        parseStored(ItemResponseSchema, item.response!, 'answer of an attempt item'),
        { score, redFlag: false },
        gradedAt,
      ),
    )
    if (revised.count > 0)
      await recomputeFromEvidence(
        tx,
        attempt.userId,
        s.competencies.map((c) => c.id),
      )
    await audit(tx, {
      actorId: graderId,
      action: 'answer.graded',
      subject: `answer:${itemId}`,
      summary: `${revised.count > 0 ? 'Regraded' : 'Graded'} ${nameOf(attempt.userId)}’s answer to “${s.title}”: ${Math.round(score * 100)}%`,
    })
  })
  await refreshCertificatesAfterReadiness(item.attempt.userId)
  return score
}
