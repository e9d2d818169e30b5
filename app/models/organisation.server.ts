import { audit } from '~/models/audit.server'
import { cached, forgetCached } from '~/utils/cache.server'
import { db } from '~/utils/db.server'

export const DEFAULT_ORGANISATION = {
  name: 'Your organisation',
  mission: 'Write your organisation’s mission here, in the words every employee should know.',
}

const organisation = cached(
  async () => (await db.organisation.findUnique({ where: { id: 'default' } })) ?? { id: 'default', ...DEFAULT_ORGANISATION },
)

/** The organisation's name, mission and settings (every page shows them: a process cache). */
export function getOrganisation() {
  return organisation(null)
}

export async function updateOrganisation(data: { name: string; mission: string }) {
  const saved = await db.organisation.upsert({ where: { id: 'default' }, create: { id: 'default', ...data }, update: data })
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
