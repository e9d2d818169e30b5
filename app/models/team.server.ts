import { LEADER_ROLES } from '~/domain/permissions/permissions'
import { db } from '~/utils/db.server'

export class TeamError extends Error {
  constructor(
    public field: 'name' | 'leaderIds',
    message: string,
  ) {
    super(message)
  }
}

export async function listTeams() {
  const teams = await db.team.findMany({
    orderBy: { name: 'asc' },
    include: {
      leaders: { include: { user: { select: { id: true, name: true, email: true } } } },
      _count: { select: { members: true } },
    },
  })
  return teams.map((t) => ({
    id: t.id,
    name: t.name,
    memberCount: t._count.members,
    leaders: t.leaders.map((l) => l.user),
  }))
}

/** People who may lead a team (active leaders, trainers and admins). */
export async function listPossibleLeaders() {
  return db.user.findMany({
    where: { role: { in: [...LEADER_ROLES] }, status: 'active' },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, email: true, role: true },
  })
}

async function assertNameFree(name: string, exceptId?: string) {
  const existing = await db.team.findUnique({ where: { name } })
  if (existing && existing.id !== exceptId) throw new TeamError('name', `A team called “${name}” already exists.`)
}

async function assertLeaders(leaderIds: string[]) {
  if (leaderIds.length === 0) return
  const ok = await db.user.count({ where: { id: { in: leaderIds }, role: { in: [...LEADER_ROLES] }, status: 'active' } })
  if (ok !== new Set(leaderIds).size) {
    throw new TeamError('leaderIds', 'Leaders must be active people with the leader, trainer or admin role.')
  }
}

export async function createTeam(name: string, leaderIds: string[]) {
  await assertNameFree(name)
  await assertLeaders(leaderIds)
  return db.team.create({
    data: { name, leaders: { create: [...new Set(leaderIds)].map((userId) => ({ userId })) } },
  })
}

export async function updateTeam(id: string, name: string, leaderIds: string[]) {
  const team = await db.team.findUnique({ where: { id } })
  if (!team) throw new Response('Team not found', { status: 404 })
  await assertNameFree(name, id)
  await assertLeaders(leaderIds)
  await db.$transaction([
    db.team.update({ where: { id }, data: { name } }),
    db.teamLeader.deleteMany({ where: { teamId: id } }),
    db.teamLeader.createMany({ data: [...new Set(leaderIds)].map((userId) => ({ userId, teamId: id })) }),
  ])
}
