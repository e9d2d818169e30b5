import { demo, expect, open, signIn, test } from './fixtures'

test('an admin sets the time zone; the audit log then shows times there, rendered the same on server and browser', async ({ page }) => {
  await signIn(page, demo.admin)
  await open(page, '/admin/settings')
  const zone = page.getByLabel('Time zone')
  await expect(zone).toHaveValue('UTC')
  await zone.selectOption('Pacific/Auckland')
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText('The organisation’s name, mission and time zone (Pacific/Auckland) are saved.')).toBeVisible()
  await expect(page.getByLabel('Time zone')).toHaveValue('Pacific/Auckland')
  await page.screenshot({ path: 'test-results/time-zone-settings.png', fullPage: true })

  try {
    await open(page, '/admin/audit')
    await expect(page.getByRole('columnheader', { name: 'When (Pacific/Auckland)' })).toBeVisible()
    const row = page.getByRole('row').filter({ hasText: 'Time zone UTC → Pacific/Auckland' })
    // The change just made, in Auckland's calendar: the day there, whatever the UTC day is.
    const aucklandDay = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'Pacific/Auckland' }).format(new Date())
    await expect(row.getByRole('cell').first()).toContainText(aucklandDay)
    await page.screenshot({ path: 'test-results/time-zone-audit.png', fullPage: true })
  } finally {
    await open(page, '/admin/settings')
    await page.getByLabel('Time zone').selectOption('UTC')
    await page.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByText('The organisation’s name, mission and time zone (UTC) are saved.')).toBeVisible()
  }
})
