import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from 'react-router'
import { data, Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useNavigation, useRouteLoaderData } from 'react-router'
import { useEffect, type ReactNode } from 'react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { SiteNav } from '~/components/site-nav'
import { useNonce } from '~/components/nonce'
import { Toaster } from '~/components/toaster'
import { navigationFor, ROLE_LABELS } from '~/domain/permissions/permissions'
import { getOrganisation } from '~/models/organisation.server'
import stylesheet from '~/styles/app.css?url'
import { getAuth } from '~/utils/auth.server'
import { DEFAULT_TIME_ZONE, isTimeZone } from '~/domain/calendar/dates'
import { readToast } from '~/utils/toast.server'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]
export const meta: MetaFunction = () => [{ title: 'Mission Ready' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const [auth, org, { toast, headers }] = await Promise.all([getAuth(request), getOrganisation(), readToast(request)])
  return data(
    {
      orgName: org.name,
      // Server and browser format dates in this zone, so both render the same text.
      timeZone: isTimeZone(org.timeZone) ? org.timeZone : DEFAULT_TIME_ZONE,
      user: auth ? { name: auth.user.name, role: auth.user.role, roleLabel: ROLE_LABELS[auth.user.role] } : null,
      nav: auth ? navigationFor(auth.viewer) : [],
      toast,
    },
    headers ? { headers } : undefined,
  )
}

function Header() {
  const data = useRouteLoaderData<typeof loader>('root')
  return (
    <header className="app-header">
      <div className="inner">
        <a className="brand" href="/">
          Mission Ready {data?.orgName ? <small>· {data.orgName}</small> : null}
        </a>
        {data?.user ? <SiteNav groups={data.nav} user={data.user} /> : null}
      </div>
    </header>
  )
}

function Progress() {
  const navigation = useNavigation()
  if (navigation.state === 'idle') return null
  return (
    <div className="progress-bar" role="status">
      <span className="visually-hidden">{navigation.state === 'submitting' ? 'Saving…' : 'Loading…'}</span>
    </div>
  )
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce()
  const toast = useRouteLoaderData<typeof loader>('root')?.toast ?? null
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <Header />
        <Progress />
        <main id="main">{children}</main>
        <Toaster toast={toast} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  useLoaderData<typeof loader>()
  // Marks the page interactive (browser tests wait for it before typing into forms).
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true'
  }, [])
  return <Outlet />
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
