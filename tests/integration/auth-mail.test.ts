// Reset mail off the response path (a real SMTP server that takes 2 s), and tokens kept out of the log.
import { describe, expect, it } from 'vitest'
import { useSmtpSink } from '../setup/smtp-sink'

const SMTP_DELAY_MS = 2000
const received = useSmtpSink({ delayMs: SMTP_DELAY_MS })

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
