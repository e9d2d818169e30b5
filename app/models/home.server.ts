import type { Viewer } from '~/domain/permissions/permissions'
import { db } from '~/utils/db.server'

/**
 * What a person's home page shows: their teams, the teams they lead, admin counts, their own
 * readiness (refreshers due, overdue onboarding) and, for leaders, who in their teams needs attention.
 */
export async function homeSummary(viewer: Viewer, now = new Date()) {
  const inLedTeams = { status: { not: 'deactivated' }, memberships: { some: { teamId: { in: [...viewer.ledTeamIds] } } } }
  const [memberships, led, counts, mine, refreshers, attention] = await Promise.all([
    db.membership.findMany({
      where: { userId: viewer.id },
      select: { team: { select: { id: true, name: true, leaders: { select: { user: { select: { name: true, email: true } } } } } } },
    }),
    db.team.findMany({
      where: { id: { in: [...viewer.ledTeamIds] } },
      orderBy: { name: 'asc' },
      select: { id: true, name: true, _count: { select: { members: true } } },
    }),
    viewer.role === 'admin'
      ? Promise.all([
          db.user.count({ where: { status: 'active' } }),
          db.user.count({ where: { status: 'invited' } }),
          db.user.count({ where: { status: 'deactivated' } }),
          db.team.count(),
          db.outboxMail.count(),
        ]).then(([active, invited, deactivated, teams, outbox]) => ({ active, invited, deactivated, teams, outbox }))
      : null,
    db.personReadiness.findUnique({ where: { userId: viewer.id }, select: { clientReady: true, onboardingDueAt: true } }),
    db.readinessEstimate.findMany({ where: { userId: viewer.id, refresherSince: { not: null } }, select: { competencyId: true } }),
    viewer.ledTeamIds.length > 0
      ? Promise.all([
          db.user.count({ where: { ...inLedTeams, readiness: { refreshers: { gt: 0 } } } }),
          db.user.count({ where: { ...inLedTeams, readiness: { onboardingDueAt: { lt: now } } } }),
          db.user.count({ where: { ...inLedTeams, readiness: { redFlags: { gt: 0 } } } }),
        ]).then(([refreshers, overdue, redFlags]) => ({ refreshers, overdue, redFlags }))
      : null,
  ])
  const titles = await db.competency.findMany({
    where: { id: { in: refreshers.map((r) => r.competencyId) } },
    orderBy: { position: 'asc' },
    select: { title: true },
  })
  return {
    readiness: {
      clientReady: mine?.clientReady ?? false,
      overdue: Boolean(mine?.onboardingDueAt && mine.onboardingDueAt < now),
      refreshers: titles.map((t) => t.title),
    },
    attention,
    teams: memberships.map((m) => ({ id: m.team.id, name: m.team.name, leaders: m.team.leaders.map((l) => l.user) })),
    ledTeams: led.map((t) => ({ id: t.id, name: t.name, memberCount: t._count.members })),
    counts,
  }
}
