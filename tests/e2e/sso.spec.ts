// Single sign-on in the browser: a real OpenID Connect provider (tests/setup/oidc-provider.ts) on
// E2E_PORT+50, and a second production server on E2E_PORT+51 over the same e2e database, started with
// the OIDC settings (the shared e2e server keeps none, so the other specs' sign-in page is unchanged).
// The login page's screenshot (tests/.tmp/sso-login.png) is the one in public/readme.
import path from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { E2E_PORT } from '../setup/e2e-env'
import { startTestProvider, APP_CLIENT, type TestProvider } from '../setup/oidc-provider'
import { root, startServer, type ServerProcess } from '../setup/server-process'
import { demo, expect, open, test } from './fixtures'

const PROVIDER_PORT = E2E_PORT + 50
const APP_PORT = E2E_PORT + 51
const APP = `http://localhost:${APP_PORT}`
const LABEL = 'Google Workspace'

/** Serious and critical WCAG 2.2 AA violations on the page, one line each (as tests/e2e/accessibility.spec.ts). */
async function violations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.help}`)
}

let provider: TestProvider
let server: ServerProcess

test.beforeAll(async () => {
  provider = await startTestProvider({ port: PROVIDER_PORT, redirectUris: [`${APP}/auth/sso/callback`] })
  provider.setAccount('amara-google-subject', { email: demo.admin, email_verified: true })
  provider.setAccount('lena-google-subject', { email: demo.learner, email_verified: true })
  provider.setAccount('stranger-subject', { email: 'someone@elsewhere.example', email_verified: true })
  server = startServer({
    DATABASE_URL: `file:${path.join(root, 'tests', '.tmp', 'e2e.db')}`,
    PORT: String(APP_PORT),
    APP_URL: APP,
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: APP_CLIENT.client_id,
    OIDC_CLIENT_SECRET: APP_CLIENT.client_secret,
    OIDC_ALLOWED_DOMAINS: 'harbourlight.example',
    OIDC_LABEL: LABEL,
    SMTP_URL: '',
    DEMO_ACTIVITY: 'off',
  })
  await server.listening
})

test.afterAll(async () => {
  server?.kill()
  await provider?.stop()
})

test('signs in with the provider and lands on the page asked for, signed in', async ({ page }) => {
  await open(page, `${APP}/login?redirectTo=%2Faccount`)
  const button = page.getByRole('button', { name: `Sign in with ${LABEL}` })
  await expect(button).toBeVisible()
  // The password form is still there beside it.
  await expect(page.getByLabel('Password')).toBeVisible()
  await page.locator('.card').first().screenshot({ path: 'tests/.tmp/sso-login.png' })
  expect(await violations(page)).toEqual([])

  await button.click()
  await expect(page.getByRole('heading', { name: 'Test identity provider' })).toBeVisible()
  expect(new URL(page.url()).port).toBe(String(PROVIDER_PORT))
  await page.getByLabel('Account').fill('amara-google-subject')
  await page.getByRole('button', { name: 'Continue' }).click()

  await expect(page).toHaveURL(`${APP}/account`)
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible()
  await expect(page.getByText(`Signed in with ${LABEL}`)).toBeVisible()
  await expect(page.getByText(demo.admin)).toBeVisible()
})

test('signs in without JavaScript: the native form post is allowed on to the provider and back', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  const blocked: string[] = []
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) blocked.push(message.text())
  })
  const response = await page.goto(`${APP}/login?redirectTo=%2Faccount`)
  expect(response?.headers()['content-security-policy']).toContain(`form-action 'self' ${provider.issuer}`)
  await page.getByRole('button', { name: `Sign in with ${LABEL}` }).click()
  await expect(page.getByRole('heading', { name: 'Test identity provider' })).toBeVisible()
  expect(new URL(page.url()).port).toBe(String(PROVIDER_PORT))
  await page.getByLabel('Account').fill('amara-google-subject')
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page).toHaveURL(`${APP}/account`)
  await expect(page.getByText(`Signed in with ${LABEL}`)).toBeVisible()
  expect(blocked).toEqual([])
  await context.close()
})

test('explains a refusal and links back to sign-in', async ({ page }) => {
  await open(page, `${APP}/login`)
  await page.getByRole('button', { name: `Sign in with ${LABEL}` }).click()
  await page.getByLabel('Account').fill('stranger-subject')
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page.getByRole('heading', { name: 'This account cannot sign in here' })).toBeVisible()
  await expect(page.getByText('only for addresses at harbourlight.example')).toBeVisible()
  expect(await violations(page)).toEqual([])
  await page.getByRole('link', { name: 'Back to sign in' }).click()
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
})

test('an admin who signed in with the provider requires it; the sign-in page then offers only the button', async ({ page, browser }) => {
  await open(page, `${APP}/login?redirectTo=%2Fadmin%2Fsettings`)
  await page.getByRole('button', { name: `Sign in with ${LABEL}` }).click()
  await page.getByLabel('Account').fill('amara-google-subject')
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page).toHaveURL(`${APP}/admin/settings`)
  const section = page.locator('section[aria-labelledby="sso-heading"]')
  expect(await violations(page)).toEqual([])
  await section.getByRole('button', { name: `Require ${LABEL} for everyone` }).click()
  await expect(section.getByRole('button', { name: 'Allow passwords again' })).toBeVisible()
  await section.screenshot({ path: 'tests/.tmp/sso-settings.png' })

  const signedOut = await browser.newContext()
  const visitor = await signedOut.newPage()
  await open(visitor, `${APP}/login`)
  await expect(visitor.getByText(`Your organisation signs in with ${LABEL}.`)).toBeVisible()
  await expect(visitor.getByLabel('Password')).toHaveCount(0)
  await expect(visitor.getByRole('link', { name: 'Forgot your password?' })).toHaveCount(0)
  await visitor.locator('.card').first().screenshot({ path: 'tests/.tmp/sso-login-required.png' })
  expect(await violations(visitor)).toEqual([])
  await signedOut.close()

  await section.getByRole('button', { name: 'Allow passwords again' }).click()
  await expect(section.getByRole('button', { name: `Require ${LABEL} for everyone` })).toBeVisible()
})

test('an admin unlinks a person’s single sign-on account from their page', async ({ page, browser }) => {
  // Lena links her account by signing in with the provider.
  const hers = await browser.newContext()
  const lena = await hers.newPage()
  await open(lena, `${APP}/login?redirectTo=%2Faccount`)
  await lena.getByRole('button', { name: `Sign in with ${LABEL}` }).click()
  await lena.getByLabel('Account').fill('lena-google-subject')
  await lena.getByRole('button', { name: 'Continue' }).click()
  await expect(lena.getByText(`Signed in with ${LABEL}`)).toBeVisible()
  await hers.close()

  await open(page, `${APP}/login?redirectTo=%2Fadmin%2Fpeople%3Fq%3Dlena.fischer`)
  await page.getByRole('button', { name: `Sign in with ${LABEL}` }).click()
  await page.getByLabel('Account').fill('amara-google-subject')
  await page.getByRole('button', { name: 'Continue' }).click()
  await page
    .getByRole('row', { name: new RegExp(demo.learner) })
    .getByRole('link')
    .click()
  const section = page.locator('section[aria-labelledby="sso-heading"]')
  await expect(section.getByText(`Their account is linked to ${LABEL} since`)).toBeVisible()
  await section.screenshot({ path: 'tests/.tmp/sso-unlink.png' })
  expect(await violations(page)).toEqual([])

  page.once('dialog', (dialog) => void dialog.accept())
  await section.getByRole('button', { name: `Unlink ${LABEL} account` }).click()
  await expect(page.getByText(`Unlinked from ${LABEL}. Their next sign-in with ${LABEL} links the account they use then.`)).toBeVisible()
  await expect(section.getByText(`Their account is not linked to ${LABEL}.`)).toBeVisible()
  await section.screenshot({ path: 'tests/.tmp/sso-unlinked.png' })
})
