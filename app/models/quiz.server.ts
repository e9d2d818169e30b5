import { DomainError, notFound } from '~/domain/errors'
import {
  canStartAttempt,
  drawItems,
  fitsRoles,
  OptionOrderSchema,
  permutation,
  practiceDraw,
  StoredQuizSettingsSchema,
  type QuizDefinition,
} from '~/domain/scenarios/quiz'
import { StoredScenarioSchema, StoredWeightedListSchema, type ItemType, type ScenarioDefinition } from '~/domain/scenarios/scenario'
import {
  advanceConversation,
  bestResponse,
  checkResponse,
  currentNode,
  decisions,
  InvalidAnswer,
  ItemResponseSchema,
  RubricGradeSchema,
  scoreResponse,
  type ItemResponse,
  type Scored,
} from '~/domain/scenarios/scoring'
import { evidenceBasis, writeEvidence, type EvidenceInput } from '~/models/readiness.server'
import { refreshCertificatesAfterReadiness } from '~/models/certificates.server'
import { indicesOf, nodeGroup, publicResponse } from '~/domain/scenarios/option-ids'
import { isAwaitingGrade } from '~/domain/scenarios/grading'
import type { ItemView } from '~/domain/scenarios/item-view'
import { Prisma, type AttemptItem, type QuizAttempt, type ScenarioVersion } from '~/generated/sqlite/client'
import { randomInt } from 'node:crypto'
import { db } from '~/utils/db.server'
import { sql } from '~/utils/sql.server'
import { storedStemCode } from '~/models/compiled-content.server'
import { attemptItemOptionIds } from '~/utils/option-ids.server'
import { getTimeZone } from '~/models/organisation.server'
import { formatDateTime } from '~/domain/calendar/dates'
import { lessonCompetencyIds, parseStored, parseStoredOrNull } from '~/utils/stored-json.server'
import { StoredCompetencyIdsSchema } from '~/domain/content/lesson'

/** The practice quiz: each attempt draws five scenarios for the learner's weakest competencies. */
export const PRACTICE_QUIZ = {
  slug: 'practice',
  definition: {
    title: 'Practice',
    description: 'Five scenarios for the competencies where you have the least evidence or the lowest scores so far.',
    items: [],
    draw: 5,
    feedback: 'each',
    shuffleItems: true,
    cooldownHours: 0,
  } satisfies QuizDefinition,
}

/** A request that cannot be carried out as sent; the message is for the learner (400, or 409 for a conflict). */
export class QuizInputError extends DomainError {
  declare readonly status: 400 | 409
  constructor(message: string, status: 400 | 409 = 400) {
    super(status, message)
  }
}

const settingsOf = (quiz: { settings: string }) => parseStored(StoredQuizSettingsSchema, quiz.settings, 'settings of a quiz')
const definitionOf = (version: { definition: string }) =>
  parseStored(StoredScenarioSchema, version.definition, 'definition of a scenario version')

/** Mean score per competency from a learner's scored answers (quiz items and lesson Checks). */
export async function competencyStrengths(userId: string) {
  const [items, checks] = await Promise.all([
    db.attemptItem.findMany({
      where: { attempt: { userId }, score: { not: null } },
      select: { score: true, version: { select: { competencies: true } } },
    }),
    db.checkAnswer.findMany({ where: { userId }, select: { score: true, version: { select: { competencies: true } } } }),
  ])
  const sums = new Map<string, { total: number; count: number }>()
  const add = (id: string, score: number) => {
    const s = sums.get(id) ?? { total: 0, count: 0 }
    sums.set(id, { total: s.total + score, count: s.count + 1 })
  }
  for (const i of items)
    for (const c of parseStored(StoredWeightedListSchema, i.version.competencies, 'competencies of a scenario version')) add(c.id, i.score!)
  for (const c of checks) for (const id of lessonCompetencyIds(c.version.competencies)) add(id, c.score)
  return new Map([...sums].map(([id, s]) => [id, { mean: s.total / s.count, count: s.count }]))
}

/** What an attempt's summary reads of each item: answered, scored, and awaiting a grade. */
const ITEM_GRADING_STATE = { answeredAt: true, score: true, gradedAt: true, version: { select: { type: true } } } as const

function attemptSummary(a: {
  id: string
  number: number
  status: string
  startedAt: Date
  submittedAt: Date | null
  score: number | null
  items: { answeredAt: Date | null; score: number | null; gradedAt: Date | null; version: { type: string } }[]
}) {
  return {
    id: a.id,
    number: a.number,
    status: a.status as 'open' | 'submitted',
    startedAt: a.startedAt.toISOString(),
    submittedAt: a.submittedAt?.toISOString() ?? null,
    score: a.score,
    answered: a.items.filter((i) => i.answeredAt).length,
    total: a.items.length,
    awaitingReview: a.items.filter((i) => isAwaitingGrade({ ...i, type: i.version.type })).length,
  }
}

/** The quizzes a learner can take, with their attempts, best score and whether a new attempt may start. */
export async function listQuizzesForLearner(userId: string, now = new Date(), slug?: string) {
  // A quiz created in the app is not offered until it is first published.
  const quizzes = await db.quiz.findMany({
    where: { currentVersionId: { not: null }, ...(slug ? { slug } : {}) },
    orderBy: [{ module: { position: 'asc' } }, { slug: 'asc' }],
    include: {
      module: { select: { slug: true, title: true } },
      attempts: { where: { userId }, orderBy: { number: 'asc' }, include: { items: { select: ITEM_GRADING_STATE } } },
    },
  })
  return quizzes
    .map((q) => {
      const settings = settingsOf(q)
      const attempts = q.attempts.map(attemptSummary)
      const scores = attempts.flatMap((a) => (a.status === 'submitted' && a.score !== null ? [a.score] : []))
      return {
        slug: q.slug,
        title: q.title,
        description: q.description,
        kind: q.kind as 'module' | 'practice',
        module: q.module,
        items: settings.draw ?? settings.items.length,
        drawn: q.kind === 'practice' || (settings.draw !== undefined && settings.draw < settings.items.length),
        feedback: settings.feedback,
        maxAttempts: settings.maxAttempts ?? null,
        cooldownHours: settings.cooldownHours,
        attempts,
        best: scores.length > 0 ? Math.max(...scores) : null,
        open: attempts.find((a) => a.status === 'open') ?? null,
        start: canStartAttempt(
          settings,
          q.attempts.map((a) => ({ status: a.status as 'open' | 'submitted', submittedAt: a.submittedAt })),
          now,
        ),
      }
    })
    .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'practice' ? 1 : -1))
}

export async function getQuizForLearner(userId: string, slug: string, now = new Date()) {
  const [quiz] = await listQuizzesForLearner(userId, now, slug)
  if (!quiz) throw notFound('Quiz')
  return quiz
}

// Display orders come from the operating system's generator: Math.random's state can be
// recovered from enough of its outputs.
const cryptoRandom = () => randomInt(2 ** 47) / 2 ** 47

/** The order an attempt shows an item's options in: shuffled, per node for a conversation. */
export function optionOrderFor(s: ScenarioDefinition, random: () => number = cryptoRandom) {
  if (s.type === 'branching') return Object.fromEntries(s.nodes.map((n) => [n.id, permutation(n.choices.length, random)]))
  return permutation(s.options.length, random)
}

/**
 * Starts an attempt, or returns the learner's open one (resume). Refused while the retake policy
 * says no. Items are drawn and their options shuffled now, and kept with the attempt.
 */
export async function startAttempt(userId: string, slug: string, now = new Date()): Promise<string> {
  const quiz = await db.quiz.findUnique({
    where: { slug },
    include: { attempts: { where: { userId }, select: { id: true, status: true, submittedAt: true } } },
  })
  if (!quiz || quiz.currentVersionId === null) throw notFound('Quiz')
  const open = quiz.attempts.find((a) => a.status === 'open')
  if (open) return open.id
  const settings = settingsOf(quiz)
  const decision = canStartAttempt(
    settings,
    quiz.attempts.map((a) => ({ status: a.status as 'open' | 'submitted', submittedAt: a.submittedAt })),
    now,
  )
  if (!decision.canStart)
    throw new QuizInputError(
      decision.reason + (decision.availableAt ? ` It opens at ${formatDateTime(decision.availableAt, await getTimeZone())}.` : ''),
      409,
    )

  const published = await db.scenario.findMany({
    where: { currentVersionId: { not: null }, ...(quiz.kind === 'practice' ? {} : { slug: { in: settings.items } }) },
    select: { slug: true, currentVersion: { select: { id: true, definition: true, competencies: true } } },
  })
  const bank = published.map((s) => ({
    slug: s.slug,
    versionId: s.currentVersion!.id,
    definition: definitionOf(s.currentVersion!),
    competencies: parseStored(StoredWeightedListSchema, s.currentVersion!.competencies, 'competencies of a scenario version'),
  }))
  // A partial draw prefers scenarios tagged for the work of the learner's teams.
  const roles = (await db.membership.findMany({ where: { userId }, select: { team: { select: { workRole: true } } } })).flatMap((m) =>
    m.team.workRole ? [m.team.workRole] : [],
  )
  const fits = (d: (typeof bank)[number]) => fitsRoles(d.definition.roles, roles)
  let drawn: typeof bank
  let focus: string[] = []
  if (quiz.kind === 'practice') {
    const order = (await db.competency.findMany({ where: { archivedAt: null }, orderBy: { position: 'asc' }, select: { id: true } })).map(
      (c) => c.id,
    )
    ;({ items: drawn, focus } = practiceDraw(bank, await competencyStrengths(userId), order, settings.draw ?? 5, Math.random, fits))
  } else {
    // Keep the quiz's own order when it does not shuffle.
    const inOrder = settings.items.flatMap((slug) => bank.filter((b) => b.slug === slug))
    drawn = drawItems(inOrder, settings, Math.random, fits)
  }
  if (drawn.length === 0) throw new QuizInputError('This quiz has no published scenarios yet.')

  try {
    const attempt = await db.quizAttempt.create({
      data: {
        quizId: quiz.id,
        userId,
        number: quiz.attempts.length + 1,
        feedback: settings.feedback,
        focus: JSON.stringify(focus),
        items: {
          create: drawn.map((d, position) => ({
            position,
            versionId: d.versionId,
            optionOrder: JSON.stringify(optionOrderFor(d.definition)),
          })),
        },
      },
    })
    return attempt.id
  } catch (error) {
    // Two starts raced (double click, two tabs): the other one created the attempt.
    const other = await db.quizAttempt.findFirst({ where: { quizId: quiz.id, userId, status: 'open' } })
    if (other) return other.id
    throw error
  }
}

async function ownAttempt(userId: string, attemptId: string) {
  // The owner is part of the query: someone else's attempt is simply not found.
  const attempt = await db.quizAttempt.findFirst({
    where: { id: attemptId, userId },
    include: {
      quiz: { select: { slug: true, title: true, kind: true } },
      items: { orderBy: { position: 'asc' }, include: { version: true } },
    },
  })
  if (!attempt) throw notFound('Attempt')
  return attempt
}

type AttemptRow = Awaited<ReturnType<typeof ownAttempt>>
type ItemRow = AttemptRow['items'][number]

/**
 * One item as the learner sees it. Scores, explanations, the best answer and the nodes not yet
 * reached stay on the server unless `reveal` (the item is answered and feedback is due). Options
 * are named by ids of this attempt item (app/utils/option-ids.server.ts), never by their index in
 * the content, and a conversation's turns by their number, not their node's id.
 */
export async function itemView(item: ItemRow, reveal: boolean, graderNames: Map<string, string> = new Map()): Promise<ItemView> {
  const s = definitionOf(item.version)
  const stored = parseStoredOrNull(ItemResponseSchema, item.response, 'answer of an attempt item')
  const ids = attemptItemOptionIds(item.id)
  const optionId = (index: number) => ids.id('', index)
  const answered = item.answeredAt !== null
  const show = reveal && answered
  const order = parseStored(OptionOrderSchema, item.optionOrder, 'option order of an attempt item')
  const base = {
    id: item.id,
    position: item.position,
    type: s.type as ItemType,
    title: s.title,
    // Compiled at publish and stored with the version: a learner's request never compiles.
    stem: storedStemCode(item.version, 'stem'),
    answered,
    response: stored ? publicResponse(stored, ids) : null,
    score: show ? item.score : null,
    redFlag: show ? item.redFlag : false,
  }
  const options = Array.isArray(order) ? order.map((index) => ({ id: optionId(index), text: s.options[index]!.text })) : []
  if (s.type === 'branching') {
    const path = stored?.type === 'branching' ? stored.path : []
    const at = currentNode(s, path)
    const steps = [...path.map((p) => ({ node: p.node, chosen: p.choice as number | null })), ...(at ? [{ node: at, chosen: null }] : [])]
    const turns = steps.map(({ node: nodeId, chosen }, turn) => {
      const node = s.nodes.find((n) => n.id === nodeId)!
      const nodeOrder = (order as Record<string, number[]>)[nodeId] ?? node.choices.map((_, i) => i)
      const choice = chosen === null ? null : node.choices[chosen]!
      const choiceId = (index: number) => ids.id(nodeGroup(nodeId), index)
      return {
        turn,
        stem: storedStemCode(item.version, `node:${nodeId}`),
        choices: nodeOrder.map((index) => ({ id: choiceId(index), text: node.choices[index]!.text })),
        chosen: chosen === null ? null : choiceId(chosen),
        // Per-turn feedback only for a choice already made, and only when feedback is due.
        feedback: choice && reveal ? { score: choice.score ?? 0, explanation: choice.explanation, redFlag: choice.redFlag } : null,
      }
    })
    const best = show ? bestResponse(s) : null
    return {
      ...base,
      options,
      turns,
      review:
        show && best?.type === 'branching'
          ? {
              kind: 'conversation' as const,
              best: best.path.map((p) => {
                const node = s.nodes.find((n) => n.id === p.node)!
                return { node: p.node, choice: node.choices[p.choice]!.text, explanation: node.choices[p.choice]!.explanation }
              }),
              nodes: s.nodes.map((n) => ({
                id: n.id,
                choices: n.choices.map((c, i) => ({
                  id: ids.id(nodeGroup(n.id), i),
                  text: c.text,
                  score: c.score ?? 0,
                  explanation: c.explanation,
                  redFlag: c.redFlag,
                  next: c.next ?? null,
                })),
              })),
            }
          : null,
    }
  }
  if (s.type === 'free-text') {
    const grade = parseStoredOrNull(RubricGradeSchema, item.grade, 'grade of an answer')
    return {
      ...base,
      options,
      turns: [],
      review: show
        ? {
            kind: 'free-text' as const,
            status: isAwaitingGrade({ type: s.type, answeredAt: item.answeredAt, gradedAt: item.gradedAt })
              ? ('awaiting' as const)
              : ('graded' as const),
            modelAnswer: item.gradedAt ? s.modelAnswer : null,
            criteria:
              item.gradedAt && grade
                ? s.rubric.map((c) => ({
                    title: c.title,
                    level: c.levels[grade[c.id]!]!.label,
                    score: c.levels[grade[c.id]!]!.score,
                    of: c.levels.length,
                  }))
                : [],
            comment: item.comment,
            gradedBy: item.gradedById ? (graderNames.get(item.gradedById) ?? null) : null,
          }
        : null,
    }
  }
  const best = show ? bestResponse(s) : null
  return {
    ...base,
    options,
    turns: [],
    review: show
      ? {
          kind: 'options' as const,
          best: best ? publicResponse(best, ids) : null,
          // In the content's order: for a ranking, that is the best order.
          options: s.options.map((o, index) => ({
            id: optionId(index),
            text: o.text,
            score: o.score ?? null,
            explanation: o.explanation,
            redFlag: o.redFlag,
          })),
        }
      : null,
  }
}

/**
 * An attempt for its owner: progress, the item asked for (or the first unanswered one) and, once
 * submitted, the review of every item.
 */
export async function getAttemptForLearner(userId: string, attemptId: string, requested: number | null) {
  const attempt = await ownAttempt(userId, attemptId)
  return attemptView(attempt, requested)
}

async function attemptView(attempt: AttemptRow, requested: number | null) {
  const submitted = attempt.status === 'submitted'
  const reveal = submitted || attempt.feedback === 'each'
  const graderIds = [...new Set(attempt.items.flatMap((i) => (i.gradedById ? [i.gradedById] : [])))]
  const graders = new Map(
    (await db.user.findMany({ where: { id: { in: graderIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]),
  )
  const focusIds = parseStored(StoredCompetencyIdsSchema, attempt.focus, 'focus of a practice attempt')
  const focus =
    focusIds.length > 0
      ? (await db.competency.findMany({ where: { id: { in: focusIds } }, orderBy: { position: 'asc' }, select: { title: true } })).map(
          (c) => c.title,
        )
      : []
  const firstOpen = attempt.items.find((i) => !i.answeredAt)
  const current = submitted ? null : (attempt.items.find((i) => i.position === requested) ?? firstOpen ?? null)
  return {
    attempt: {
      id: attempt.id,
      quiz: attempt.quiz,
      number: attempt.number,
      status: attempt.status as 'open' | 'submitted',
      feedback: attempt.feedback as 'each' | 'end',
      focus,
      startedAt: attempt.startedAt.toISOString(),
      submittedAt: attempt.submittedAt?.toISOString() ?? null,
      score: attempt.score,
    },
    progress: attempt.items.map((i) => ({
      position: i.position,
      title: i.version.title,
      answered: i.answeredAt !== null,
      started: i.response !== null,
    })),
    current: current ? await itemView(current, reveal, graders) : null,
    nextOpen: firstOpen && firstOpen.position !== current?.position ? firstOpen.position : null,
    review: submitted ? await Promise.all(attempt.items.map((i) => itemView(i, true, graders))) : null,
  }
}

/**
 * A submission as parsed from the form; which fields matter depends on the item's type. Options
 * are the ids the page showed; a conversation's reply says which turn (0, 1, ...) it answers.
 */
export type Submission = { option: string[]; order: string[]; turn?: number; text?: string }

function toResponse(s: ScenarioDefinition, itemId: string, sub: Submission): ItemResponse {
  const ids = attemptItemOptionIds(itemId)
  const indices = (submitted: string[], message: string) => {
    const found = indicesOf(ids, '', submitted, s.options.length)
    if (!found) throw new InvalidAnswer(message)
    return found
  }
  const type = s.type
  switch (type) {
    case 'single':
      if (sub.option.length !== 1) throw new InvalidAnswer('Choose one answer.')
      return { type, option: indices(sub.option, 'That option is not one of this item’s options. Reload the page and answer again.')[0]! }
    case 'multiple':
      return {
        type,
        options: indices(sub.option, 'One of the chosen options is not one of this item’s options. Reload the page and answer again.'),
      }
    case 'ranking':
      return { type, order: indices(sub.order, 'One of the ranked responses is not one of this item’s. Reload the page and answer again.') }
    case 'free-text':
      return { type, text: sub.text ?? '' }
    case 'branching':
      throw new Error('unreachable')
  }
}

const sameResponse = (a: ItemResponse | null, b: ItemResponse) => a !== null && JSON.stringify(a) === JSON.stringify(b)

/**
 * Records the learner's answer to one item of their open attempt, once. A repeat of the same
 * answer (retry, double click, second tab) changes nothing; a different answer to an item already
 * answered is refused (409). Anything that does not fit the attempt or the item is a 400 with a
 * message, and nothing is written. A conversation is answered one turn at a time.
 */
export async function answerItem(
  userId: string,
  attemptId: string,
  position: number,
  sub: Submission,
): Promise<{ ended: boolean; feedback: 'each' | 'end' }> {
  for (let tries = 0; tries < 5; tries++) {
    // The attempt (the owner is part of the query), the item and its version in one statement: the
    // busiest write path of the app (see the README's benchmark).
    const [item] = await sql.query<
      Pick<AttemptItem, 'id' | 'response' | 'answeredAt'> & Pick<QuizAttempt, 'status' | 'feedback'> & Pick<ScenarioVersion, 'definition'>
    >(Prisma.sql`
      SELECT i.id, i.response, i."answeredAt", a.status, a.feedback, v.definition
      FROM "AttemptItem" i JOIN "QuizAttempt" a ON a.id = i."attemptId" JOIN "ScenarioVersion" v ON v.id = i."versionId"
      WHERE i."attemptId" = ${attemptId} AND i.position = ${position} AND a."userId" = ${userId}`)
    if (!item) {
      const attempt = await db.quizAttempt.findFirst({ where: { id: attemptId, userId }, select: { id: true } })
      throw attempt ? new QuizInputError('That item is not part of this attempt.') : new Response('Attempt not found', { status: 404 })
    }
    if (item.status !== 'open') throw new QuizInputError('This attempt has been submitted; its answers can no longer change.')
    const feedback = item.feedback as 'each' | 'end'
    const s = definitionOf(item)
    const previous = parseStoredOrNull(ItemResponseSchema, item.response, 'answer of an attempt item')
    let next: ItemResponse
    let ended = true
    try {
      if (s.type === 'branching') {
        const path = previous?.type === 'branching' ? previous.path : []
        if (sub.turn === undefined) throw new InvalidAnswer('Say which turn of the conversation this answers.')
        if (sub.option.length !== 1) throw new InvalidAnswer('Choose one reply.')
        const ids = attemptItemOptionIds(item.id)
        const done = path[sub.turn]
        if (done) {
          const node = s.nodes.find((n) => n.id === done.node)!
          if (ids.index(nodeGroup(done.node), sub.option[0]!, node.choices.length) === done.choice)
            return { ended: item.answeredAt !== null, feedback }
          throw new QuizInputError('You already replied at this point of the conversation; your first reply stands.', 409)
        }
        const at = currentNode(s, path)
        if (at === null) throw new InvalidAnswer('This conversation has already ended.')
        if (sub.turn !== path.length) throw new InvalidAnswer('That turn is not the one the conversation is at.')
        const node = s.nodes.find((n) => n.id === at)!
        const choice = ids.index(nodeGroup(at), sub.option[0]!, node.choices.length)
        if (choice === null) throw new InvalidAnswer('That reply is not one of this turn’s replies. Reload the page and answer again.')
        const step = advanceConversation(s, path, at, choice)
        next = { type: 'branching', path: step.path }
        ended = step.ended
      } else {
        next = checkResponse(s, toResponse(s, item.id, sub))
        if (item.answeredAt) {
          if (sameResponse(previous, next)) return { ended: true, feedback }
          throw new QuizInputError('You already answered this item; your first answer stands.', 409)
        }
      }
    } catch (error) {
      if (error instanceof InvalidAnswer) throw new QuizInputError(error.message)
      throw error
    }
    const scored = ended ? scoreResponse(s, next) : null
    const answeredAt = new Date()
    const evidence = scored ? answerEvidence(item.id, s, 'quiz', next, scored, answeredAt) : []
    const basis = await evidenceBasis(db, evidence)
    // Compare-and-set on the previous answer: of two racing submissions, one writes, the other re-reads.
    // The answer and the readiness evidence it gives commit together.
    const count = await sql.transaction(async (tx) => {
      const count = await tx.execute(Prisma.sql`
        UPDATE "AttemptItem" SET response = ${JSON.stringify(next)}${scored ? Prisma.sql`, "answeredAt" = ${answeredAt}, score = ${scored.score}, "redFlag" = ${scored.redFlag}` : Prisma.empty}
        WHERE id = ${item.id} AND "answeredAt" IS NULL AND ${item.response === null ? Prisma.sql`response IS NULL` : Prisma.sql`response = ${item.response}`}
          AND EXISTS (SELECT 1 FROM "QuizAttempt" a WHERE a.id = "AttemptItem"."attemptId" AND a.status = 'open')`)
      if (count === 1) await writeEvidence(tx, userId, evidence, basis, answeredAt)
      return count
    })
    if (count === 1) return { ended, feedback }
    // Someone else wrote first (or the attempt was submitted): read again.
  }
  throw new QuizInputError('This item is being answered in another window; reload the page.', 409)
}

/**
 * The evidence one scored answer gives: per decision (one, or each turn of a conversation), one event
 * per competency it tests, at the competency's weight. A turn's events name the item and the turn.
 */
export function answerEvidence(
  itemId: string,
  s: ScenarioDefinition,
  kind: 'quiz' | 'grade',
  response: ItemResponse,
  scored: Scored,
  at: Date,
): EvidenceInput[] {
  return decisions(s, response, scored).flatMap((d) =>
    d.competencies.map((c) => ({
      competencyId: c.id,
      kind,
      score: d.score,
      weight: c.weight,
      redFlag: d.redFlag,
      occurredAt: at,
      sourceId: evidenceSource(itemId, d.node),
    })),
  )
}

/** The Evidence.sourceId of an answer's decision: the item's id, and `#node` for a conversation turn. */
export const evidenceSource = (itemId: string, node: string | null) => (node === null ? itemId : `${itemId}#${node}`)
/** The answer (AttemptItem id) an Evidence.sourceId of kind quiz or grade comes from. */
export const evidenceItemId = (sourceId: string) => sourceId.split('#')[0]!

/** The mean of the scored items (free-text answers count once graded); null when none is scored yet. */
export function attemptScore(items: { score: number | null }[]) {
  const scored = items.flatMap((i) => (i.score === null ? [] : [i.score]))
  return scored.length === 0 ? null : Math.round((scored.reduce((a, b) => a + b, 0) / scored.length) * 1e6) / 1e6
}

/** Submits the owner's attempt once every item is answered; submitting again changes nothing. */
export async function submitAttempt(userId: string, attemptId: string) {
  const attempt = await db.quizAttempt.findFirst({
    where: { id: attemptId, userId },
    include: { items: { select: { answeredAt: true, score: true } } },
  })
  if (!attempt) throw notFound('Attempt')
  if (attempt.status === 'submitted') return
  const left = attempt.items.filter((i) => !i.answeredAt).length
  if (left > 0) throw new QuizInputError(`Answer every item before submitting: ${left} ${left === 1 ? 'is' : 'are'} left.`)
  await db.quizAttempt.updateMany({
    where: { id: attemptId, status: 'open' },
    data: { status: 'submitted', submittedAt: new Date(), score: attemptScore(attempt.items) },
  })
  // The attempt's answers moved readiness as they were given; a certificate it earned is granted now.
  await refreshCertificatesAfterReadiness(userId)
}

/** An attempt as a leader (or admin) replays it: the review of every item, for someone they may see. */
export async function getAttemptForReplay(personId: string, attemptId: string) {
  const attempt = await db.quizAttempt.findFirst({
    where: { id: attemptId, userId: personId, status: 'submitted' },
    include: {
      quiz: { select: { slug: true, title: true, kind: true } },
      items: { orderBy: { position: 'asc' }, include: { version: true } },
    },
  })
  if (!attempt) throw notFound('Attempt')
  return attemptView(attempt, null)
}

/** A person's submitted attempts, newest first (for their page). */
export async function listSubmittedAttempts(personId: string) {
  const attempts = await db.quizAttempt.findMany({
    where: { userId: personId, status: 'submitted' },
    orderBy: { submittedAt: 'desc' },
    include: { quiz: { select: { title: true } }, items: { select: ITEM_GRADING_STATE } },
  })
  return attempts.map((a) => ({ ...attemptSummary(a), quiz: a.quiz.title }))
}
