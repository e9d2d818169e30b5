import { hash, verify } from '@node-rs/argon2'
import { redirect } from 'react-router'
import { canAdminister, canManageContent, canSeePerson, canSeeTeams, type Viewer } from '~/domain/permissions/permissions'
import { db } from './db.server'
import { currentRequestContext } from './request-context.server'
import { readSessionToken, sessionCookieHeader, validateSessionToken, type SessionRecord, type SessionUser } from './session.server'

// OWASP's minimum for argon2id: 19 MiB, 2 iterations, 1 lane.
const ARGON2_OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS)
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

let dummyHash: Promise<string> | undefined
/** Spends the same time as a real check, so unknown accounts cannot be told apart by timing. */
export async function verifyAgainstDummy(password: string) {
  dummyHash ??= hashPassword('not-a-real-password-for-timing-only')
  await verifyPassword(await dummyHash, password)
}

export type Auth = { user: SessionUser; session: SessionRecord; viewer: Viewer }

const cache = new WeakMap<Request, Promise<Auth | null>>()

/** The signed-in person for a request, or null. Read once per request. */
export function getAuth(request: Request): Promise<Auth | null> {
  // React Router hands each loader of a page its own copy of the request: the loaders of one HTTP request
  // share what the first one read. An action reads afresh (it may sign in or out, or change the
  // person), and so do the loaders that follow it (their requests are GETs, the action's is not).
  const context = request.method === 'GET' || request.method === 'HEAD' ? currentRequestContext() : undefined
  if (context) return (context.auth ??= loadAuth(request)) as Promise<Auth | null>
  let pending = cache.get(request)
  if (!pending) {
    pending = loadAuth(request)
    cache.set(request, pending)
  }
  return pending
}

async function loadAuth(request: Request): Promise<Auth | null> {
  const token = await readSessionToken(request)
  if (!token) return null
  const result = await validateSessionToken(token)
  if (!result) return null
  if (result.refreshed) currentRequestContext()?.setCookies.push(await sessionCookieHeader(token))
  const viewer: Viewer = { id: result.user.id, role: result.user.role, ledTeamIds: result.ledTeamIds }
  return { user: result.user, session: result.session, viewer }
}

/** The signed-in person, or a redirect to sign-in that comes back here afterwards. */
export async function requireAuth(request: Request): Promise<Auth> {
  const auth = await getAuth(request)
  if (auth) return auth
  const url = new URL(request.url)
  const back = url.pathname + url.search
  throw redirect(back === '/' ? '/login' : `/login?${new URLSearchParams({ redirectTo: back })}`)
}

export function forbidden(message = 'You do not have access to this page.'): Response {
  return new Response(message, { status: 403, statusText: 'Forbidden' })
}

export async function requireAdmin(request: Request) {
  const auth = await requireAuth(request)
  if (!canAdminister(auth.viewer)) throw forbidden()
  return auth
}

export async function requireContentManager(request: Request) {
  const auth = await requireAuth(request)
  if (!canManageContent(auth.viewer)) throw forbidden()
  return auth
}

export async function requireTeamViewer(request: Request) {
  const auth = await requireAuth(request)
  if (!canSeeTeams(auth.viewer)) throw forbidden()
  return auth
}

/** The viewer, after checking they may see this person; 404 when the person does not exist or is out of scope. */
export async function requireCanSeePerson(request: Request, personId: string) {
  const auth = await requireAuth(request)
  const person = await db.user.findUnique({
    where: { id: personId },
    select: { id: true, memberships: { select: { teamId: true } } },
  })
  if (!person || !canSeePerson(auth.viewer, { id: person.id, teamIds: person.memberships.map((m) => m.teamId) })) {
    // The same answer for "no such person" and "not yours", so ids cannot be probed.
    throw new Response('Not found', { status: 404 })
  }
  return auth
}
