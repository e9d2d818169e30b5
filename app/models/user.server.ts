import { DomainError, notFound } from '~/domain/errors'
import type { Role, Viewer } from '~/domain/permissions/permissions'
import { visibleTeamIds } from '~/domain/permissions/permissions'
import { emailOf, nameOf } from '~/domain/audit/summary'
import { audit } from '~/models/audit.server'
import { databaseKind } from '~/utils/database-url'
import { db, type Prisma, type Tx } from '~/utils/db.server'
import { env } from '~/utils/env.server'
import { invalidateUserSessions } from '~/utils/session.server'

export const PEOPLE_PAGE_SIZE = 50

export type PeopleFilter = { q?: string; teamId?: string; role?: Role; status?: string; page?: number }

/**
 * People the viewer may list, filtered. Scope is in the query: a leader's list is limited to the
 * teams they lead, whatever filter is asked for.
 */
export async function listPeople(viewer: Viewer, filter: PeopleFilter) {
  const scope = visibleTeamIds(viewer)
  const and: Prisma.UserWhereInput[] = []
  if (scope !== null) and.push({ memberships: { some: { teamId: { in: [...scope] } } } })
  if (filter.teamId) and.push({ memberships: { some: { teamId: filter.teamId } } })
  if (filter.role) and.push({ role: filter.role })
  if (filter.status) and.push({ status: filter.status })
  if (filter.q) {
    const q = filter.q.trim().toLowerCase()
    and.push({ OR: [{ nameSearch: { contains: q } }, { email: { contains: q } }] })
  }
  const where: Prisma.UserWhereInput = { AND: and }
  const page = Math.max(1, filter.page ?? 1)
  const [total, people] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      orderBy: [{ nameSearch: 'asc' }, { email: 'asc' }],
      skip: (page - 1) * PEOPLE_PAGE_SIZE,
      take: PEOPLE_PAGE_SIZE,
      select: {
        id: true,
        name: true,
        email: true,
        role: true,
        status: true,
        memberships: { select: { team: { select: { id: true, name: true } } } },
        leads: { select: { team: { select: { id: true, name: true } } } },
      },
    }),
  ])
  return {
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / PEOPLE_PAGE_SIZE)),
    people: people.map(({ memberships, leads, ...p }) => ({
      ...p,
      teams: memberships.map((m) => m.team),
      ledTeams: leads.map((l) => l.team),
    })),
  }
}

/** One person with their teams and the teams they lead (the caller has checked the viewer may see them). */
export async function getPerson(id: string) {
  const person = await db.user.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      status: true,
      startDate: true,
      createdAt: true,
      deactivatedAt: true,
      memberships: { select: { team: { select: { id: true, name: true } } } },
      leads: { select: { team: { select: { id: true, name: true } } } },
    },
  })
  if (!person) return null
  const { memberships, leads, ...rest } = person
  return { ...rest, teams: memberships.map((m) => m.team), ledTeams: leads.map((l) => l.team) }
}

/** A refused change to a person: under the form field it is about, or (null) above the form. */
export class PersonError extends DomainError {
  constructor(field: 'role' | 'teamIds' | null, message: string) {
    super(400, message, field ?? undefined)
  }
}

/**
 * Takes the lock every change that could leave no active admin holds until it commits (deactivating,
 * demoting, a leavers file). On PostgreSQL a transaction-scoped advisory lock: without it two admins
 * removing each other at once would each still see the other one active and both commit. SQLite runs
 * one write transaction at a time already (a transaction that read before another committed cannot
 * write), so there it takes nothing.
 */
export async function lockAdminRoster(tx: Tx) {
  if (databaseKind(env().DATABASE_URL) === 'postgres')
    await tx.$queryRawUnsafe(`SELECT 1 FROM (SELECT pg_advisory_xact_lock(${ADMIN_ROSTER_LOCK})) l`)
}
const ADMIN_ROSTER_LOCK = 7_261_001

/** Refuses, inside a transaction holding lockAdminRoster, a change that would leave no active admin. */
async function assertAnotherAdminRemains(tx: Tx, id: string) {
  const admins = await tx.user.count({ where: { role: 'admin', status: 'active', id: { not: id } } })
  if (admins === 0) throw new PersonError('role', 'This is the last active admin; make someone else an admin first.')
}

/** Changes a person's role and teams (admins only; the caller checks). */
export async function updatePerson(actor: Viewer, id: string, data: { role: Role; teamIds: string[]; name: string }) {
  const teams = await db.team.findMany({ where: { id: { in: data.teamIds } }, select: { name: true } })
  if (teams.length !== new Set(data.teamIds).size) throw new PersonError('teamIds', 'One of the chosen teams no longer exists.')
  await db.$transaction(async (tx) => {
    await lockAdminRoster(tx)
    const person = await tx.user.findUnique({ where: { id } })
    if (!person) throw notFound('Person')
    if (person.role === 'admin' && data.role !== 'admin') {
      if (actor.id === id) throw new PersonError('role', 'You cannot remove your own admin role.')
      await assertAnotherAdminRemains(tx, id)
    }
    await tx.user.update({ where: { id }, data: { role: data.role, name: data.name, nameSearch: data.name.toLowerCase() } })
    await tx.membership.deleteMany({ where: { userId: id } })
    await tx.membership.createMany({ data: [...new Set(data.teamIds)].map((teamId) => ({ userId: id, teamId })) })
    // Leading a team needs a leading role; a demoted person stops leading.
    if (!['leader', 'trainer', 'admin'].includes(data.role)) await tx.teamLeader.deleteMany({ where: { userId: id } })
    await audit(tx, {
      actorId: actor.id,
      action: 'person.updated',
      subject: `user:${id}`,
      summary: `${nameOf(id)}: role ${person.role === data.role ? data.role : `${person.role} → ${data.role}`}, teams: ${teams.map((t) => t.name).join(', ') || 'none'}`,
    })
  })
}

/** Deactivates a person: they cannot sign in, their sessions and pending links end. */
export async function deactivatePerson(actor: Viewer, id: string) {
  if (actor.id === id) throw new PersonError(null, 'You cannot deactivate your own account.')
  await db.$transaction(async (tx) => {
    await lockAdminRoster(tx)
    const person = await tx.user.findUnique({ where: { id } })
    if (!person) throw notFound('Person')
    if (person.role === 'admin') await assertAnotherAdminRemains(tx, id)
    await tx.user.update({ where: { id }, data: { status: 'deactivated', deactivatedAt: new Date() } })
    await tx.oneTimeToken.deleteMany({ where: { userId: id, usedAt: null } })
    await audit(tx, {
      actorId: actor.id,
      action: 'person.deactivated',
      subject: `user:${id}`,
      summary: `Deactivated ${nameOf(id)} (${emailOf(id)})`,
    })
  })
  await invalidateUserSessions(id)
}

export async function reactivatePerson(actor: Viewer, id: string) {
  const person = await db.user.findUnique({ where: { id } })
  if (!person) throw notFound('Person')
  await db.$transaction([
    db.user.update({ where: { id }, data: { status: person.passwordHash ? 'active' : 'invited', deactivatedAt: null } }),
    audit(db, {
      actorId: actor.id,
      action: 'person.reactivated',
      subject: `user:${id}`,
      summary: `Reactivated ${nameOf(id)} (${emailOf(id)})`,
    }),
  ])
}
