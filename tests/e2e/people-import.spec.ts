import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { demo, expect, open, signIn, test } from './fixtures'

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze()
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)
}

const csv = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') })

test('an admin invites people from a CSV file: problems first, then a corrected file, confirm, people listed; then deactivates them as leavers', async ({
  page,
}) => {
  const run = Date.now().toString(36)
  const ines = `ines.${run}@harbourlight.example`
  const omar = `omar.${run}@harbourlight.example`
  await signIn(page, demo.admin)
  await open(page, '/admin/people')
  await page.screenshot({ path: 'tests/.tmp/people-index.png' })
  await page.getByRole('link', { name: 'Invite from a file' }).click()
  await expect(page.getByRole('heading', { name: 'Invite people from a file' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Download the template (CSV)' })).toBeVisible()

  // A semicolon file from European Excel, with a BOM, CRLF, a quoted name holding the separator, and problems.
  await page
    .getByLabel('CSV file')
    .setInputFiles(
      csv(
        'people.csv',
        `\uFEFFName;Email;Role;Team;Start date\r\n"Duarte; Inês";${ines};Learner;Front Desk;2027-01-04\r\nBob;bob@;;;\r\nOmar Haddad;${omar};Trainer;Kitchen;04/01/2027\r\n"=cmd|' /C calc'!A0";${omar.toUpperCase()};;;\r\n`,
      ),
    )
  await page.getByRole('button', { name: 'Check the file' }).click()
  await expect(page.getByRole('heading', { name: 'Preview' })).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: 'people.csv' })).toHaveText(
    'people.csv: 4 rows, 1 ready to invite, 3 with problems.',
  )
  await expect(page.getByText('Row 3: ‘bob@’ is not an email address.')).toBeVisible()
  await expect(page.getByText(/^Row 4: no team called ‘Kitchen’ \(teams: Concierge, Front Desk, Restaurant/)).toBeVisible()
  await expect(page.getByText('Row 4: ‘04/01/2027’ is not a date in the form yyyy-mm-dd')).toBeVisible()
  await expect(page.getByText('Row 5: the same email as row 4.')).toBeVisible()
  await expect(page.getByText(/^Row 5: the name ‘=cmd\|' \/C calc'!A0’ starts with “=”/)).toBeVisible()
  await expect(page.getByRole('button', { name: /^Invite \d/ })).toHaveCount(0)
  expect(await seriousViolations(page)).toEqual([])
  await page.screenshot({ path: 'tests/.tmp/people-import-problems.png', fullPage: true })

  // The corrected file.
  await page
    .getByLabel('CSV file')
    .setInputFiles(
      csv(
        'people-fixed.csv',
        `Name,Email,Role,Team,Start date\n"Duarte, Inês",${ines},Learner,Front Desk,2027-01-04\nOmar Haddad,${omar},Trainer,Restaurant; Concierge,\n`,
      ),
    )
  await page.getByRole('button', { name: 'Check the file' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'people-fixed.csv' })).toHaveText('people-fixed.csv: 2 rows, 2 ready to invite.')
  await expect(page.getByText('Will be invited')).toHaveCount(2)
  await page.screenshot({ path: 'tests/.tmp/people-import-preview.png', fullPage: true })
  // Confirm by keyboard.
  await page.getByRole('button', { name: 'Invite 2 people' }).focus()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/\/admin\/people\?status=invited$/)
  await expect(page.getByText('Invited 2 people. Their invite mails are on their way')).toBeVisible()
  await expect(page.getByRole('row').filter({ hasText: ines })).toContainText('Duarte, Inês')
  await expect(page.getByRole('row').filter({ hasText: omar })).toContainText('Restaurant')

  // The same file deactivates them as leavers (its other columns are ignored).
  await page.getByRole('link', { name: 'Deactivate leavers from a file' }).click()
  await page.getByLabel('CSV file').setInputFiles(csv('leavers.csv', `Name,Email\nInês,${ines}\nOmar,${omar}\nMe,${demo.admin}\n`))
  await page.getByRole('button', { name: 'Check the file' }).click()
  await expect(page.getByText('Row 4: that is you: you cannot deactivate your own account.')).toBeVisible()
  await page.getByLabel('CSV file').setInputFiles(csv('leavers.csv', `Name,Email\nInês,${ines}\nOmar,${omar}\n`))
  await page.getByRole('button', { name: 'Check the file' }).click()
  await expect(page.getByText('Will be deactivated')).toHaveCount(2)
  expect(await seriousViolations(page)).toEqual([])
  await page.screenshot({ path: 'tests/.tmp/people-leavers-preview.png', fullPage: true })
  page.once('dialog', (dialog) => void dialog.accept())
  await page.getByRole('button', { name: 'Deactivate 2 people' }).click()
  await expect(page).toHaveURL(/\/admin\/people\?status=deactivated$/)
  await expect(page.getByText('Deactivated 2 people.')).toBeVisible()
  await expect(page.getByRole('row').filter({ hasText: ines })).toContainText('deactivated')
})

test('a file over the limit is stopped in the browser with its size and the limit, before it is sent', async ({ page }) => {
  await signIn(page, demo.admin)
  await open(page, '/admin/people/import')
  let posted = false
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().includes('/admin/people/import')) posted = true
  })
  await page.getByLabel('CSV file').setInputFiles(csv('huge.csv', `Email\n${'someone@example.com\n'.repeat(60_000)}`))
  await page.getByRole('button', { name: 'Check the file' }).click()
  await expect(
    page.getByText('This file is 1.1 MB; a people file can be at most 512 KB (about 2,000 rows). Split it into smaller files.'),
  ).toBeVisible()
  expect(posted).toBe(false)
})
