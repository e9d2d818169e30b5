// A real SMTP server on loopback that keeps what it receives, for tests of mail sent over SMTP.
// It is started in beforeAll and sets SMTP_URL; `delayMs` makes it slow to accept each mail.
import type net from 'node:net'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll } from 'vitest'

export function useSmtpSink({ delayMs = 0 } = {}) {
  const received: { to: string[]; body: string }[] = []
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
        }, delayMs)
      })
    },
  })
  beforeAll(async () => {
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
    const { port } = (smtp.server as net.Server).address() as net.AddressInfo
    process.env.SMTP_URL = `smtp://127.0.0.1:${port}`
  })
  afterAll(() => new Promise<void>((resolve) => smtp.close(resolve)))
  return received
}
