import type { AuditAction } from '~/domain/audit/actions'
import { db, type Prisma, type Tx } from '~/utils/db.server'

/** Records an audited action; pass the transaction that makes the change, so both commit together. */
export function audit(client: Tx | typeof db, event: { actorId: string | null; action: AuditAction; subject: string; summary: string }) {
  return client.auditEvent.create({ data: event })
}

export const AUDIT_PAGE_SIZE = 100

/** The audit log, newest first, optionally for one action, with the actors' names. */
export async function listAudit(filter: { action?: AuditAction; page: number }) {
  const where: Prisma.AuditEventWhereInput = filter.action ? { action: filter.action } : {}
  const [total, events] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({ where, orderBy: { createdAt: 'desc' }, skip: (filter.page - 1) * AUDIT_PAGE_SIZE, take: AUDIT_PAGE_SIZE }),
  ])
  const actors = new Map((await db.user.findMany({ where: { id: { in: [...new Set(events.flatMap((e) => (e.actorId ? [e.actorId] : [])))] } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]))
  return {
    total,
    pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    events: events.map((e) => ({ id: e.id, action: e.action as AuditAction, subject: e.subject, summary: e.summary, actor: e.actorId ? actors.get(e.actorId) ?? 'A deleted account' : 'The system', at: e.createdAt.toISOString() })),
  }
}
