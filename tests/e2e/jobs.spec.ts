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
