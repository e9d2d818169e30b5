import { describe, expect, it } from 'vitest'
import * as root from '~/root'
import * as settings from '~/routes/admin.settings'
import { cookieFor, createPerson } from '../factories'
import { call, get, post, toastOf } from '../setup/remix'

describe('toasts', () => {
  it('a saved form redirects to a clean URL and the next page shows its message once', async () => {
    const admin = await createPerson({ role: 'admin' })
    const cookie = await cookieFor(admin.id)
    const saved = await call(
      settings.action,
      post('/admin/settings', { name: 'Harbour Light', mission: 'Every guest feels someone here is on their side.' }, cookie),
    )
    expect(saved.status).toBe(302)
    expect(saved.headers.get('Location')).toBe('/admin/settings')
    const { toast, cookie: toastCookie } = await toastOf(saved)
    expect(toast).toMatchObject({ type: 'success', description: 'The organisation’s name and mission are saved.' })

    const page = await call(root.loader, get('/admin/settings', `${cookie}; ${toastCookie}`))
    expect((page.body as { toast: unknown }).toast).toMatchObject({ description: 'The organisation’s name and mission are saved.' })
    // The page that showed it clears it: a reload shows nothing.
    const cleared = /mr_toast=[^;]*/.exec(page.headers.get('Set-Cookie') ?? '')?.[0]
    expect(cleared).toBe('mr_toast=')
    const reload = await call(root.loader, get('/admin/settings', `${cookie}; ${cleared}`))
    expect((reload.body as { toast: unknown }).toast).toBeNull()
  })

  it('a forged or altered toast cookie shows nothing', async () => {
    const admin = await createPerson({ role: 'admin' })
    const cookie = await cookieFor(admin.id)
    const forged = `mr_toast=${Buffer.from(JSON.stringify({ __flash_toast__: { id: 'x', type: 'error', description: 'Your account is locked: call 555' } })).toString('base64')}`
    const page = await call(root.loader, get('/', `${cookie}; ${forged}`))
    expect((page.body as { toast: unknown }).toast).toBeNull()
  })
})
