import { beforeAll, describe, expect, it } from 'vitest'
import * as gradeRoute from '~/routes/content.grading.$id'
import * as queueRoute from '~/routes/content.grading._index'
import * as attemptRoute from '~/routes/attempts.$id'
import * as quizRoute from '~/routes/quizzes.$slug'
import { syncContent } from '~/models/content.server'
import { countAwaitingGrade } from '~/models/grading.server'
import { listQuizzesForLearner } from '~/models/quiz.server'
import { isAwaitingGrade } from '~/domain/scenarios/grading'
import { readContentFiles, readShippedFramework } from '~/utils/content-files.server'
import { db } from '~/utils/db.server'
import { cookieFor, createPerson } from '../factories'
import { call, get, post } from '../setup/remix'

beforeAll(async () => {
  await syncContent(readContentFiles(), readShippedFramework())
})

/** Starts the probing quiz and answers only its free-text item; returns that item's id. */
async function answerFreeText(cookie: string) {
  const start = await call(quizRoute.action, post('/quizzes/04-probing', {}, cookie), { slug: '04-probing' })
  const id = start.headers.get('Location')!.split('/').pop()!
  const item = await db.attemptItem.findFirstOrThrow({ where: { attemptId: id, version: { type: 'free-text' } } })
  const sent = await call(
    attemptRoute.action,
    post(`/attempts/${id}`, { intent: 'answer', position: String(item.position), text: 'What is the meeting for?' }, cookie),
    { id },
  )
  expect(sent.status).toBeLessThan(400)
  return item.id
}

const fullGrade = { 'level.open-question': '2', 'level.aims-at-the-need': '1', 'level.reason': '0', comment: 'Mine' }

describe('grading one’s own answer', () => {
  it('is refused with 403 and a message, and one’s own answers are not in the queue', async () => {
    const trainer = await createPerson({ role: 'trainer' })
    const cookie = await cookieFor(trainer.id)
    const own = await answerFreeText(cookie)

    const graded = await call(gradeRoute.action, post(`/content/grading/${own}`, fullGrade, cookie), { id: own })
    expect(graded.status).toBe(403)
    expect(graded.body).toMatch(/cannot grade your own answer/)
    expect((await db.attemptItem.findUniqueOrThrow({ where: { id: own } })).gradedAt).toBeNull()

    const page = await call(gradeRoute.loader, get(`/content/grading/${own}`, cookie), { id: own })
    expect(page.status).toBe(403)

    const queue = (await call(queueRoute.loader, get('/content/grading', cookie))).body as Awaited<ReturnType<typeof queueRoute.loader>>
    expect(queue.waiting.map((w) => w.id)).not.toContain(own)

    // Another trainer sees it and may grade it.
    const other = await cookieFor((await createPerson({ role: 'trainer' })).id)
    const theirQueue = (await call(queueRoute.loader, get('/content/grading', other))).body as Awaited<ReturnType<typeof queueRoute.loader>>
    expect(theirQueue.waiting.map((w) => w.id)).toContain(own)
    expect((await call(gradeRoute.action, post(`/content/grading/${own}`, fullGrade, other), { id: own })).status).toBe(302)
  })
})

describe('an answer awaiting a grade', () => {
  /** The rule in memory over every stored item, against the query's count: they must agree. */
  async function inMemoryCount() {
    const rows = await db.attemptItem.findMany({ select: { answeredAt: true, gradedAt: true, version: { select: { type: true } } } })
    return rows.filter((r) => isAwaitingGrade({ ...r, type: r.version.type })).length
  }
  const awaitingReview = async (userId: string) =>
    (await listQuizzesForLearner(userId, new Date(), '04-probing'))[0]!.attempts.map((a) => a.awaitingReview)

  it('is one rule: the queue, the count, the learner’s summary and the in-memory check agree before and after a grade', async () => {
    const learner = await createPerson()
    const answered = await answerFreeText(await cookieFor(learner.id))
    const before = await countAwaitingGrade()
    expect(before).toBeGreaterThanOrEqual(1)
    expect(await inMemoryCount()).toBe(before)
    expect(await awaitingReview(learner.id)).toEqual([1])

    // A score without a grade (written by hand, or by an older version) still awaits a grade: the
    // rule is the grade, not the score, in the query and in memory alike.
    await db.attemptItem.update({ where: { id: answered }, data: { score: 0.5 } })
    expect(await countAwaitingGrade()).toBe(before)
    expect(await inMemoryCount()).toBe(before)
    expect(await awaitingReview(learner.id)).toEqual([1])

    const trainer = await cookieFor((await createPerson({ role: 'trainer' })).id)
    const queue = (await call(queueRoute.loader, get('/content/grading', trainer))).body as Awaited<ReturnType<typeof queueRoute.loader>>
    expect(queue.waiting.map((w) => w.id)).toContain(answered)
    expect((await call(gradeRoute.action, post(`/content/grading/${answered}`, fullGrade, trainer), { id: answered })).status).toBe(302)

    expect(await countAwaitingGrade()).toBe(before - 1)
    expect(await inMemoryCount()).toBe(before - 1)
    expect(await awaitingReview(learner.id)).toEqual([0])
    const after = (await call(queueRoute.loader, get('/content/grading', trainer))).body as Awaited<ReturnType<typeof queueRoute.loader>>
    expect(after.waiting.map((w) => w.id)).not.toContain(answered)
    expect(after.graded.map((w) => w.id)).toContain(answered)
  })
})
