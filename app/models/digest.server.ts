// The weekly digest for leaders (a scheduled job, app/models/jobs.server.ts): one mail per leader
// and week about the people in the teams they lead. Inserting the LeaderDigest row claims the week,
// so a second run (or a second process) mails nobody twice; the row keeps whom it counted
// client-ready for next week's comparison.
import { z } from 'zod'
import { dayKey } from '~/domain/calendar/dates'
import { startOfWeek } from '~/domain/calendar/days'
import { composeDigest } from '~/domain/readiness/digest'
import { db } from '~/utils/db.server'
import { env } from '~/utils/env.server'
import { sendMail } from '~/utils/mail.server'
import { parseStored } from '~/utils/stored-json.server'

const IdsSchema = z.array(z.string())

/** Sends this week's digest to every active leader who has it on and leads someone; returns how many were mailed. */
export async function sendLeaderDigests(now: Date, zone: string): Promise<number> {
  const week = dayKey(startOfWeek(now, zone), zone)
  const leaders = await db.user.findMany({
    where: { status: 'active', weeklyDigest: true, leads: { some: {} } },
    select: {
      id: true,
      name: true,
      email: true,
      leads: {
        select: {
          team: {
            select: {
              name: true,
              members: {
                where: { user: { status: 'active' } },
                select: {
                  user: {
                    select: { id: true, name: true, readiness: { select: { clientReady: true, redFlags: true, onboardingDueAt: true } } },
                  },
                },
              },
            },
          },
        },
      },
    },
    orderBy: { name: 'asc' },
  })
  let sent = 0
  for (const leader of leaders) {
    const people = new Map(
      leader.leads
        .flatMap((l) => l.team.members.map((m) => m.user))
        .filter((u) => u.id !== leader.id)
        .map((u) => [
          u.id,
          {
            id: u.id,
            name: u.name,
            clientReady: u.readiness?.clientReady ?? false,
            redFlags: u.readiness?.redFlags ?? 0,
            onboardingOverdue: Boolean(u.readiness?.onboardingDueAt && u.readiness.onboardingDueAt < now),
          },
        ]),
    )
    const last = await db.leaderDigest.findFirst({ where: { leaderId: leader.id, week: { lt: week } }, orderBy: { week: 'desc' } })
    const digest = composeDigest({
      leaderName: leader.name,
      teams: leader.leads.map((l) => l.team.name).sort((a, b) => a.localeCompare(b)),
      people: [...people.values()],
      previous: last ? new Set(parseStored(IdsSchema, last.clientReady, 'Client-ready people of a leader digest')) : null,
      appUrl: env().APP_URL,
    })
    if (!digest) continue
    try {
      await db.leaderDigest.create({ data: { leaderId: leader.id, week, clientReady: JSON.stringify(digest.clientReady), sentAt: now } })
    } catch (error) {
      // Already sent this week (another run got here first).
      if (await db.leaderDigest.findUnique({ where: { leaderId_week: { leaderId: leader.id, week } } })) continue
      throw error
    }
    await sendMail({ to: leader.email, subject: digest.subject, text: digest.text })
    sent++
  }
  return sent
}

/** A person's choice to get the weekly digest of their teams. */
export async function setWeeklyDigest(userId: string, on: boolean) {
  await db.user.update({ where: { id: userId }, data: { weeklyDigest: on } })
}

/** Whether a person leads a team (so the digest is theirs to choose), and whether they get it. */
export async function digestChoice(userId: string) {
  const row = await db.user.findUnique({ where: { id: userId }, select: { weeklyDigest: true, _count: { select: { leads: true } } } })
  return { leads: (row?._count.leads ?? 0) > 0, on: row?.weeklyDigest ?? false }
}
