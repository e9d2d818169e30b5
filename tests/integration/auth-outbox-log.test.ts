// The outbox log (no SMTP_URL): reset and invite tokens never reach the server log.
import { describe, expect, it, vi } from 'vitest'

// The environment is read once per test file; this file needs the info level and no SMTP.
process.env.LOG_LEVEL = 'info'
delete process.env.SMTP_URL

describe('the outbox log', () => {
  it('redacts reset and invite tokens (the outbox itself keeps the link)', async () => {
    const { sendMail } = await import('~/utils/mail.server')
    const { db } = await import('~/utils/db.server')
    const written: string[] = []
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk))
      return true
    })
    const token = 'abcdefghijklmnopqrstuvwxyz234567'
    try {
      await sendMail({
        to: 'a@example.com',
        subject: 'Reset',
        text: `Here:\nhttp://localhost:3000/reset-password/${token}\nand http://localhost:3000/invite/${token}`,
      })
    } finally {
      spy.mockRestore()
    }
    const line = written.find((w) => w.includes('mail kept in outbox'))
    expect(line).toBeTruthy()
    expect(line).not.toContain(token)
    expect(line).toContain('/reset-password/[redacted]')
    expect(line).toContain('/invite/[redacted]')
    expect((await db.outboxMail.findFirstOrThrow({ where: { to: 'a@example.com' } })).text).toContain(token)
  })
})
