import type { LoaderFunctionArgs, MetaFunction } from 'react-router'
import { Link, useLoaderData } from 'react-router'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { formatDate } from '~/domain/calendar/dates'
import { STATUS_LABELS } from '~/domain/certificates/certificates'
import { getCertificateForViewer } from '~/models/certificates.server'
import { requireAuth } from '~/utils/auth.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} · ${data.holder.name} · Mission Ready` : 'Certificate · Mission Ready' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer } = await requireAuth(request)
  const certificate = await getCertificateForViewer(viewer, params.id ?? '')
  // The same answer for "no such certificate" and "not yours", so ids cannot be probed.
  if (!certificate) throw new Response('Not found', { status: 404 })
  return certificate
}

export default function CertificatePage() {
  const c = useLoaderData<typeof loader>()
  const stands = c.status === 'valid' || c.status === 'expiring'
  return (
    <div className="stack">
      <div className="page-header no-print">
        <p>
          <Link to={c.holder.own ? '/certificates' : `/people/${c.holder.id}/readiness`}>
            ← {c.holder.own ? 'Certificates' : c.holder.name}
          </Link>
        </p>
        <button type="button" onClick={() => window.print()}>
          Print or save as PDF
        </button>
      </div>
      {stands ? null : (
        <p className="alert warn no-print" role="status">
          This certificate is {STATUS_LABELS[c.status].toLowerCase()}; it is shown as history. Its print says so.
        </p>
      )}
      <article className="certificate-sheet" aria-labelledby="certificate-title">
        <p className="certificate-org">{c.organisation}</p>
        <p className="certificate-kicker">Certificate</p>
        <h1 id="certificate-title">{c.title}</h1>
        <p className="certificate-lead">This certifies that</p>
        <p className="certificate-holder">{c.holder.name}</p>
        <p className="certificate-lead">is ready in every competency of {c.of}:</p>
        <ul className="certificate-competencies">
          {c.competencies.map((x) => (
            <li key={x.id}>{x.title}</li>
          ))}
        </ul>
        <dl className="certificate-dates">
          <div>
            <dt>Issued</dt>
            <dd>{formatDate(c.issuedAt, c.zone)}</dd>
          </div>
          <div>
            <dt>{c.status === 'expired' ? 'Expired' : 'Valid until'}</dt>
            <dd>{formatDate(c.expiresAt, c.zone)}</dd>
          </div>
          <div>
            <dt>Verification code</dt>
            <dd className="certificate-code">{c.code}</dd>
          </div>
        </dl>
        {stands ? null : <p className="certificate-void">{STATUS_LABELS[c.status]}: no longer valid.</p>}
        <p className="certificate-foot">
          Readiness is measured from scored answers and what leaders saw on the job, and fades as evidence ages. Dates in {c.zone}.
        </p>
      </article>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
