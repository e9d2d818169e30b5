import type { LoaderFunctionArgs, MetaFunction } from 'react-router'
import { data, Link, redirect, useLoaderData } from 'react-router'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { rememberDevice } from '~/domain/auth/known-devices'
import { safeRedirect } from '~/domain/auth/safe-redirect'
import { ssoProblem } from '~/domain/auth/sso'
import { auditSsoRefusal, signInWithSso } from '~/models/sso.server'
import { clearedSsoStateCookie, finishSsoSignIn, ssoSettings } from '~/utils/oidc.server'
import { deviceCookieHeader, readKnownDevices, sessionCookieHeader } from '~/utils/session.server'

export const meta: MetaFunction = () => [{ title: 'Single sign-on · Mission Ready' }, { name: 'referrer', content: 'no-referrer' }]

/** Where the provider sends the browser back: finish the sign-in, or say precisely why not. */
export async function loader({ request }: LoaderFunctionArgs) {
  const settings = ssoSettings()
  if (!settings) throw new Response('Single sign-on is not set up on this server.', { status: 404 })
  // The started sign-in is spent whatever happens next: a second use of this address is refused.
  const headers = new Headers({ 'Set-Cookie': await clearedSsoStateCookie() })
  const finished = await finishSsoSignIn(settings, request)
  const refuse = (reason: Parameters<typeof ssoProblem>[0], email: string | null, redirectTo?: string) => {
    const problem = ssoProblem(reason, { label: settings.label, email, allowedDomains: settings.allowedDomains })
    const again = redirectTo && redirectTo !== '/' ? `/login?redirectTo=${encodeURIComponent(redirectTo)}` : '/login'
    return data({ title: problem.title, message: problem.message, again }, { status: problem.status, headers })
  }
  if (!finished.ok) {
    await auditSsoRefusal({ reason: finished.reason })
    return refuse(finished.reason, null, finished.redirectTo)
  }
  const knownDevices = await readKnownDevices(request)
  const result = await signInWithSso(settings, finished.identity, knownDevices)
  if (!result.ok) return refuse(result.reason, result.email, finished.identity.redirectTo)
  headers.append('Set-Cookie', await sessionCookieHeader(result.token))
  headers.append('Set-Cookie', await deviceCookieHeader(rememberDevice(knownDevices, result.userId, result.deviceId)))
  return redirect(safeRedirect(finished.identity.redirectTo), { headers })
}

export default function SsoCallback() {
  const { title, message, again } = useLoaderData<typeof loader>()
  return (
    <div className="card narrow" data-sso-problem>
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <Link to={again}>Back to sign in</Link>
      </p>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
