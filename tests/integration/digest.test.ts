// The weekly digest for leaders: one mail per leader and week about the people they lead, saying
// who became client-ready and who slipped since the last one, red flags and overdue onboarding;
// never twice in a week, never to a leader who turned it off, never about another team.
import { beforeEach, describe, expect, it } from 'vitest'
import { sendLeaderDigests } from '~/models/digest.server'
import * as account from '~/routes/account'
import { db } from '~/utils/db.server'
import { cookieFor, createPerson, createTeam } from '../factories'
import { call, get, post, toastOf } from '../setup/remix'

const monday = new Date('2026-12-07T09:00:00Z')
const nextMonday = new Date('2026-12-14T09:00:00Z')
const DAY = 86_400_000

async function readiness(userId: string, data: { clientReady?: boolean; redFlags?: number; onboardingDueAt?: Date | null }) {
  const row = { clientReady: false, weakestLower: 0.05, redFlags: 0, refreshers: 0, onboardingDueAt: null, ...data }
  await db.personReadiness.upsert({ where: { userId }, create: { userId, ...row }, update: row })
}
const mailTo = (email: string) => db.outboxMail.findMany({ where: { to: email }, orderBy: { createdAt: 'asc' } })

beforeEach(async () => {
  await db.leaderDigest.deleteMany()
})

describe('the weekly digest', () => {
  it('tells a leader about their people, once a week, and next week what changed', async () => {
    const leader = await createPerson({ role: 'leader', name: 'Priya Leader' })
    const team = await createTeam('Front desk digest', [leader.id])
    const ana = await createPerson({ teamIds: [team.id], name: 'Ana Ready' })
    const ben = await createPerson({ teamIds: [team.id], name: 'Ben Flagged' })
    const cal = await createPerson({ teamIds: [team.id], name: 'Cal Overdue' })
    const other = await createPerson({ teamIds: [(await createTeam('Kitchen digest')).id], name: 'Olga Elsewhere' })
    await readiness(ana.id, { clientReady: true })
    await readiness(ben.id, { redFlags: 1 })
    await readiness(cal.id, { onboardingDueAt: new Date(monday.getTime() - 3 * DAY) })
    await readiness(other.id, { clientReady: true, redFlags: 2 })

    expect(await sendLeaderDigests(monday, 'UTC')).toBeGreaterThanOrEqual(1)
    const [first] = await mailTo(leader.email)
    expect(first!.subject).toBe('Mission Ready: your teams this week (1 red flag)')
    expect(first!.text).toContain('This week in Front desk digest: 1 of 3 people are client-ready.')
    expect(first!.text).toContain('This is your first weekly digest')
    expect(first!.text).toMatch(
      new RegExp(`Red flags to talk through:\\n  - Ben Flagged: http://[^/]+/people/${ben.id}/readiness \\(1 competency\\)`),
    )
    expect(first!.text).toContain(`Onboarding overdue:\n  - Cal Overdue: `)
    expect(first!.text).not.toContain('Olga')

    // The same week again (a retry, another process): no second mail.
    await sendLeaderDigests(new Date(monday.getTime() + 3 * 3_600_000), 'UTC')
    expect(await mailTo(leader.email)).toHaveLength(1)

    // A week later Ana has slipped and Ben became client-ready.
    await readiness(ana.id, { clientReady: false })
    await readiness(ben.id, { clientReady: true, redFlags: 0 })
    await sendLeaderDigests(nextMonday, 'UTC')
    const second = (await mailTo(leader.email))[1]!
    expect(second.subject).toBe('Mission Ready: your teams this week (1 became client-ready, 1 slipped)')
    expect(second.text).toContain('Became client-ready since last week:\n  - Ben Flagged: ')
    expect(second.text).toContain('Slipped below client-ready (a refresher is due):\n  - Ana Ready: ')
    expect(second.text).not.toContain('first weekly digest')
  })

  it('skips leaders who turned it off on their account page, who were deactivated, or who lead nobody', async () => {
    const off = await createPerson({ role: 'leader' })
    const gone = await createPerson({ role: 'leader', status: 'deactivated' })
    const empty = await createPerson({ role: 'leader' })
    const team = await createTeam(undefined, [off.id, gone.id])
    await createTeam(undefined, [empty.id])
    await createPerson({ teamIds: [team.id] })

    const cookie = await cookieFor(off.id)
    const page = (await call(account.loader, get('/account', cookie))).body as Awaited<ReturnType<typeof account.loader>>
    expect(page.digest).toEqual({ leads: true, on: true })
    const res = await call(account.action, post('/account', { intent: 'weekly-digest', on: 'false' }, cookie))
    expect(res.status).toBe(302)
    expect((await toastOf(res)).toast?.description).toContain('The weekly digest is off')
    expect((await db.user.findUniqueOrThrow({ where: { id: off.id } })).weeklyDigest).toBe(false)
    const bad = await call(account.action, post('/account', { intent: 'weekly-digest', on: 'maybe' }, cookie))
    expect(bad.status).toBe(400)
    expect((await db.user.findUniqueOrThrow({ where: { id: off.id } })).weeklyDigest).toBe(false)

    await sendLeaderDigests(monday, 'UTC')
    for (const leader of [off, gone, empty]) expect(await mailTo(leader.email), leader.email).toEqual([])

    // A learner who leads nothing is not offered the choice.
    const learner = await createPerson()
    const theirs = (await call(account.loader, get('/account', await cookieFor(learner.id)))).body as Awaited<
      ReturnType<typeof account.loader>
    >
    expect(theirs.digest.leads).toBe(false)
  })
})
