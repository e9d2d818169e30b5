import nodemailer, { type Transporter } from 'nodemailer'
import { db } from './db.server'
import { env } from './env.server'
import { log, redactTokens } from './logger.server'

export type Mail = { to: string; subject: string; text: string }

let transport: Transporter | undefined

/**
 * Sends a mail through SMTP when SMTP_URL is set; otherwise keeps it in the outbox (readable by
 * admins in the app) and writes it to the server log, so every flow works with no mail server.
 */
export async function sendMail(mail: Mail): Promise<{ via: 'smtp' | 'outbox' }> {
  const { SMTP_URL, MAIL_FROM } = env()
  if (SMTP_URL) {
    transport ??= nodemailer.createTransport(SMTP_URL)
    await transport.sendMail({ from: MAIL_FROM, ...mail })
    log.info('mail sent', { to: mail.to, subject: mail.subject })
    return { via: 'smtp' }
  }
  await db.outboxMail.create({ data: mail })
  log.info('mail kept in outbox (no SMTP_URL)', { to: mail.to, subject: mail.subject, text: redactTokens(mail.text) })
  return { via: 'outbox' }
}

/** The mail kept in the outbox, newest first (the admins' outbox page). */
export function recentOutboxMail(limit = 100) {
  return db.outboxMail.findMany({ orderBy: { createdAt: 'desc' }, take: limit })
}
