// A believable history for the demo organisation: each employee reads lessons since their start
// date, answers the Checks, takes module quizzes (some free-text answers graded, some awaiting a
// grade), and is seen on the job by their leader now and then. Everything goes through the same
// evidence path as real use, dated when it happened; a few long-serving people have older
// evidence that has decayed, so refreshers are due. Deterministic: the same picture every time.
import type { CheckDefinition } from '~/domain/content/interactions'
import { drawItems, type QuizDefinition } from '~/domain/scenarios/quiz'
import type { ScenarioDefinition } from '~/domain/scenarios/scenario'
import { scoreResponse, type ItemResponse } from '~/domain/scenarios/scoring'
import { answerEvidence, attemptScore, optionOrderFor } from '~/models/quiz.server'
import { OBSERVATION_SCORES, WEEK_MS } from '~/domain/readiness/model'
import { EVIDENCE_WEIGHT, rebuildReadiness, recordEvidence, writeSnapshot } from '~/models/readiness.server'
import { db, type Tx } from '~/utils/db.server'

const DAY = 86_400_000

function rng(seed: string) {
  let h = 2166136261
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619) >>> 0
  return () => {
    h = (Math.imul(h, 1664525) + 1013904223) >>> 0
    return h / 2 ** 32
  }
}

/** Picks an option index: the best with probability `skill`, otherwise one of the others. */
function pick(scores: number[], skill: number, random: () => number) {
  const best = scores.indexOf(Math.max(...scores))
  if (random() < skill) return best
  // When not the best, people mostly pick a half-right option rather than the harmful one.
  const others = scores.map((_, i) => i).filter((i) => i !== best)
  const weights = others.map((i) => scores[i]! + 0.12)
  let r = random() * weights.reduce((a, b) => a + b, 0)
  for (const [k, i] of others.entries()) {
    r -= weights[k]!
    if (r <= 0) return i
  }
  return others[others.length - 1]!
}

function simulate(s: ScenarioDefinition, skill: number, random: () => number): ItemResponse {
  switch (s.type) {
    case 'single':
      return {
        type: 'single',
        option: pick(
          s.options.map((o) => o.score ?? 0),
          skill,
          random,
        ),
      }
    case 'multiple': {
      const options = s.options.flatMap((o, i) => ((o.score === 1 ? random() < skill : random() > skill + 0.2) ? [i] : []))
      return { type: 'multiple', options: options.length > 0 ? options : [0] }
    }
    case 'ranking': {
      const order = s.options.map((_, i) => i)
      const swaps = Math.round((1 - skill) * 4)
      for (let k = 0; k < swaps; k++) {
        const i = Math.floor(random() * (order.length - 1))
        ;[order[i], order[i + 1]] = [order[i + 1]!, order[i]!]
      }
      return { type: 'ranking', order }
    }
    case 'branching': {
      const path: { node: string; choice: number }[] = []
      let node: string | undefined = s.nodes[0]!.id
      while (node) {
        const n = s.nodes.find((x) => x.id === node)!
        const choice = pick(
          n.choices.map((c) => c.score ?? 0),
          skill,
          random,
        )
        path.push({ node, choice })
        node = n.choices[choice]!.next
      }
      return { type: 'branching', path }
    }
    case 'free-text':
      return {
        type: 'free-text',
        text: skill > 0.7 ? 'What is it for, and who will be there? Then I can suggest what fits best.' : 'Do you want it or not?',
      }
  }
}

type Published = { currentVersion: { id: string; definition: string } | null }

/** A submitted attempt, dated `at`: each item answered as someone with that skill would; free text graded when `grade` says so. */
async function submittedAttempt(
  tx: Tx,
  input: {
    quizId: string
    userId: string
    number: number
    feedback: string
    focus?: string[]
    at: Date
    items: Published[]
    skill: (def: ScenarioDefinition) => number
    graded: boolean
    graderId?: string
  },
  random: () => number,
  counted: (def: ScenarioDefinition) => void,
) {
  const { at } = input
  const attempt = await tx.quizAttempt.create({
    data: {
      quizId: input.quizId,
      userId: input.userId,
      number: input.number,
      feedback: input.feedback,
      status: 'submitted',
      startedAt: at,
      submittedAt: at,
      focus: JSON.stringify(input.focus ?? []),
    },
  })
  const scores: { score: number | null }[] = []
  for (const [position, sc] of input.items.entries()) {
    const def = JSON.parse(sc.currentVersion!.definition) as ScenarioDefinition
    const skill = input.skill(def)
    const response = simulate(def, skill, random)
    const grade =
      def.type === 'free-text' && input.graded
        ? Object.fromEntries(def.rubric.map((c) => [c.id, skill > 0.7 ? c.levels.length - 1 : Math.floor(random() * c.levels.length)]))
        : null
    const { score, redFlag } = scoreResponse(def, response, grade)
    const item = await tx.attemptItem.create({
      data: {
        attemptId: attempt.id,
        position,
        versionId: sc.currentVersion!.id,
        optionOrder: JSON.stringify(optionOrderFor(def, random)),
        response: JSON.stringify(response),
        answeredAt: at,
        score,
        redFlag,
        ...(grade
          ? {
              grade: JSON.stringify(grade),
              comment: skill > 0.7 ? 'A good open question that goes to the need.' : 'Try an open question about what it is for.',
              gradedById: input.graderId,
              gradedAt: at,
            }
          : {}),
      },
    })
    scores.push({ score })
    counted(def)
    if (score !== null)
      await recordEvidence(tx, input.userId, answerEvidence(item.id, def, grade ? 'grade' : 'quiz', response, { score, redFlag }, at), at)
  }
  await tx.quizAttempt.update({ where: { id: attempt.id }, data: { score: attemptScore(scores) } })
}

export async function seedDemoActivity(now = new Date()) {
  if ((await db.quizAttempt.count()) > 0 || (await db.evidence.count()) > 0) return { skipped: true as const }
  const learners = await db.user.findMany({
    where: { role: 'learner' },
    include: {
      memberships: { include: { team: { include: { leaders: true } } } },
      assignments: { include: { path: { include: { modules: { orderBy: { position: 'asc' }, include: { module: true } } } } } },
    },
    orderBy: { email: 'asc' },
  })
  const trainer = await db.user.findFirst({ where: { role: 'trainer' } })
  const lessons = await db.lesson.findMany({ where: { currentVersionId: { not: null } }, include: { currentVersion: true } })
  const quizzes = await db.quiz.findMany({ where: { kind: 'module' } })
  const scenarios = await db.scenario.findMany({ where: { currentVersionId: { not: null } }, include: { currentVersion: true } })
  const competencies = (await db.competency.findMany({ orderBy: { position: 'asc' } })).map((c) => c.id)
  let attempts = 0

  for (const [index, person] of learners.entries()) {
    const random = rng(person.email)
    // Skill: most people good and improving; a few struggle; one long-serving person every few.
    const base = 0.6 + random() * 0.38
    const skillFor = new Map(competencies.map((c) => [c, Math.min(0.98, Math.max(0.15, base + (random() - 0.5) * 0.35))]))
    // Practice draws for the competencies with the least evidence, as the real practice quiz does.
    const evidenceCount = new Map(competencies.map((c) => [c, 0]))
    const counted = (def: ScenarioDefinition) =>
      def.competencies.forEach((c) => evidenceCount.set(c.id, (evidenceCount.get(c.id) ?? 0) + 1))
    const longServing = index % 9 === 4
    const start = longServing ? new Date(now.getTime() - 420 * DAY) : (person.startDate ?? now)
    // Pace: how many days a module takes them; some fall behind their due dates.
    const pace = index % 7 === 3 ? 12 : 3 + Math.floor(random() * 3)
    const assignment = person.assignments[0]
    if (!assignment) continue
    const leaderId = person.memberships[0]?.team.leaders[0]?.userId

    for (const [m, pm] of assignment.path.modules.entries()) {
      const finished = new Date(start.getTime() + (m + 1) * pace * DAY)
      if (finished > now) break
      const moduleLessons = lessons.filter((l) => l.moduleId === pm.moduleId).sort((a, b) => a.position - b.position)
      for (const [li, lesson] of moduleLessons.entries()) {
        const at = new Date(finished.getTime() - (moduleLessons.length - li) * DAY * 0.7)
        const version = lesson.currentVersion!
        const lessonCompetencies = JSON.parse(version.competencies) as string[]
        const skill = skillFor.get(lessonCompetencies[0]!) ?? base
        await db.$transaction(async (tx) => {
          await tx.lessonProgress.upsert({
            where: { userId_lessonId: { userId: person.id, lessonId: lesson.id } },
            create: {
              userId: person.id,
              lessonId: lesson.id,
              versionId: version.id,
              position: 1,
              secondsSpent: version.minutes * 60,
              startedAt: at,
              completedAt: at,
            },
            update: {},
          })
          for (const check of JSON.parse(version.checks) as CheckDefinition[]) {
            const option = pick(
              check.options.map((o) => (o.correct ? 1 : 0)),
              skill,
              random,
            )
            const answer = await tx.checkAnswer.create({
              data: {
                userId: person.id,
                versionId: version.id,
                key: check.key,
                optionIndex: option,
                score: check.options[option]!.correct ? 1 : 0,
                createdAt: at,
              },
            })
            await recordEvidence(
              tx,
              person.id,
              lessonCompetencies.map((competencyId) => ({
                competencyId,
                kind: 'check' as const,
                score: answer.score,
                weight: EVIDENCE_WEIGHT.check,
                occurredAt: at,
                sourceId: answer.id,
              })),
              at,
            )
          }
          await recordEvidence(
            tx,
            person.id,
            lessonCompetencies.map((competencyId) => ({
              competencyId,
              kind: 'lesson' as const,
              score: null,
              weight: 0,
              occurredAt: at,
              sourceId: `${person.id}:${lesson.id}`,
            })),
            at,
          )
        })
      }
      // The module quiz, a day after the module, and once more for some who scored low.
      const quiz = quizzes.find((q) => q.moduleId === pm.moduleId)
      if (!quiz) continue
      const settings = JSON.parse(quiz.settings) as QuizDefinition
      const tries = base < 0.6 ? 2 : 1
      for (let t = 0; t < tries; t++) {
        const at = new Date(finished.getTime() + (1 + t * 3) * DAY)
        if (at > now) break
        const items = drawItems(
          settings.items.flatMap((slug) => scenarios.filter((s) => s.slug === slug)),
          settings,
          random,
        )
        await db.$transaction((tx) =>
          submittedAttempt(
            tx,
            {
              quizId: quiz.id,
              userId: person.id,
              number: t + 1,
              feedback: settings.feedback,
              at,
              items,
              skill: (def) => Math.min(0.98, (skillFor.get(def.competencies[0]!.id) ?? base) + t * 0.1),
              graded: at.getTime() < now.getTime() - 2 * DAY,
              graderId: trainer?.id,
            },
            random,
            counted,
          ),
        )
        attempts++
      }
      // Now and then their leader records what they saw.
      if (leaderId && random() < 0.45) {
        const competencyId = competencies[Math.floor(random() * competencies.length)]!
        const at = new Date(Math.min(now.getTime() - DAY, finished.getTime() + 2 * DAY))
        const rating = Math.min(3, Math.max(0, Math.round((skillFor.get(competencyId) ?? base) * 3 + (random() - 0.5))))
        await db.$transaction(async (tx) => {
          const o = await tx.observation.create({
            data: {
              userId: person.id,
              observerId: leaderId,
              competencyId,
              rating,
              note: [
                'Handled a difficult check-in calmly.',
                'Asked the second question without prompting.',
                'Called a guest back with an answer.',
                'Passed a complaint on instead of owning it.',
              ][rating === 0 ? 3 : Math.floor(random() * 3)]!,
              observedAt: at,
              createdAt: at,
            },
          })
          await recordEvidence(
            tx,
            person.id,
            [
              {
                competencyId,
                kind: 'observation',
                score: OBSERVATION_SCORES[rating]!,
                weight: EVIDENCE_WEIGHT.observation,
                occurredAt: at,
                sourceId: o.id,
              },
            ],
            at,
          )
        })
      }
    }
    // A practice set most weeks, for what they are weakest at; they get better as they go.
    const practice = await db.quiz.findUniqueOrThrow({ where: { slug: 'practice' } })
    let number = 0
    for (let at = new Date(start.getTime() + 10 * DAY); at < now; at = new Date(at.getTime() + (5 + Math.floor(random() * 6)) * DAY)) {
      if (random() < 0.25) continue
      const weakest = [...evidenceCount]
        .sort((a, b) => a[1] - b[1])
        .slice(0, 3)
        .map(([c]) => c)
      const pool = scenarios.filter(
        (sc) =>
          (JSON.parse(sc.currentVersion!.competencies) as { id: string }[]).some((c) => weakest.includes(c.id)) &&
          sc.currentVersion!.type !== 'free-text',
      )
      const items = drawItems(pool, { draw: 5, shuffleItems: true }, random)
      await db.$transaction((tx) =>
        submittedAttempt(
          tx,
          {
            quizId: practice.id,
            userId: person.id,
            number: ++number,
            feedback: 'each',
            focus: weakest,
            at,
            items,
            skill: (def) => skillFor.get(def.competencies[0]!.id) ?? base,
            graded: false,
          },
          random,
          counted,
        ),
      )
      attempts++
      for (const c of weakest) skillFor.set(c, Math.min(0.98, skillFor.get(c)! + 0.06))
    }
    // Due dates were counted from the assignment's start; long-serving people started long ago.
    if (longServing) await db.pathAssignment.update({ where: { id: assignment.id }, data: { startDate: start } })
  }
  // Apply today's decay (refreshers for long-serving people), and the weekly trend.
  await rebuildReadiness(now)
  for (let w = 10; w >= 0; w--) await writeSnapshot(new Date(now.getTime() - w * WEEK_MS))
  return { skipped: false as const, attempts }
}
