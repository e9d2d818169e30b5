import type { AuditAction } from '~/domain/audit/actions'
import { referencedPeople, renderSummary } from '~/domain/audit/summary'
import { db, type Prisma, type Tx } from '~/utils/db.server'

/** Records an audited action; pass the transaction that makes the change, so both commit together. */
export function audit(client: Tx | typeof db, event: { actorId: string | null; action: AuditAction; subject: string; summary: string }) {
  return client.auditEvent.create({ data: event })
}

export const AUDIT_PAGE_SIZE = 100

/** The audit log, newest first, optionally for one action, with the actors' and subjects' current names. */
export async function listAudit(filter: { action?: AuditAction; page: number }) {
  const where: Prisma.AuditEventWhereInput = filter.action ? { action: filter.action } : {}
  const [total, events] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({ where, orderBy: { createdAt: 'desc' }, skip: (filter.page - 1) * AUDIT_PAGE_SIZE, take: AUDIT_PAGE_SIZE }),
  ])
  const ids = new Set(events.flatMap((e) => [...(e.actorId ? [e.actorId] : []), ...referencedPeople(e.summary)]))
  const people = new Map(
    (await db.user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true, email: true } })).map((u) => [u.id, u]),
  )
  return {
    total,
    pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    events: events.map((e) => ({
      id: e.id,
      action: e.action as AuditAction,
      subject: e.subject,
      summary: renderSummary(e.summary, people),
      actor: e.actorId ? (people.get(e.actorId)?.name ?? 'A deleted account') : 'The system',
      at: e.createdAt.toISOString(),
    })),
  }
}
