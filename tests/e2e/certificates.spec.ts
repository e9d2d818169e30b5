import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { demo, expect, open, signIn, signOut, test } from './fixtures'

// Luis and Ravi work on the Front Desk (led by Priya); Daniel leads the Restaurant.
const luis = 'luis.garcia@harbourlight.example'
const ravi = 'ravi.iyer@harbourlight.example'
const root = path.resolve(import.meta.dirname, '..', '..')
const shots = path.join(root, 'tests', '.tmp', 'screenshots')

/** Changes the e2e server's database as time or other work would (tests/setup/e2e-certificates.ts). */
function setUp(...args: string[]) {
  execFileSync(path.join(root, 'node_modules', '.bin', 'tsx'), ['tests/setup/e2e-certificates.ts', ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: `file:${path.join(root, 'tests', '.tmp', 'e2e.db')}`, LOG_LEVEL: 'silent' },
    stdio: 'inherit',
  })
}

test.describe.serial('certificates', () => {
  test('a trainer turns on a module certificate; it is granted to those already ready', async ({ page }) => {
    setUp('ready', luis, '01-mission')
    setUp('ready', ravi, '01-mission')
    await signIn(page, demo.trainer)
    await open(page, '/content')
    await page.getByRole('link', { name: 'Certificates' }).last().click()
    await expect(page.getByRole('heading', { name: 'Certificates', level: 1 })).toBeVisible()
    const form = page.getByRole('form', { name: 'Certificate for the module Our mission and your job' })
    await form.getByLabel('Valid for').fill('0')
    await form.getByLabel(/Grant a certificate/).check()
    await form.getByRole('button', { name: 'Save' }).click()
    await expect(form.getByText(/Enter a whole number/)).toBeVisible()
    await form.getByLabel('Certificate title').fill('Our mission, ready')
    await form.getByLabel('Valid for').fill('12')
    await form.getByRole('button', { name: 'Save' }).click()
    await expect(
      page.getByText(/“Our mission, ready” is on, valid 12 months\. Granted to \d+ (person|people) already ready\./),
    ).toBeVisible()
    await expect(form.getByText('Certificate on')).toBeVisible()
    await form.scrollIntoViewIfNeeded()
    await page.screenshot({ path: path.join(shots, 'content-certificates.png') })
    await signOut(page)
  })

  test('the learner sees it on Certificates and opens the printable certificate', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 })
    await signIn(page, luis)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Certificates' }).click()
    await expect(page.getByRole('heading', { name: 'Certificates', level: 1 })).toBeVisible()
    const current = page.getByRole('region', { name: 'Your certificates' })
    await expect(current.getByRole('row', { name: /Our mission, ready.*Valid/ })).toBeVisible()
    await page.screenshot({ path: path.join(shots, 'certificates-page.png'), fullPage: true })

    await current.getByRole('link', { name: 'Our mission, ready' }).click()
    const sheet = page.getByRole('article', { name: 'Our mission, ready' })
    await expect(sheet).toContainText('Harbour Light Hotel')
    await expect(sheet).toContainText('Luis Garcia')
    await expect(sheet.locator('.certificate-code')).toHaveText(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/)
    await expect(page.getByRole('button', { name: 'Print or save as PDF' })).toBeVisible()
    await page.screenshot({ path: path.join(shots, 'certificate.png'), fullPage: true })

    await page.emulateMedia({ media: 'print' })
    await expect(page.locator('.app-header')).toBeHidden()
    await expect(page.getByRole('button', { name: 'Print or save as PDF' })).toBeHidden()
    await expect(sheet).toBeVisible()
    await page.screenshot({ path: path.join(shots, 'certificate-print.png'), fullPage: true })
    // One page: the PDF Chromium prints has a single page on A4 and on Letter.
    for (const format of ['A4', 'Letter'] as const) {
      const pdf = (await page.pdf({ format })).toString('latin1')
      expect(pdf.match(/\/Type\s*\/Page[^s]/g), format).toHaveLength(1)
    }
    await page.emulateMedia({ media: 'screen' })

    // Someone else's certificate is not found.
    const url = page.url()
    await signOut(page)
    await signIn(page, demo.learner)
    const other = await page.goto(url)
    expect(other?.status()).toBe(404)
  })

  test('a leader sees the expiring certificate on Team readiness; another team’s leader does not', async ({ page }) => {
    setUp('expire-in', ravi, '12')
    await signIn(page, demo.leader)
    await open(page, '/readiness/team?certificate=expiring')
    await expect(page.getByRole('definition').filter({ hasText: /^1$/ }).first()).toBeVisible()
    const row = page.getByRole('row', { name: /Ravi Iyer/ })
    await expect(row.getByRole('link', { name: /Certificate expiring: Our mission, ready, expires/ })).toBeVisible()
    await expect(page.getByRole('row', { name: /Luis Garcia/ })).toHaveCount(0)
    await page.screenshot({ path: path.join(shots, 'team-certificates.png'), fullPage: false })
    await signOut(page)

    await signIn(page, demo.restaurantLeader)
    await open(page, '/readiness/team?certificate=expiring')
    await expect(page.getByText('No one matches these filters.')).toBeVisible()
  })
})
