import nodemailer, { type Transporter } from 'nodemailer'
import { db } from './db.server'
import { env } from './env.server'
import { log } from './logger.server'

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

/**
 * The log is read by more people (and kept longer) than the admin's outbox page, so the secret part
 * of reset and invite links never reaches it: whoever reads a token can take over the account.
 */
export function redactTokens(text: string) {
  return text.replace(/(\/(?:reset-password|invite)\/)[^\s/?#]+/g, '$1[redacted]')
}
