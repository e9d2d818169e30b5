import { WEEK_MS } from '~/domain/readiness/model'
import { db } from '~/utils/db.server'
import { env } from '~/utils/env.server'
import { sendMail } from '~/utils/mail.server'

/**
 * Mails each active person whose readiness needs them (a refresher due, onboarding overdue) a short
 * reminder, at most once a week per person. Returns how many were sent.
 */
export async function sendReadinessReminders(now = new Date()) {
  const people = await db.user.findMany({
    where: {
      status: 'active',
      OR: [{ lastReminderAt: null }, { lastReminderAt: { lt: new Date(now.getTime() - WEEK_MS) } }],
      readiness: { OR: [{ refreshers: { gt: 0 } }, { onboardingDueAt: { lt: now } }] },
    },
    select: {
      id: true,
      email: true,
      name: true,
      readiness: { select: { onboardingDueAt: true } },
      estimates: { where: { refresherSince: { not: null } }, select: { competencyId: true } },
    },
  })
  const titles = new Map((await db.competency.findMany({ select: { id: true, title: true } })).map((c) => [c.id, c.title]))
  const app = env().APP_URL
  let sent = 0
  for (const p of people) {
    const refreshers = p.estimates.map((e) => titles.get(e.competencyId) ?? e.competencyId)
    const overdue = Boolean(p.readiness?.onboardingDueAt && p.readiness.onboardingDueAt < now)
    const lines = [
      `Hello ${p.name},`,
      '',
      ...(refreshers.length > 0
        ? [
            `Time for a refresher: ${refreshers.join(', ')} ${refreshers.length === 1 ? 'was' : 'were'} ready, and older answers now count for less. A short practice set brings ${refreshers.length === 1 ? 'it' : 'them'} back: ${app}/quizzes/practice`,
            '',
          ]
        : []),
      ...(overdue ? [`Part of your onboarding is overdue. See what is due: ${app}/learn`, ''] : []),
      `Your readiness: ${app}/readiness`,
    ]
    // Claim the week first, so two runs at once cannot both mail the same person.
    const { count } = await db.user.updateMany({
      where: { id: p.id, OR: [{ lastReminderAt: null }, { lastReminderAt: { lt: new Date(now.getTime() - WEEK_MS) } }] },
      data: { lastReminderAt: now },
    })
    if (count === 0) continue
    await sendMail({
      to: p.email,
      subject: refreshers.length > 0 ? 'Mission Ready: time for a refresher' : 'Mission Ready: your onboarding is overdue',
      text: lines.join('\n'),
    })
    sent++
  }
  return sent
}
