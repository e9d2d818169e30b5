// The framework's competencies as the pages list them. Archived ones (no longer in the framework,
// kept because evidence points at them) are never offered: these read the active ones only.
import { db } from '~/utils/db.server'

/** The active competencies in the framework's order, as a form's choices (id and title). */
export function listCompetencies() {
  return db.competency.findMany({ where: { archivedAt: null }, orderBy: { position: 'asc' }, select: { id: true, title: true } })
}

/** The ids of the active competencies, in the framework's order (what content may refer to). */
export async function activeCompetencyIds() {
  return (await db.competency.findMany({ where: { archivedAt: null }, orderBy: { position: 'asc' }, select: { id: true } })).map(
    (c) => c.id,
  )
}

/** One active competency (null for an unknown or archived id). */
export function findActiveCompetency(id: string) {
  return db.competency.findFirst({ where: { id, archivedAt: null }, select: { id: true, title: true } })
}
