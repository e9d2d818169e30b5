import { STATUS_LABELS, type CertificateStatus } from '~/domain/certificates/certificates'

const BADGE: Record<CertificateStatus, string> = { valid: 'done', expiring: 'due-soon', expired: 'overdue', lapsed: 'overdue' }

/** A certificate's status as a badge: valid, expiring soon, expired, ended when readiness dropped. */
export function CertificateStatusBadge({ status }: { status: CertificateStatus }) {
  return <span className={`badge ${BADGE[status]}`}>{STATUS_LABELS[status]}</span>
}
