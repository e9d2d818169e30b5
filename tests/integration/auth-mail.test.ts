// Reset mail off the response path (a real SMTP server that takes 2 s), and tokens kept out of the log.
import net from 'node:net'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

const received: { to: string[]; body: string }[] = []
const SMTP_DELAY_MS = 2000
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, session, callback) {
    let body = ''
    stream.on('data', (c) => (body += c))
    stream.on('end', () => {
      setTimeout(() => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), body })
        callback()
      }, SMTP_DELAY_MS)
    })
  },
})

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
  const { port } = (smtp.server as net.Server).address() as net.AddressInfo
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`
})
afterAll(() => new Promise<void>((resolve) => smtp.close(resolve)))

describe('forgot password', () => {
  it('answers a known address without waiting for the mail transport; the mail arrives afterwards', async () => {
    const forgot = await import('~/routes/forgot-password')
    const { settleBackgroundMail } = await import('~/models/account.server')
    const { createPerson } = await import('../factories')
    const { call, post } = await import('../setup/remix')
    await createPerson({ email: 'slow.smtp@example.com' })
    const started = Date.now()
    const res = await call(forgot.action, post('/forgot-password', { email: 'slow.smtp@example.com' }))
    const tookMs = Date.now() - started
    expect(res.status).toBe(302)
    expect(tookMs).toBeLessThan(SMTP_DELAY_MS / 2)
    expect(received).toHaveLength(0)
    await settleBackgroundMail()
    expect(received.map((r) => r.to)).toEqual([['slow.smtp@example.com']])
    expect(received[0]!.body).toMatch(/reset-password\/[a-z2-7]{32}/)
  }, 15_000)
})
