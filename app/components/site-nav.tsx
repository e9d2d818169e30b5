// The header's navigation. Wide screens: the Learn links in the bar, the other groups as disclosure
// menus. Phones (≤ 40rem): one "Menu" button that opens every group as a panel. Menus are
// <details>/<summary>, so they open and their links work before (and without) JavaScript; the
// script only adds Escape (closes, focus back on the button), closing on a click or focus elsewhere,
// one menu open at a time, and closing after a navigation.
import { useEffect, useRef } from 'react'
import { Form, NavLink, useLocation } from 'react-router'
import type { NavGroup, NavItem } from '~/domain/permissions/permissions'

/** Home and My readiness are prefixes of other addresses: only their own page marks them current. */
const isExact = (to: string) => to === '/' || to === '/readiness'
const isCurrent = (to: string, pathname: string) => pathname === to || (!isExact(to) && pathname.startsWith(`${to}/`))

function Links({ items }: { items: NavItem[] }) {
  return items.map((item) => (
    <li key={item.to}>
      <NavLink to={item.to} end={isExact(item.to)} prefetch="intent">
        {item.label}
      </NavLink>
    </li>
  ))
}

function useMenus() {
  const ref = useRef<HTMLDivElement>(null)
  const location = useLocation()
  useEffect(() => {
    for (const d of ref.current?.querySelectorAll('details[open]') ?? []) (d as HTMLDetailsElement).open = false
  }, [location.pathname, location.search])
  useEffect(() => {
    const root = ref.current
    if (!root) return
    const openMenus = () => [...root.querySelectorAll<HTMLDetailsElement>('details[open]')]
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return
      const menu = openMenus().find((d) => d.contains(document.activeElement)) ?? openMenus()[0]
      if (!menu) return
      menu.open = false
      menu.querySelector('summary')?.focus()
    }
    const closeOutside = (e: Event) => {
      for (const d of openMenus()) if (!d.contains(e.target as Node)) d.open = false
    }
    // `toggle` does not bubble, but it can be caught on the way down.
    const onToggle = (e: Event) => {
      const opened = e.target as HTMLDetailsElement
      if (opened.open) for (const d of openMenus()) if (d !== opened) d.open = false
    }
    document.addEventListener('keydown', onKeyDown)
    document.addEventListener('pointerdown', closeOutside)
    document.addEventListener('focusin', closeOutside)
    root.addEventListener('toggle', onToggle, true)
    return () => {
      document.removeEventListener('keydown', onKeyDown)
      document.removeEventListener('pointerdown', closeOutside)
      document.removeEventListener('focusin', closeOutside)
      root.removeEventListener('toggle', onToggle, true)
    }
  }, [])
  return { ref, pathname: location.pathname }
}

export function SiteNav({ groups, user }: { groups: NavGroup[]; user: { name: string; roleLabel: string } }) {
  const { ref, pathname } = useMenus()
  const signOut = (
    <Form method="post" action="/logout">
      <button type="submit">Sign out</button>
    </Form>
  )
  return (
    <div className="site-nav" ref={ref}>
      <nav className="main-nav wide-only" aria-label="Main">
        <ul className="nav-bar">
          {groups.map((g) =>
            g.id === 'learn' || g.items.length === 1 ? (
              <Links key={g.id} items={g.items} />
            ) : (
              <li key={g.id}>
                <details className="nav-menu">
                  <summary className={g.items.some((i) => isCurrent(i.to, pathname)) ? 'current' : undefined}>{g.label}</summary>
                  <ul className="nav-menu-list">
                    <Links items={g.items} />
                  </ul>
                </details>
              </li>
            ),
          )}
        </ul>
      </nav>
      <div className="user-menu wide-only">
        <span className="who">
          {user.name} · {user.roleLabel}
        </span>
        <NavLink to="/account" prefetch="intent" className="account-link">
          Account
        </NavLink>
        {signOut}
      </div>
      <details className="phone-menu">
        <summary>Menu</summary>
        <div className="phone-panel">
          <nav aria-label="Main">
            {groups.map((g) => (
              <div key={g.id} className="phone-group">
                <p className="phone-group-label">{g.label}</p>
                <ul>
                  <Links items={g.items} />
                </ul>
              </div>
            ))}
          </nav>
          <div className="phone-group phone-account">
            <p className="phone-group-label">
              {user.name} · {user.roleLabel}
            </p>
            <ul>
              <li>
                <NavLink to="/account">Account</NavLink>
              </li>
            </ul>
            {signOut}
          </div>
        </div>
      </details>
    </div>
  )
}
