import { db } from '~/utils/db.server'

const DAY_MS = 86_400_000

/** How long records kept only for a while stay: sign-in attempts (throttling and investigation), the mail outbox, spent links. */
export const RETENTION_DAYS = { loginAttempts: 30, outbox: 90, spentTokens: 30 } as const

/**
 * Deletes what is no longer needed: expired sessions, sign-in attempts and spent or expired
 * one-time links past their retention, and outbox mail past its retention.
 */
export async function pruneOldRecords(now = new Date()) {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS)
  const [sessions, loginAttempts, tokens, outbox] = await db.$transaction([
    db.session.deleteMany({ where: { expiresAt: { lt: now } } }),
    db.loginAttempt.deleteMany({ where: { createdAt: { lt: before(RETENTION_DAYS.loginAttempts) } } }),
    db.oneTimeToken.deleteMany({
      where: { OR: [{ usedAt: { lt: before(RETENTION_DAYS.spentTokens) } }, { expiresAt: { lt: before(RETENTION_DAYS.spentTokens) } }] },
    }),
    db.outboxMail.deleteMany({ where: { createdAt: { lt: before(RETENTION_DAYS.outbox) } } }),
  ])
  return { sessions: sessions.count, loginAttempts: loginAttempts.count, tokens: tokens.count, outbox: outbox.count }
}
