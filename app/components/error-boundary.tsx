import { isRouteErrorResponse, Link, useRouteError } from 'react-router'
import { BODY_LIMIT_TEXT } from '~/utils/body-limit'

const MESSAGES: Record<number, { title: string; body: string }> = {
  400: { title: 'That request did not make sense', body: 'Check what you entered and try again.' },
  403: { title: 'Not available to you', body: 'Your role does not give access to this page. Ask an admin if you need it.' },
  404: { title: 'Not found', body: 'This page does not exist, or it is not visible to you.' },
  413: { title: 'Too large', body: `What you sent is larger than the server accepts (limit ${BODY_LIMIT_TEXT}). Nothing was saved.` },
  503: { title: 'Temporarily unavailable', body: 'The service cannot reach its database. Try again in a minute.' },
}

/** The one error view: a message per status; unexpected errors never show their details. */
export function GeneralErrorBoundary() {
  const error = useRouteError()
  const status = isRouteErrorResponse(error) ? error.status : 500
  const known = MESSAGES[status] ?? { title: 'Something went wrong', body: 'The error has been logged. Try again, or go back home.' }
  const detail = isRouteErrorResponse(error) && typeof error.data === 'string' && status < 500 ? error.data : null
  return (
    <div className="card narrow" role="alert">
      <p className="muted">Error {status}</p>
      <h1>{known.title}</h1>
      <p>{detail && detail !== 'Not found' && detail !== known.body ? detail : known.body}</p>
      <Link to="/">Go to your home page</Link>
    </div>
  )
}
