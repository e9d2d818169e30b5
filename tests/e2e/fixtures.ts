import { test as base, expect, type Page } from '@playwright/test'

export const DEMO_PASSWORD = 'harbour-light-demo'
export const demo = {
  admin: 'amara.okafor@harbourlight.example',
  trainer: 'tomas.reyes@harbourlight.example',
  leader: 'priya.nair@harbourlight.example',
  restaurantLeader: 'daniel.weber@harbourlight.example',
  learner: 'lena.fischer@harbourlight.example',
}

/** Every test fails on a browser console error or an uncaught page error. */
export const test = base.extend<{ page: Page }>({
  page: async ({ page }, use) => {
    const problems: string[] = []
    page.on('console', (m) => {
      // The browser reports expected 4xx answers (403/404 pages, refused forms) as console errors,
      // and a client-side fetch cut short when a test loads another page as an AbortError.
      if (m.type() === 'error' && !/status of 4\d\d|^AbortError: signal is aborted/.test(m.text())) problems.push(m.text())
    })
    page.on('pageerror', (e) => problems.push(e.message))
    await use(page)
    expect(problems, 'browser console errors').toEqual([])
  },
})
export { expect }

/** Opens a page and waits until React has hydrated it, so typing is not lost to a re-render. */
export async function open(page: Page, path: string) {
  const response = await page.goto(path)
  await page.locator('html[data-hydrated="true"]').waitFor()
  return response
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await open(page, '/login')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Hello')
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
}

/** The newest link of a kind mailed to an address, read from the admin outbox. */
export async function linkFromOutbox(page: Page, to: string, kind: 'invite' | 'reset-password') {
  await page.goto('/admin/outbox')
  const mail = page
    .getByRole('article')
    .filter({ hasText: `To ${to}` })
    .first()
  const text = await mail.locator('pre').innerText()
  const match = new RegExp(`https?://[^\\s]+/${kind}/[a-z2-7]+`).exec(text)
  if (!match) throw new Error(`no ${kind} link for ${to} in the outbox`)
  return new URL(match[0]).pathname
}
