import { DomainError, notFound } from '~/domain/errors'
import { LEADER_ROLES, visibleTeamIds, type Viewer } from '~/domain/permissions/permissions'
import { nameOf } from '~/domain/audit/summary'
import { audit } from '~/models/audit.server'
import { db, type Tx } from '~/utils/db.server'

export class TeamError extends DomainError {
  declare readonly field: 'name' | 'leaderIds'
  constructor(field: 'name' | 'leaderIds', message: string) {
    super(400, message, field)
  }
}

/** The teams a viewer may look at (all for an admin, the led ones otherwise), by name. */
export function visibleTeams(viewer: Viewer) {
  const scope = visibleTeamIds(viewer)
  return db.team.findMany({
    where: scope === null ? {} : { id: { in: [...scope] } },
    orderBy: { name: 'asc' },
    select: { id: true, name: true },
  })
}

/** Every team by name (id and name), as an admin's choices. */
export function listTeamNames() {
  return db.team.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } })
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
    workRole: t.workRole,
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

export async function createTeam(name: string, leaderIds: string[], actorId: string, workRole: string | null = null) {
  await assertNameFree(name)
  await assertLeaders(leaderIds)
  return db.$transaction(async (tx) => {
    const team = await tx.team.create({
      data: { name, workRole, leaders: { create: [...new Set(leaderIds)].map((userId) => ({ userId })) } },
    })
    await audit(tx, {
      actorId,
      action: 'team.created',
      subject: `team:${team.id}`,
      summary: `Created the team ${name}, led by ${await leaderNames(tx, leaderIds)}`,
    })
    return team
  })
}

async function leaderNames(client: Tx, ids: string[]) {
  return (
    (await client.user.findMany({ where: { id: { in: ids } }, select: { id: true }, orderBy: { name: 'asc' } }))
      .map((u) => nameOf(u.id))
      .join(', ') || 'no one'
  )
}

export async function updateTeam(id: string, name: string, leaderIds: string[], actorId: string, workRole: string | null = null) {
  const team = await db.team.findUnique({ where: { id } })
  if (!team) throw notFound('Team')
  await assertNameFree(name, id)
  await assertLeaders(leaderIds)
  await db.$transaction(async (tx) => {
    await tx.team.update({ where: { id }, data: { name, workRole } })
    await tx.teamLeader.deleteMany({ where: { teamId: id } })
    await tx.teamLeader.createMany({ data: [...new Set(leaderIds)].map((userId) => ({ userId, teamId: id })) })
    await audit(tx, {
      actorId,
      action: 'team.updated',
      subject: `team:${id}`,
      summary: `${team.name === name ? name : `${team.name} renamed ${name}`}: led by ${await leaderNames(tx, leaderIds)}`,
    })
  })
}
