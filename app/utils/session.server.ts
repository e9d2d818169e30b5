// Sessions as in the Lucia guide (lucia-auth.com/sessions): a random token in the cookie, only its
// SHA-256 in the database, 30-day expiry slid forward when fewer than 15 days remain, and an absolute
// end SESSION_MAX_DAYS (default 30) after sign-in whatever the activity.
import { createCookie } from 'react-router'
import { generateToken, hashToken } from '~/domain/auth/tokens'
import { DAY_MS, SESSION_TTL_MS, newSessionExpiry, sessionDecision } from '~/domain/auth/session-expiry'
import { KNOWN_DEVICE_TTL_MS, parseKnownDevices, type KnownDevice } from '~/domain/auth/known-devices'
import { isRole, type Role } from '~/domain/permissions/permissions'
import { Prisma, type Session, type TeamLeader, type User } from '~/generated/sqlite/client'
import { db } from './db.server'
import { sql } from './sql.server'
import { env } from './env.server'
import { readSignedCookie } from './signed-cookie.server'

// The session secret signs the cookie as defence in depth; the token alone is what authenticates.
const DEV_SECRET = 'development-only-secret-not-for-production-use'
export const COOKIE_SECRETS = [env().SESSION_SECRET ?? DEV_SECRET]

export function secureCookie(): boolean {
  const { NODE_ENV, APP_URL } = env()
  if (NODE_ENV !== 'production') return false
  // A production build served on plain http://localhost (the quick start) cannot keep a Secure
  // cookie in every browser; any other production address must be https.
  const url = new URL(APP_URL)
  return !(url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname))
}

export const sessionCookie = createCookie('mr_session', {
  httpOnly: true,
  sameSite: 'lax',
  path: '/',
  secure: secureCookie(),
  secrets: COOKIE_SECRETS,
  maxAge: SESSION_TTL_MS / 1000,
})

export type SessionUser = { id: string; email: string; name: string; role: Role }
export type SessionRecord = { id: string; userId: string; expiresAt: Date }

/** Starts a new session for a user and returns the token to put in the cookie. */
export async function createSession(userId: string, now = new Date()): Promise<{ token: string; session: SessionRecord }> {
  const token = generateToken()
  const session = await db.session.create({ data: { id: hashToken(token), userId, expiresAt: newSessionExpiry(now) } })
  return { token, session }
}

/**
 * The session and user for a cookie token, or null. Expired sessions and sessions of people who are
 * no longer active are deleted. `refreshed` is true when the expiry slid forward.
 */
export async function validateSessionToken(
  token: string,
  now = new Date(),
): Promise<{ session: SessionRecord; user: SessionUser; ledTeamIds: string[]; refreshed: boolean } | null> {
  const id = hashToken(token)
  // Every signed-in request reads this: the session, its person and the teams they lead in one
  // statement (a row per team led), straight to the driver (app/utils/sql.server.ts).
  const rows = await sql.query<
    Pick<Session, 'userId' | 'expiresAt' | 'createdAt'> &
      Pick<User, 'email' | 'name' | 'role' | 'status'> & { ledTeamId: TeamLeader['teamId'] | null }
  >(Prisma.sql`
    SELECT s."userId", s."expiresAt", s."createdAt", u.email, u.name, u.role, u.status, l."teamId" AS "ledTeamId"
    FROM "Session" s JOIN "User" u ON u.id = s."userId" LEFT JOIN "TeamLeader" l ON l."userId" = u.id
    WHERE s.id = ${id}`)
  const row = rows[0]
  if (!row) return null
  const decision = sessionDecision(row.expiresAt, now, { createdAt: row.createdAt, maxMs: env().SESSION_MAX_DAYS * DAY_MS })
  const role = row.role
  if (decision.kind === 'expired' || row.status !== 'active' || !isRole(role)) {
    await db.session.deleteMany({ where: { id } })
    return null
  }
  const user = { id: row.userId, email: row.email, name: row.name, role }
  const ledTeamIds = rows.flatMap((r) => (r.ledTeamId ? [r.ledTeamId] : []))
  if (decision.kind === 'extend') {
    await db.session.update({ where: { id }, data: { expiresAt: decision.expiresAt } })
    return { session: { id, userId: row.userId, expiresAt: decision.expiresAt }, user, ledTeamIds, refreshed: true }
  }
  return { session: { id, userId: row.userId, expiresAt: row.expiresAt }, user, ledTeamIds, refreshed: false }
}

export async function invalidateSession(sessionId: string) {
  await db.session.deleteMany({ where: { id: sessionId } })
}

/** Ends every session of a user, optionally keeping one (the one that changed the password). */
export async function invalidateUserSessions(userId: string, exceptSessionId?: string) {
  await db.session.deleteMany({ where: { userId, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) } })
}

export async function sessionCookieHeader(token: string): Promise<string> {
  return sessionCookie.serialize(token)
}

export async function clearedSessionCookieHeader(): Promise<string> {
  return sessionCookie.serialize('', { maxAge: 0 })
}

export async function readSessionToken(request: Request): Promise<string | null> {
  const value = readSignedCookie(request.headers.get('Cookie'), sessionCookie.name, COOKIE_SECRETS)
  return typeof value === 'string' && value.length > 0 ? value : null
}

// The browsers that signed in before (domain/auth/known-devices). Signed with the session secret:
// the signature is what makes a device id unforgeable, as the id alone opens nothing.
export const deviceCookie = createCookie('mr_device', {
  httpOnly: true,
  sameSite: 'lax',
  path: '/',
  secure: secureCookie(),
  secrets: COOKIE_SECRETS,
  maxAge: KNOWN_DEVICE_TTL_MS / 1000,
})

/** The accounts this browser signed in to before, from its device cookie (none when absent, altered or unsigned). */
export async function readKnownDevices(request: Request): Promise<KnownDevice[]> {
  return parseKnownDevices(readSignedCookie(request.headers.get('Cookie'), deviceCookie.name, COOKIE_SECRETS))
}

export async function deviceCookieHeader(devices: KnownDevice[]): Promise<string> {
  return deviceCookie.serialize(devices)
}
