import { audit } from '~/models/audit.server'
import { cached, forgetCached } from '~/utils/cache.server'
import { DEFAULT_TIME_ZONE, isTimeZone } from '~/domain/calendar/dates'
import { db, type Tx } from '~/utils/db.server'

export const DEFAULT_ORGANISATION = {
  name: 'Your organisation',
  mission: 'Write your organisation’s mission here, in the words every employee should know.',
  timeZone: DEFAULT_TIME_ZONE,
}

const organisation = cached(
  async () => (await db.organisation.findUnique({ where: { id: 'default' } })) ?? { id: 'default', ...DEFAULT_ORGANISATION },
)

/** The organisation's name, mission and settings (every page shows them: a process cache). */
export function getOrganisation() {
  return organisation(null)
}

/** The organisation's IANA time zone: where its days begin and end, and how dates are shown. */
export async function getTimeZone(): Promise<string> {
  const zone = (await getOrganisation()).timeZone
  // A zone the runtime no longer knows (e.g. removed from tzdata) must not break every page.
  return isTimeZone(zone) ? zone : DEFAULT_TIME_ZONE
}

/** The time zone as seen inside a transaction (the process cache reads outside it). */
export async function timeZoneIn(client: Tx | typeof db): Promise<string> {
  const row = await client.organisation.findUnique({ where: { id: 'default' }, select: { timeZone: true } })
  return row && isTimeZone(row.timeZone) ? row.timeZone : DEFAULT_TIME_ZONE
}

/** Saves name, mission and time zone; a change of time zone is audit-logged (it moves every "day"). */
export async function updateOrganisation(data: { name: string; mission: string; timeZone?: string }, actorId?: string) {
  if (data.timeZone !== undefined && !isTimeZone(data.timeZone)) throw new Error(`Unknown time zone: ${data.timeZone}`)
  const before = await db.organisation.findUnique({ where: { id: 'default' }, select: { timeZone: true } })
  const previousZone = before?.timeZone ?? DEFAULT_TIME_ZONE
  const saved = await db.$transaction(async (tx) => {
    const row = await tx.organisation.upsert({ where: { id: 'default' }, create: { id: 'default', ...data }, update: data })
    if (data.timeZone !== undefined && data.timeZone !== previousZone) {
      await audit(tx, {
        actorId: actorId ?? null,
        action: 'organisation.time_zone',
        subject: 'organisation',
        summary: `Time zone ${previousZone} → ${data.timeZone}`,
      })
    }
    return row
  })
  forgetCached()
  return saved
}

/** Saves the readiness settings (bounds as fractions); the caller recomputes readiness after. */
export async function updateReadinessSettings(
  data: { halfLifeDays: number; readyLowerBound: number; roleModelLowerBound: number },
  actorId: string,
) {
  await db.$transaction([
    db.organisation.upsert({ where: { id: 'default' }, create: { id: 'default', ...DEFAULT_ORGANISATION, ...data }, update: data }),
    audit(db, {
      actorId,
      action: 'readiness.settings',
      subject: 'organisation',
      summary: `Half-life ${data.halfLifeDays} days, ready from ${Math.round(data.readyLowerBound * 100)}%, role model from ${Math.round(data.roleModelLowerBound * 100)}%`,
    }),
  ])
  forgetCached()
}
