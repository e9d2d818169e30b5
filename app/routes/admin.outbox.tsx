import type { LoaderFunctionArgs, MetaFunction } from 'react-router'
import { useLoaderData } from 'react-router'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { requireAdmin } from '~/utils/auth.server'
import { env } from '~/utils/env.server'
import { recentOutboxMail } from '~/utils/mail.server'
import { useDateFormat } from '~/components/use-dates'

export const meta: MetaFunction = () => [{ title: 'Outbox · Mission Ready' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request)
  const mails = await recentOutboxMail()
  return { mails, smtp: Boolean(env().SMTP_URL) }
}

export default function Outbox() {
  const timeFormat = useDateFormat('dateTime')
  const { mails, smtp } = useLoaderData<typeof loader>()
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>Outbox</h1>
          <p>
            {smtp
              ? 'Mail goes out through your SMTP server; mail kept before it was set up stays here.'
              : 'No SMTP server is configured (SMTP_URL), so mail is kept here and written to the server log. Pass invite and reset links on by hand.'}
          </p>
        </div>
      </div>
      {mails.length === 0 ? <div className="card empty">No mail yet. Invites and password resets will appear here.</div> : null}
      {mails.map((m) => (
        <article key={m.id} className="card" aria-label={`${m.subject} to ${m.to}`}>
          <h2>{m.subject}</h2>
          <p className="muted">
            To {m.to} · {timeFormat.format(new Date(m.createdAt))}
          </p>
          <pre className="mail">{m.text}</pre>
        </article>
      ))}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
