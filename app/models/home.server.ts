import type { Viewer } from '~/domain/permissions/permissions'
import { db } from '~/utils/db.server'

/** What a person's home page shows: their teams, the teams they lead, and admin counts. */
export async function homeSummary(viewer: Viewer) {
  const [memberships, led, counts] = await Promise.all([
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
  ])
  return {
    teams: memberships.map((m) => ({ id: m.team.id, name: m.team.name, leaders: m.team.leaders.map((l) => l.user) })),
    ledTeams: led.map((t) => ({ id: t.id, name: t.name, memberCount: t._count.members })),
    counts,
  }
}
