import { DomainError } from '~/domain/errors'
import { emailOf, nameOf } from '~/domain/audit/summary'
import { deviceIdFor, type KnownDevice } from '~/domain/auth/known-devices'
import { SIGN_IN_SCOPES, signInThrottle, SIGN_IN_WINDOW_MS, waitPhrase } from '~/domain/auth/throttle'
import { generateToken, hashToken } from '~/domain/auth/tokens'
import { DAY_MS } from '~/domain/auth/session-expiry'
import type { Role } from '~/domain/permissions/permissions'
import { hashPassword, verifyAgainstDummy, verifyPassword } from '~/utils/auth.server'
import { db, type Prisma, type Tx } from '~/utils/db.server'
import { env } from '~/utils/env.server'
import { log } from '~/utils/logger.server'
import { sendMail, type Mail } from '~/utils/mail.server'
import { audit } from './audit.server'
import { assignDefaultPath } from './learning.server'
import { createSession, invalidateUserSessions } from '~/utils/session.server'

export const INVITE_TTL_MS = 7 * DAY_MS
export const RESET_TTL_MS = 60 * 60 * 1000

export function normaliseEmail(email: string) {
  return email.trim().toLowerCase()
}

export type SignInResult =
  | { ok: true; token: string; userId: string; deviceId: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'deactivated' }
  | { ok: false; reason: 'throttled'; retryAt: Date }

/**
 * Runs a password check for an account, slowed per account at this address, per account and per
 * address; or, for a browser that signed in to this account before (`device`), by that browser's
 * own failures only. The attempt is recorded (as a failure) before anything is decided, so
 * parallel attempts each see the others and at most the free allowance of them reaches the check;
 * an attempt refused by the throttle is then removed, so waiting is not made longer by trying.
 */
async function throttledCheck(
  email: string,
  ip: string,
  now: Date,
  check: () => Promise<boolean>,
  device: string | null = null,
): Promise<{ allowed: false; retryAt: Date } | { allowed: true; valid: boolean }> {
  const since = new Date(now.getTime() - SIGN_IN_WINDOW_MS)
  const attempt = await db.loginAttempt.create({ data: { email, ip, device, success: false, createdAt: now } })
  const failures = (where: Prisma.LoginAttemptWhereInput) =>
    db.loginAttempt
      .findMany({ where: { ...where, success: false, createdAt: { gt: since }, id: { not: attempt.id } }, select: { createdAt: true } })
      .then((rows) => rows.map((r) => r.createdAt))
  const decisions = device
    ? [signInThrottle(await failures({ device }), now, SIGN_IN_SCOPES.knownDevice)]
    : await Promise.all([failures({ email, ip }), failures({ email }), failures({ ip })]).then(([atAddress, anywhere, fromAddress]) => [
        signInThrottle(atAddress, now, SIGN_IN_SCOPES.accountAtAddress),
        signInThrottle(anywhere, now, SIGN_IN_SCOPES.account),
        signInThrottle(fromAddress, now, SIGN_IN_SCOPES.address),
      ])
  const refused = decisions.flatMap((d) => (d.allowed ? [] : [d.retryAt])).sort((a, b) => b.getTime() - a.getTime())
  if (refused.length > 0) {
    await db.loginAttempt.delete({ where: { id: attempt.id } })
    return { allowed: false, retryAt: refused[0]! }
  }
  passwordChecks++
  const valid = await check()
  if (valid) await db.loginAttempt.update({ where: { id: attempt.id }, data: { success: true } })
  return { allowed: true, valid }
}

/**
 * Signs a person in with their password, through the throttle. `knownDevices` is what this
 * browser's device cookie says; on success, `deviceId` is this browser's id for the account (kept
 * when it had one) for the cookie to remember.
 */
export async function signIn(
  input: { email: string; password: string; ip: string; knownDevices?: KnownDevice[] },
  now = new Date(),
): Promise<SignInResult> {
  const email = normaliseEmail(input.email)
  const user = await db.user.findUnique({ where: { email } })
  const device = user ? deviceIdFor(input.knownDevices ?? [], user.id) : null
  const checked = await throttledCheck(
    email,
    input.ip,
    now,
    async () =>
      user?.passwordHash ? verifyPassword(user.passwordHash, input.password) : (await verifyAgainstDummy(input.password), false),
    device,
  )
  if (!checked.allowed) return { ok: false, reason: 'throttled', retryAt: checked.retryAt }
  if (!user || !checked.valid) return { ok: false, reason: 'invalid' }
  if (user.status !== 'active') return { ok: false, reason: user.status === 'deactivated' ? 'deactivated' : 'invalid' }
  const { token } = await createSession(user.id, now)
  return { ok: true, token, userId: user.id, deviceId: device ?? generateToken() }
}

let passwordChecks = 0
/** How many sign-ins reached the password check in this process (for tests of the throttle). */
export function signInPasswordChecks() {
  return passwordChecks
}

export class InviteError extends DomainError {
  declare readonly field: 'email' | 'teamIds'
  constructor(field: 'email' | 'teamIds', message: string) {
    super(400, message, field)
  }
}

/**
 * Invites a person: creates them (status "invited") with their role and teams, and mails a
 * single-use link valid for 7 days. Inviting someone already invited sends a fresh link.
 */
export async function invitePerson(
  input: { email: string; name: string; role: Role; teamIds: string[]; startDate?: Date; invitedById: string },
  now = new Date(),
) {
  const email = normaliseEmail(input.email)
  const teamIds = [...new Set(input.teamIds)]
  if ((await db.team.count({ where: { id: { in: teamIds } } })) !== teamIds.length) {
    throw new InviteError('teamIds', 'One of the chosen teams no longer exists.')
  }
  const existing = await db.user.findUnique({ where: { email } })
  if (existing && existing.status !== 'invited') {
    throw new InviteError(
      'email',
      `${email} already has an account${existing.status === 'deactivated' ? ' (deactivated: reactivate it from their page)' : ''}.`,
    )
  }
  const token = generateToken()
  const user = await db.$transaction(async (tx) => {
    const data = { name: input.name, nameSearch: input.name.toLowerCase(), role: input.role, startDate: input.startDate ?? now }
    const person = existing
      ? await tx.user.update({ where: { id: existing.id }, data })
      : await tx.user.create({ data: { ...data, email, status: 'invited' } })
    await tx.membership.deleteMany({ where: { userId: person.id } })
    await tx.membership.createMany({ data: teamIds.map((teamId) => ({ userId: person.id, teamId })) })
    if (input.role === 'learner') await assignDefaultPath(tx, [{ userId: person.id, startDate: data.startDate }])
    await audit(tx, {
      actorId: input.invitedById,
      action: 'person.invited',
      subject: `user:${person.id}`,
      summary: `Invited ${nameOf(person.id)} (${emailOf(person.id)}) as ${input.role}`,
    })
    await tx.oneTimeToken.deleteMany({ where: { userId: person.id, purpose: 'invite', usedAt: null } })
    await tx.oneTimeToken.create({
      data: {
        purpose: 'invite',
        tokenHash: hashToken(token),
        userId: person.id,
        createdById: input.invitedById,
        expiresAt: new Date(now.getTime() + INVITE_TTL_MS),
      },
    })
    return person
  })
  const org = await db.organisation.findUnique({ where: { id: 'default' } })
  const link = `${env().APP_URL}/invite/${token}`
  await sendMail(inviteMail({ email, name: input.name, role: input.role, token, organisation: org?.name ?? null }))
  return { user, link }
}

/** The invite mail: who invites them, as what, and the single-use link. */
export function inviteMail(input: { email: string; name: string; role: Role; token: string; organisation: string | null }): Mail {
  return {
    to: input.email,
    subject: `You're invited to ${input.organisation ?? 'Mission Ready'}`,
    text: [
      `Hello${input.name ? ` ${input.name}` : ''},`,
      '',
      `You have been invited to ${input.organisation ?? 'your organisation'} on Mission Ready as a ${input.role}.`,
      `Set your password here (the link works once, for 7 days):`,
      `${env().APP_URL}/invite/${input.token}`,
    ].join('\n'),
  }
}

export type TokenState =
  { state: 'valid'; tokenId: string; user: { id: string; email: string; name: string } } | { state: 'unknown' | 'used' | 'expired' }

/** What a link's token is: valid, unknown, already used or expired. */
export async function lookupToken(purpose: 'invite' | 'reset', token: string, now = new Date()): Promise<TokenState> {
  const row = await db.oneTimeToken.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: { select: { id: true, email: true, name: true, status: true } } },
  })
  if (!row || row.purpose !== purpose) return { state: 'unknown' }
  if (row.usedAt) return { state: 'used' }
  if (row.expiresAt <= now) return { state: 'expired' }
  if (row.user.status === 'deactivated') return { state: 'unknown' }
  return { state: 'valid', tokenId: row.id, user: row.user }
}

/** Uses a token once: marks it used inside `tx`, or returns false when another request got there first. */
async function consumeToken(tx: Tx, tokenId: string, now: Date) {
  const { count } = await tx.oneTimeToken.updateMany({ where: { id: tokenId, usedAt: null }, data: { usedAt: now } })
  return count === 1
}

/** Accepts an invite: sets name and password, activates the person, and signs them in. */
export async function acceptInvite(token: string, input: { name: string; password: string }, now = new Date()) {
  const found = await lookupToken('invite', token, now)
  if (found.state !== 'valid') return { ok: false as const, state: found.state }
  const passwordHash = await hashPassword(input.password)
  const done = await db.$transaction(async (tx) => {
    if (!(await consumeToken(tx, found.tokenId, now))) return false
    await tx.user.update({
      where: { id: found.user.id },
      data: { name: input.name, nameSearch: input.name.toLowerCase(), passwordHash, status: 'active' },
    })
    return true
  })
  if (!done) return { ok: false as const, state: 'used' as const }
  const { token: sessionToken } = await createSession(found.user.id, now)
  return { ok: true as const, sessionToken }
}

/**
 * Starts a reset off the response path: the answer comes back at once whether or not the address
 * exists, so its timing (a token write and a mail transport for a known address) reveals nothing.
 * Failures are logged, as nobody waits for them.
 */
export function queuePasswordReset(emailInput: string) {
  const pending = requestPasswordReset(emailInput).catch((error: unknown) => {
    log.error('password reset mail failed', { error: error instanceof Error ? error.message : String(error) })
  })
  backgroundWork.add(pending)
  void pending.finally(() => backgroundWork.delete(pending))
}

/** Sends mails off the response path, one after another (a bulk invite); a failure is logged and the rest still go. */
export function queueMails(mails: readonly Mail[]) {
  const pending = (async () => {
    for (const mail of mails) {
      await sendMail(mail).catch((error: unknown) => {
        log.error('mail failed', { to: mail.to, subject: mail.subject, error: error instanceof Error ? error.message : String(error) })
      })
    }
  })()
  backgroundWork.add(pending)
  void pending.finally(() => backgroundWork.delete(pending))
}

const backgroundWork = new Set<Promise<unknown>>()
/** Resolves once queued mails are done (tests, and a graceful shutdown). */
export async function settleBackgroundMail() {
  await Promise.all([...backgroundWork])
}

/**
 * Mails a reset link (single use, 1 hour) when the address belongs to an active account. Says
 * nothing either way, so the answer cannot reveal whether an account exists.
 */
export async function requestPasswordReset(emailInput: string, now = new Date()) {
  const email = normaliseEmail(emailInput)
  const user = await db.user.findUnique({ where: { email } })
  if (!user || user.status !== 'active') return
  // At most 5 live reset links per hour per account, so the form cannot flood someone's inbox.
  const recent = await db.oneTimeToken.count({
    where: { userId: user.id, purpose: 'reset', createdAt: { gt: new Date(now.getTime() - RESET_TTL_MS) } },
  })
  if (recent >= 5) return
  const token = generateToken()
  await db.oneTimeToken.create({
    data: { purpose: 'reset', tokenHash: hashToken(token), userId: user.id, expiresAt: new Date(now.getTime() + RESET_TTL_MS) },
  })
  await sendMail({
    to: email,
    subject: 'Reset your Mission Ready password',
    text: [
      `Hello ${user.name},`,
      '',
      'Someone (we hope you) asked to reset your password. Choose a new one here; the link works once, for 1 hour:',
      `${env().APP_URL}/reset-password/${token}`,
      '',
      'If it was not you, ignore this mail: your password stays as it is.',
    ].join('\n'),
  })
}

/** Sets a new password from a reset link, ends every session, and signs the person in afresh. */
export async function resetPassword(token: string, password: string, now = new Date()) {
  const found = await lookupToken('reset', token, now)
  if (found.state !== 'valid') return { ok: false as const, state: found.state }
  const passwordHash = await hashPassword(password)
  const done = await db.$transaction(async (tx) => {
    if (!(await consumeToken(tx, found.tokenId, now))) return false
    await tx.user.update({ where: { id: found.user.id }, data: { passwordHash } })
    // Other reset links for this account stop working too.
    await tx.oneTimeToken.updateMany({ where: { userId: found.user.id, purpose: 'reset', usedAt: null }, data: { usedAt: now } })
    await tx.session.deleteMany({ where: { userId: found.user.id } })
    return true
  })
  if (!done) return { ok: false as const, state: 'used' as const }
  const { token: sessionToken } = await createSession(found.user.id, now)
  return { ok: true as const, sessionToken }
}

/**
 * Changes a password after checking the current one (through the sign-in throttle: a session left
 * open on a shared PC must not become a way to guess the password); ends every session and starts a new one.
 */
export async function changePassword(userId: string, current: string, next: string, ip: string, now = new Date()) {
  const user = await db.user.findUnique({ where: { id: userId } })
  const hash = user?.passwordHash
  if (!user || !hash) return { ok: false as const, field: 'currentPassword', message: 'That is not your current password.' }
  const checked = await throttledCheck(user.email, ip, now, () => verifyPassword(hash, current))
  if (!checked.allowed) {
    return {
      ok: false as const,
      field: 'currentPassword',
      message: `Too many wrong passwords. Try again in ${waitPhrase(checked.retryAt, now).text}.`,
    }
  }
  if (!checked.valid) return { ok: false as const, field: 'currentPassword', message: 'That is not your current password.' }
  await db.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(next) } })
  await invalidateUserSessions(userId)
  const { token } = await createSession(userId)
  return { ok: true as const, sessionToken: token }
}

/** Ends every session of a person, this one included (a lost phone, a shared PC left signed in). */
export async function signOutEverywhere(userId: string) {
  await db.$transaction(async (tx) => {
    const ended = await tx.session.deleteMany({ where: { userId } })
    await audit(tx, {
      actorId: userId,
      action: 'sessions.ended',
      subject: `user:${userId}`,
      summary: `Signed out everywhere (${ended.count} session${ended.count === 1 ? '' : 's'} ended)`,
    })
  })
}
