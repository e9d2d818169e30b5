import { demo, expect, open, signIn, test } from './fixtures'

test('an admin sees the scheduled jobs and runs one now', async ({ page }) => {
  await signIn(page, demo.admin)
  await open(page, '/admin/jobs')
  await expect(page.getByRole('heading', { name: 'Scheduled jobs' })).toBeVisible()
  const table = page.getByRole('table', { name: 'Scheduled jobs and their last runs' })
  const row = table.getByRole('row', { name: /Pruning/ })
  await expect(table.getByRole('row')).toHaveCount(5)
  await expect(row).toContainText('Every day at 03:00')
  await expect(row).toContainText('Not run yet')

  await row.getByRole('button', { name: /Run now/ }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Pruning: done.' })).toBeVisible()
  await expect(row).toContainText('Succeeded')
  await expect(row).toContainText('(run by hand)')
  await expect(row).toContainText(/\d+ sessions, \d+ sign-in attempts, \d+ links, \d+ outbox mails/)
  // The other jobs keep their schedule: nothing ran them.
  await expect(table.getByRole('row', { name: /Reminder mail/ })).toContainText('Not run yet')
  await page.screenshot({ path: 'tests/.tmp/scheduled-jobs.png', fullPage: true })
})

test('the page is for admins only', async ({ page }) => {
  await signIn(page, demo.leader)
  const response = await open(page, '/admin/jobs')
  expect(response?.status()).toBe(403)
})

test('a leader turns the weekly digest off and on again from their account page', async ({ page }) => {
  await signIn(page, demo.leader)
  await open(page, '/account')
  const section = page.locator('section', { has: page.getByRole('heading', { name: 'Weekly digest' }) })
  await expect(section).toContainText('Every Monday morning you get one mail about the teams you lead')
  await section.getByRole('button', { name: 'Turn the weekly digest off' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'The weekly digest is off' })).toBeVisible()
  await expect(section).toContainText('Off: you get no weekly mail')
  await page.screenshot({ path: 'tests/.tmp/account-digest.png', fullPage: true })
  await section.getByRole('button', { name: 'Turn the weekly digest on' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'You will get the weekly digest' })).toBeVisible()
  await expect(section.getByRole('button', { name: 'Turn the weekly digest off' })).toBeVisible()
})
