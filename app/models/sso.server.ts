// Who may sign in with single sign-on once the provider has vouched for them (app/utils/oidc.server.ts),
// the organisation's "everyone signs in with single sign-on" setting, and an admin's unlinking of a
// person's provider account.
import crypto from 'node:crypto'
import { emailOf, nameOf } from '~/domain/audit/summary'
import { deviceIdFor, type KnownDevice } from '~/domain/auth/known-devices'
import { emailDomain, isAllowedEmailDomain, ssoOnlyMessage, type SsoProblemReason, type SsoSettings } from '~/domain/auth/sso'
import { generateToken } from '~/domain/auth/tokens'
import { audit } from '~/models/audit.server'
import { DEFAULT_ORGANISATION, getOrganisation } from '~/models/organisation.server'
import { db } from '~/utils/db.server'
import { log } from '~/utils/logger.server'
import { forgetCached } from '~/utils/cache.server'
import { createSession } from '~/utils/session.server'
import { normaliseEmail } from './account.server'

export type SsoRefusal = Extract<
  SsoProblemReason,
  'email_missing' | 'email_unverified' | 'domain' | 'unknown' | 'deactivated' | 'subject_mismatch' | 'subject_taken'
>

export type SsoSignInResult =
  | { ok: true; token: string; userId: string; deviceId: string; activated: boolean; linked: boolean }
  | { ok: false; reason: SsoRefusal; email: string | null }

const REFUSAL_SUMMARY: Record<SsoProblemReason, string> = {
  state_missing: 'no sign-in was in progress in that browser (expired, already finished, or started elsewhere)',
  state_mismatch: 'the answer did not match the sign-in that browser started',
  provider_refused: 'the provider did not sign them in',
  code_rejected: 'the provider refused the sign-in code (already used or expired)',
  token_invalid: 'the ID token failed its checks (signature, issuer, audience, expiry or nonce)',
  unavailable: 'the provider did not answer',
  no_subject: 'the ID token named no subject',
  email_missing: 'the provider gave no email address',
  email_unverified: 'the provider has not verified the email address',
  domain: 'the email address is outside the allowed domains',
  unknown: 'no account uses the email address',
  deactivated: 'the account is deactivated',
  subject_mismatch: 'a different provider account than the one linked (possible account takeover)',
  subject_taken: 'the provider account is already linked to another person',
}

/** Records a refused single sign-on; the summary names the account by reference, or only the email's domain. */
export async function auditSsoRefusal(input: { reason: SsoProblemReason; userId?: string | null; email?: string | null }) {
  const who = input.userId ? emailOf(input.userId) : input.email ? `an address at ${emailDomain(input.email) ?? 'no domain'}` : 'someone'
  const why = REFUSAL_SUMMARY[input.reason]
  await audit(db, {
    actorId: null,
    action: 'sso.refused',
    subject: input.userId ? `user:${input.userId}` : 'sso',
    summary: `Single sign-on refused for ${who}: ${why}`,
  })
}

/**
 * Signs a person in whom the provider vouched for: a verified email at an allowed domain, of an
 * existing invited or active account. The provider's subject is bound to the account at the first
 * sign-in; later ones must come with the same subject. An invited person becomes active.
 */
export async function signInWithSso(
  settings: SsoSettings,
  identity: { subject: string; email: string | null; emailVerified: boolean },
  knownDevices: KnownDevice[] = [],
  now = new Date(),
): Promise<SsoSignInResult> {
  const email = identity.email ? normaliseEmail(identity.email) : null
  const refuse = async (reason: SsoRefusal, userId: string | null = null): Promise<SsoSignInResult> => {
    await auditSsoRefusal({ reason, userId, email })
    return { ok: false, reason, email }
  }
  if (!email) return refuse('email_missing')
  if (!identity.emailVerified) return refuse('email_unverified')
  if (!isAllowedEmailDomain(email, settings.allowedDomains)) return refuse('domain')
  const user = await db.user.findUnique({ where: { email } })
  if (!user) return refuse('unknown')
  if (user.status === 'deactivated') return refuse('deactivated', user.id)
  if (user.ssoSubject !== null && user.ssoSubject !== identity.subject) {
    log.error('single sign-on: subject does not match the linked one', { userId: user.id })
    return refuse('subject_mismatch', user.id)
  }
  const linking = user.ssoSubject === null
  const activating = user.status === 'invited'
  if (linking || activating) {
    const holder = linking ? await db.user.findUnique({ where: { ssoSubject: identity.subject }, select: { id: true } }) : null
    if (holder) return refuse('subject_taken', user.id)
    const done = await db.$transaction(async (tx) => {
      // Only while the account is as read: a parallel sign-in cannot bind a second subject.
      const { count } = await tx.user.updateMany({
        where: { id: user.id, ssoSubject: user.ssoSubject, status: user.status },
        data: { ssoSubject: identity.subject, status: 'active' },
      })
      if (count !== 1) return false
      if (activating) {
        // As accepting the invite would: its link no longer works.
        await tx.oneTimeToken.updateMany({ where: { userId: user.id, purpose: 'invite', usedAt: null }, data: { usedAt: now } })
      }
      const what = [activating ? 'accepted their invite' : null, linking ? 'linked their single sign-on account' : null].filter(Boolean)
      await audit(tx, {
        actorId: user.id,
        action: 'sso.linked',
        subject: `user:${user.id}`,
        summary: `${emailOf(user.id)} ${what.join(' and ')}`,
      })
      return true
    })
    if (!done) return refuse('subject_mismatch', user.id)
  }
  const { token } = await createSession(user.id, now)
  return {
    ok: true,
    token,
    userId: user.id,
    deviceId: deviceIdFor(knownDevices, user.id) ?? generateToken(),
    activated: activating,
    linked: linking,
  }
}

let warnedUnconfigured = false

/**
 * Whether password sign-in, reset and invite passwords are refused: the organisation requires single
 * sign-on and it is configured. Required but not configured (a removed setting) lets passwords work
 * again, with a warning in the log, so nobody is locked out.
 */
export async function ssoRequired(settings: SsoSettings | null): Promise<boolean> {
  const org = await getOrganisation()
  if (!('requireSso' in org) || !org.requireSso) return false
  if (settings) return true
  if (!warnedUnconfigured) {
    warnedUnconfigured = true
    log.error('single sign-on is required by the organisation but OIDC_ISSUER is not set: password sign-in is allowed again')
  }
  return false
}

export class RequireSsoError extends Error {}

/**
 * Turns the requirement on or off. On needs single sign-on configured and the admin's own account
 * linked to it (so they cannot lock themselves out). Audit-logged.
 */
export async function setRequireSso(settings: SsoSettings | null, on: boolean, adminId: string) {
  if (on) {
    if (!settings) throw new RequireSsoError('Single sign-on is not configured on this server (OIDC_ISSUER and the other OIDC_ settings).')
    const admin = await db.user.findUnique({ where: { id: adminId }, select: { ssoSubject: true } })
    if (!admin?.ssoSubject) {
      throw new RequireSsoError(`Sign in with ${settings.label} yourself first, so you know it works for you before it is the only way in.`)
    }
  }
  await db.$transaction([
    db.organisation.upsert({
      where: { id: 'default' },
      create: { id: 'default', ...DEFAULT_ORGANISATION, requireSso: on },
      update: { requireSso: on },
    }),
    audit(db, {
      actorId: adminId,
      action: 'organisation.require_sso',
      subject: 'organisation',
      summary: on ? `Everyone must sign in with ${settings?.label ?? 'single sign-on'}` : 'Password sign-in allowed again',
    }),
  ])
  forgetCached()
}

/** Whether a person's account is linked to the single sign-on provider (they have signed in with it). */
export async function hasLinkedSso(userId: string) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { ssoSubject: true } })
  return Boolean(user?.ssoSubject)
}

/** "Your organisation signs in with …" when passwords are refused (single sign-on required and configured), else null. */
export async function ssoOnlyRefusal(settings: SsoSettings | null): Promise<string | null> {
  return settings && (await ssoRequired(settings)) ? ssoOnlyMessage(settings.label) : null
}

/**
 * A short stand-in for a linked subject, for the admin's page: the unlink form sends it back, so an
 * unlink from a page loaded before the person linked another account changes nothing. The subject
 * itself is not shown.
 */
export function subjectFingerprint(subject: string) {
  return crypto.createHash('sha256').update(subject).digest('hex').slice(0, 16)
}

export type SsoLink = { linked: boolean; since: Date | null; fingerprint: string | null }

/** Whether a person's account is linked to the provider, and since when (the audit log's last link), or null for no such person. */
export async function ssoLinkOf(userId: string): Promise<SsoLink | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { ssoSubject: true } })
  if (!user) return null
  if (!user.ssoSubject) return { linked: false, since: null, fingerprint: null }
  const event = await db.auditEvent.findFirst({
    where: { action: 'sso.linked', subject: `user:${userId}` },
    orderBy: { createdAt: 'desc' },
    select: { createdAt: true },
  })
  return { linked: true, since: event?.createdAt ?? null, fingerprint: subjectFingerprint(user.ssoSubject) }
}

export type UnlinkResult = 'unlinked' | 'not_linked' | 'changed'

/**
 * An admin unlinks a person's provider account (their work account was recreated, so the provider
 * gives them a new subject): their next single sign-on links the account they use then. Only the
 * link shown to the admin (`fingerprint`) is cleared; an account that is no longer linked, or linked
 * to another provider account since, is left as it is. Audit-logged. Null when there is no such person.
 * It locks nobody out: an unlinked person signs in with the provider as at their first time, and
 * password sign-in is as before.
 */
export async function unlinkSso(adminId: string, userId: string, fingerprint: string): Promise<UnlinkResult | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { ssoSubject: true } })
  if (!user) return null
  if (!user.ssoSubject) return 'not_linked'
  if (subjectFingerprint(user.ssoSubject) !== fingerprint) return 'changed'
  const subject = user.ssoSubject
  return db.$transaction(async (tx) => {
    // Only the subject read above: a sign-in that links another one in between wins.
    const { count } = await tx.user.updateMany({ where: { id: userId, ssoSubject: subject }, data: { ssoSubject: null } })
    if (count !== 1) return 'changed'
    await audit(tx, {
      actorId: adminId,
      action: 'sso.unlinked',
      subject: `user:${userId}`,
      summary:
        adminId === userId
          ? `${nameOf(userId)} (${emailOf(userId)}) unlinked their own single sign-on account`
          : `Unlinked the single sign-on account of ${nameOf(userId)} (${emailOf(userId)})`,
    })
    return 'unlinked'
  })
}
