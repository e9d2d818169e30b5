// One-time messages after a redirect ("Observation saved."), carried in a signed flash cookie: the
// page they land on shows them once, a reload does not, and no text travels in the URL.
import { createCookieSessionStorage, redirect } from 'react-router'
import { COOKIE_SECRETS, secureCookie } from './session.server'
import { ToastSchema, type Toast, type ToastInput } from './toast'

const TOAST_KEY = 'toast'

const toastStorage = createCookieSessionStorage({
  cookie: { name: 'mr_toast', httpOnly: true, sameSite: 'lax', path: '/', secure: secureCookie(), secrets: COOKIE_SECRETS },
})

/** The Set-Cookie header that shows `toast` on the next page this browser loads. */
export async function toastHeader(toast: ToastInput): Promise<string> {
  const session = await toastStorage.getSession()
  session.flash(TOAST_KEY, ToastSchema.parse({ id: crypto.randomUUID(), type: 'success', ...toast }))
  return toastStorage.commitSession(session)
}

/** A redirect whose next page shows `toast`; `init.headers` may carry other cookies. */
export async function redirectWithToast(url: string, toast: ToastInput, init?: ResponseInit) {
  const headers = new Headers(init?.headers)
  headers.append('Set-Cookie', await toastHeader(toast))
  return redirect(url, { ...init, headers })
}

/** The toast waiting for this request, if any, and the header that clears it. */
export async function readToast(request: Request): Promise<{ toast: Toast | null; headers: Headers | null }> {
  const cookie = request.headers.get('Cookie')
  if (!cookie?.includes('mr_toast=')) return { toast: null, headers: null }
  const session = await toastStorage.getSession(cookie)
  const parsed = ToastSchema.safeParse(session.get(TOAST_KEY))
  return { toast: parsed.success ? parsed.data : null, headers: new Headers({ 'Set-Cookie': await toastStorage.destroySession(session) }) }
}
