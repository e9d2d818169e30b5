import { demo, expect, open, signIn, signOut, test } from './fixtures'

test('two trainers score a scenario blind on its key panel, then each sees the agreement', async ({ page }) => {
  const scoreAll = async (value: (i: number) => string) => {
    const inputs = page.getByRole('spinbutton', { name: /^Your score for/ })
    const n = await inputs.count()
    expect(n).toBeGreaterThanOrEqual(3)
    for (let i = 0; i < n; i++) await inputs.nth(i).fill(value(i))
    await page.getByRole('button', { name: 'Save my scores' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Your scores are saved.' })).toBeVisible()
    expect(new URL(page.url()).search).toBe('')
  }
  await signIn(page, demo.trainer)
  await open(page, '/content/scenarios/mission-shapes-a-decision')
  await page.getByRole('link', { name: 'Open the key panel' }).click()
  await expect(page.getByRole('heading', { name: /^Key panel:/ })).toBeVisible()
  await expect(page.getByText('Nobody has scored this scenario yet.')).toBeVisible()
  await scoreAll((i) => (i === 0 ? '1' : '0.2'))
  await expect(page.getByText('A panel needs at least 2 raters')).toBeVisible()
  await signOut(page)

  await signIn(page, demo.admin)
  await open(page, '/content/scenarios/mission-shapes-a-decision/panel')
  // Blind: one trainer has scored, but not what they gave.
  await expect(page.getByText('1 trainer has scored it.')).toBeVisible()
  await expect(page.getByRole('table')).toHaveCount(0)
  await scoreAll((i) => (i === 0 ? '1' : '0.9'))
  const table = page.getByRole('table', { name: /Scores per option/ })
  await expect(table.getByRole('columnheader', { name: 'Tomás Reyes' })).toBeVisible()
  await expect(table.getByText('Disagreement').first()).toBeVisible()
  await expect(page.getByText('The panel disagrees: talk the marked options through')).toBeVisible()
})
