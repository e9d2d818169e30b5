// Factories shared by the integration tests: real rows in the test database.
import crypto from 'node:crypto'
import type { Role } from '~/domain/permissions/permissions'
import { hashPassword } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { createSession, sessionCookieHeader } from '~/utils/session.server'

export const TEST_PASSWORD = 'correct horse battery staple'
let passwordHash: Promise<string> | undefined

export async function createPerson(opts: { role?: Role; teamIds?: string[]; status?: string; name?: string; email?: string } = {}) {
  passwordHash ??= hashPassword(TEST_PASSWORD)
  const name = opts.name ?? `Person ${crypto.randomBytes(3).toString('hex')}`
  return db.user.create({
    data: {
      email: opts.email ?? `${crypto.randomBytes(5).toString('hex')}@example.com`,
      name,
      nameSearch: name.toLowerCase(),
      role: opts.role ?? 'learner',
      status: opts.status ?? 'active',
      passwordHash: await passwordHash,
      memberships: { create: (opts.teamIds ?? []).map((teamId) => ({ teamId })) },
    },
  })
}

export async function createTeam(name = `Team ${crypto.randomBytes(3).toString('hex')}`, leaderIds: string[] = []) {
  return db.team.create({ data: { name, leaders: { create: leaderIds.map((userId) => ({ userId })) } } })
}

/** A signed-in cookie header for a person. */
export async function cookieFor(userId: string) {
  const { token } = await createSession(userId)
  return (await sessionCookieHeader(token)).split(';')[0]!
}
