import type { ActionFunctionArgs } from 'react-router'
import { redirect } from 'react-router'
import { getAuth } from '~/utils/auth.server'
import { clearedSessionCookieHeader, invalidateSession } from '~/utils/session.server'

export async function loader() {
  return redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await getAuth(request)
  if (auth) await invalidateSession(auth.session.id)
  return redirect('/login', { headers: { 'Set-Cookie': await clearedSessionCookieHeader() } })
}
