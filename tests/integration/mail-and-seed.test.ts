// Mail through a real SMTP server (a local sink), and the demo seed run twice.
import { beforeAll, describe, expect, it } from 'vitest'
import { useSmtpSink } from '../setup/smtp-sink'

const received = useSmtpSink()
beforeAll(() => {
  process.env.MAIL_FROM = 'Harbour Light <training@harbourlight.example>'
})

describe('mail', () => {
  it('goes out through SMTP when SMTP_URL is set, and not into the outbox', async () => {
    const { requestPasswordReset } = await import('~/models/account.server')
    const { db } = await import('~/utils/db.server')
    const { createPerson } = await import('../factories')
    await createPerson({ email: 'smtp.reader@example.com' })
    await requestPasswordReset('smtp.reader@example.com')
    expect(received).toHaveLength(1)
    expect(received[0]!.to).toEqual(['smtp.reader@example.com'])
    expect(received[0]!.body).toMatch(/From: Harbour Light <training@harbourlight.example>/)
    expect(received[0]!.body).toMatch(/http:\/\/localhost:3000\/reset-password\/[a-z2-7]{32}/)
    expect(await db.outboxMail.count()).toBe(0)
  })
})

describe('demo seed', () => {
  it('loads the demo organisation, and a second run duplicates nothing', async () => {
    const { seedDemo } = await import('../../prisma/seed')
    const { db } = await import('~/utils/db.server')
    await seedDemo()
    const counts = async () => ({
      users: await db.user.count(),
      teams: await db.team.count(),
      memberships: await db.membership.count(),
      leaders: await db.teamLeader.count(),
    })
    const demo = { email: { endsWith: '@harbourlight.example' } }
    const first = await counts()
    await seedDemo()
    expect(await counts()).toEqual(first)
    expect(await db.user.count({ where: { role: 'admin', ...demo } })).toBe(1)
    expect(await db.user.count({ where: { role: 'trainer', ...demo } })).toBe(2)
    expect(await db.user.count({ where: { role: 'leader', ...demo } })).toBe(3)
    expect(await db.user.count({ where: { role: 'learner', ...demo } })).toBe(30)
    expect(first.teams).toBe(3)
    // A leader leads more than one team.
    const leads = await db.teamLeader.groupBy({ by: ['userId'], _count: { teamId: true } })
    expect(Math.max(...leads.map((l) => l._count.teamId))).toBeGreaterThan(1)
    expect((await db.organisation.findUniqueOrThrow({ where: { id: 'default' } })).mission.length).toBeGreaterThan(20)
  })
})
