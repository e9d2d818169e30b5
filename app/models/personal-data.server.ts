// A person's data: everything stored about them as JSON (their right of access), and erasure for
// departing employees. Erasure keeps their quiz answers, anonymised, so item statistics stay true.
import { grantedOf } from '~/models/certificates.server'
import { DomainError, notFound } from '~/domain/errors'
import { emailOf, nameOf } from '~/domain/audit/summary'
import { PanelScoresSchema } from '~/domain/scenarios/panel'
import { ItemResponseSchema, RubricGradeSchema } from '~/domain/scenarios/scoring'
import { audit } from '~/models/audit.server'
import { db } from '~/utils/db.server'
import { invalidateUserSessions } from '~/utils/session.server'
import { parseStored, parseStoredOrNull } from '~/utils/stored-json.server'

/** Everything stored about one person, as plain JSON. */
export async function exportPersonalData(userId: string) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      status: true,
      startDate: true,
      createdAt: true,
      updatedAt: true,
      deactivatedAt: true,
      lastReminderAt: true,
      ssoSubject: true,
    },
  })
  if (!user) throw notFound('Person')
  const [
    memberships,
    leads,
    assignments,
    progress,
    reflections,
    checks,
    attempts,
    evidence,
    estimates,
    observations,
    observationsMade,
    sessions,
    mails,
    panelScores,
    certificates,
  ] = await Promise.all([
    db.membership.findMany({ where: { userId }, select: { createdAt: true, team: { select: { name: true } } } }),
    db.teamLeader.findMany({ where: { userId }, select: { team: { select: { name: true } } } }),
    db.pathAssignment.findMany({ where: { userId }, select: { startDate: true, path: { select: { title: true } } } }),
    db.lessonProgress.findMany({
      where: { userId },
      select: {
        position: true,
        secondsSpent: true,
        startedAt: true,
        completedAt: true,
        lesson: { select: { slug: true } },
        version: { select: { number: true } },
      },
    }),
    db.reflectionAnswer.findMany({
      where: { userId },
      select: { key: true, prompt: true, text: true, createdAt: true, updatedAt: true, version: { select: { title: true, number: true } } },
    }),
    db.checkAnswer.findMany({
      where: { userId },
      select: { key: true, optionIndex: true, score: true, createdAt: true, version: { select: { title: true, number: true } } },
    }),
    db.quizAttempt.findMany({
      where: { userId },
      select: {
        number: true,
        status: true,
        startedAt: true,
        submittedAt: true,
        score: true,
        quiz: { select: { title: true } },
        items: {
          select: {
            position: true,
            response: true,
            score: true,
            redFlag: true,
            answeredAt: true,
            grade: true,
            comment: true,
            gradedAt: true,
            version: { select: { title: true, number: true } },
          },
        },
      },
    }),
    db.evidence.findMany({
      where: { userId },
      select: { competencyId: true, kind: true, score: true, weight: true, redFlag: true, occurredAt: true },
    }),
    db.readinessEstimate.findMany({
      where: { userId },
      select: { competencyId: true, mean: true, lower: true, upper: true, level: true, redFlag: true, count: true, computedAt: true },
    }),
    db.observation.findMany({
      where: { userId },
      select: { competencyId: true, rating: true, note: true, observedAt: true, observer: { select: { name: true } } },
    }),
    db.observation.findMany({
      where: { observerId: userId },
      select: { competencyId: true, rating: true, observedAt: true, user: { select: { name: true } } },
    }),
    db.session.findMany({ where: { userId }, select: { createdAt: true, expiresAt: true } }),
    db.outboxMail.findMany({ where: { to: user.email }, select: { subject: true, text: true, createdAt: true } }),
    db.panelRating.findMany({
      where: { raterId: userId },
      select: { scores: true, updatedAt: true, scenario: { select: { slug: true } } },
    }),
    db.certificate.findMany({
      where: { userId },
      orderBy: { issuedAt: 'asc' },
      select: { title: true, code: true, issuedAt: true, expiresAt: true, endedAt: true, endReason: true, competencies: true },
    }),
  ])
  return {
    exportedAt: new Date().toISOString(),
    person: user,
    teams: memberships.map((m) => ({ team: m.team.name, since: m.createdAt })),
    leads: leads.map((l) => l.team.name),
    onboarding: { assignments, progress },
    reflections,
    checkAnswers: checks,
    quizAttempts: attempts.map((a) => ({
      ...a,
      items: a.items.map((i) => ({
        ...i,
        response: parseStoredOrNull(ItemResponseSchema, i.response, 'answer of an attempt item'),
        grade: parseStoredOrNull(RubricGradeSchema, i.grade, 'grade of an answer'),
      })),
    })),
    readiness: { evidence, estimates },
    certificates: certificates.map((c) => ({ ...c, competencies: grantedOf(c.competencies) })),
    observationsOfThem: observations,
    observationsTheyMade: observationsMade,
    sessions,
    mailsKeptInOutbox: mails,
    keyPanelScores: panelScores.map((r) => ({
      scenario: r.scenario.slug,
      scores: parseStored(PanelScoresSchema, r.scores, 'scores of a key panel rating'),
      updatedAt: r.updatedAt,
    })),
  }
}

/**
 * Erases a departing employee: their name, email, password, teams, onboarding, reflections,
 * observations, readiness, certificates and sessions go; their quiz and Check answers stay, attached to an
 * anonymous "Former employee" record, with free-text answers and grader comments blanked, so item
 * statistics keep their counts; the audit log keeps no trace of their name or email. One transaction.
 */
export async function erasePerson(actorId: string, userId: string) {
  if (actorId === userId) throw new DomainError(400, 'You cannot erase your own account.')
  const person = await db.user.findUnique({ where: { id: userId } })
  if (!person) throw notFound('Person')
  if (person.role === 'admin') throw new DomainError(400, 'Remove the admin role before erasing this person.')
  await db.$transaction(async (tx) => {
    const free = await tx.attemptItem.findMany({
      where: { attempt: { userId }, version: { type: 'free-text' }, response: { not: null } },
      select: { id: true },
    })
    for (const item of free)
      await tx.attemptItem.update({
        where: { id: item.id },
        data: { response: JSON.stringify({ type: 'free-text', text: '[erased]' }), comment: null },
      })
    await tx.reflectionAnswer.deleteMany({ where: { userId } })
    await tx.observation.deleteMany({ where: { OR: [{ userId }, { observerId: userId }] } })
    await tx.evidence.deleteMany({ where: { userId } })
    await tx.readinessEstimate.deleteMany({ where: { userId } })
    await tx.pillarReadiness.deleteMany({ where: { userId } })
    await tx.personReadiness.deleteMany({ where: { userId } })
    await tx.certificate.deleteMany({ where: { userId } })
    await tx.lessonProgress.deleteMany({ where: { userId } })
    await tx.pathAssignment.deleteMany({ where: { userId } })
    await tx.membership.deleteMany({ where: { userId } })
    await tx.teamLeader.deleteMany({ where: { userId } })
    await tx.oneTimeToken.deleteMany({ where: { userId } })
    await tx.oneTimeToken.updateMany({ where: { createdById: userId }, data: { createdById: null } })
    await tx.loginAttempt.deleteMany({ where: { email: person.email } })
    await tx.outboxMail.deleteMany({ where: { to: person.email } })
    await tx.user.update({
      where: { id: userId },
      data: {
        name: 'Former employee',
        nameSearch: 'former employee',
        email: `erased-${userId}@erased.invalid`,
        passwordHash: null,
        // The provider's identifier for them: their provider account may then link to no one here.
        ssoSubject: null,
        status: 'deactivated',
        deactivatedAt: new Date(),
        startDate: null,
        lastReminderAt: null,
        role: 'learner',
      },
    })
    // Audit rows refer to people by id, but rows written before that held names and emails.
    const named = await tx.auditEvent.findMany({
      where: { OR: [{ summary: { contains: person.name } }, { summary: { contains: person.email } }] },
      select: { id: true, summary: true },
    })
    for (const row of named) {
      await tx.auditEvent.update({
        where: { id: row.id },
        data: { summary: row.summary.replaceAll(person.email, emailOf(userId)).replaceAll(person.name, nameOf(userId)) },
      })
    }
    await audit(tx, {
      actorId,
      action: 'person.erased',
      subject: `user:${userId}`,
      summary: 'Erased a departing employee’s personal data; their answers are kept anonymised for item statistics',
    })
  })
  await invalidateUserSessions(userId)
}
