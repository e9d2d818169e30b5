import type { ReactNode } from 'react'
import type { LinksFunction } from 'react-router'
import { Links, Meta, Outlet, Scripts, ScrollRestoration } from 'react-router'
import stylesheet from './app.css?url'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: stylesheet }]

// The root layout React Router's templates start from, with a header like the app's: no loader, no
// error boundary.
export function Layout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <header className="app-header">
          <a className="brand" href="/">
            Reference
          </a>
        </header>
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  )
}

export default function App() {
  return <Outlet />
}
