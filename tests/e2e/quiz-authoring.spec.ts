import { demo, expect, open, signIn, test } from './fixtures'

test('a trainer adds a scenario to a quiz with the keyboard, is told a draw size is too big, fixes it, publishes and sees the history', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 900 })
  await signIn(page, demo.trainer)
  await open(page, '/content')
  await page.locator('#main').getByRole('link', { name: 'Quizzes', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Quizzes' })).toBeVisible()
  await page.getByRole('link', { name: 'Quiz: Going beyond' }).click()
  await expect(page.getByRole('heading', { name: 'Edit quiz' })).toBeVisible()
  await page.locator('html[data-hydrated="true"]').waitFor()
  const count = page.locator('#picker-count')
  await expect(count).toHaveText('14 chosen · 5 drawn per attempt')

  // Find a scenario of another module and tick it from the keyboard: Find → module → "Chosen only" → the first match.
  const find = page.getByLabel('Find')
  await find.fill('slow breakfast')
  await expect(page.getByText('Showing 1 of')).toBeVisible()
  const slowBreakfast = page.getByRole('checkbox', { name: /The slow breakfast/ })
  await find.focus()
  for (let i = 0; i < 3; i++) await page.keyboard.press('Tab')
  await expect(slowBreakfast).toBeFocused()
  await page.keyboard.press('Space')
  await expect(slowBreakfast).toBeChecked()
  await expect(count).toHaveText('15 chosen · 5 drawn per attempt')

  // A draw larger than the scenarios chosen is named as the trainer types, and publishing it is refused.
  const draw = page.getByLabel('Scenarios drawn per attempt')
  await draw.fill('16')
  await expect(count).toContainText('Draw 16 needs at least 16 scenarios; 15 are chosen.')
  await page.getByRole('button', { name: 'Publish' }).click()
  await expect(draw).toHaveAccessibleDescription(/Draw 16 needs at least 16 scenarios; 15 are chosen\./)
  await expect(draw).toHaveAttribute('aria-invalid', 'true')
  await draw.fill('6')
  await expect(page.getByRole('alert').filter({ hasText: 'Draw 16' })).toHaveCount(0)
  await find.fill('')
  await page.screenshot({ path: 'tests/.tmp/quiz-editor-1366.png', fullPage: true })
  await page.setViewportSize({ width: 390, height: 844 })
  await page.screenshot({ path: 'tests/.tmp/quiz-editor-390.png', fullPage: true })
  await page.setViewportSize({ width: 1366, height: 900 })

  await page.getByRole('button', { name: 'Publish' }).click()
  await expect(page.getByRole('status').getByText(/^Published as version 2\./)).toBeVisible()
  await expect(count).toHaveText('15 chosen · 6 drawn per attempt')
  await expect(page.getByText('Published in the app: content sync leaves it as it is')).toBeVisible()

  await page.getByRole('link', { name: 'Version history' }).click()
  const v2 = page.getByRole('row').filter({ has: page.getByRole('cell', { name: /^v2/ }) })
  await expect(v2).toContainText('editor')
  await expect(v2).toContainText('15, 6 drawn')
  await expect(page.getByRole('row').filter({ has: page.getByRole('cell', { name: /^v1/ }) })).toContainText('content file')
  const changes = page.getByRole('region', { name: 'Changes from v1 to v2' })
  await expect(changes.getByRole('heading', { name: 'Scenarios added' })).toBeVisible()
  await expect(changes).toContainText('The slow breakfast')
  await expect(changes).toContainText('Draw per attempt: 5 → 6')
})
