import { expect, signIn, test } from './fixtures'

test('a new hire reads a lesson, answers its check, completes it, writes a reflection and sees progress move', async ({ page }) => {
  await signIn(page, 'mei.chen@harbourlight.example')
  const onboarding = page.getByRole('region', { name: 'Your onboarding' })
  await expect(onboarding).toContainText('0 of 19 lessons')
  await onboarding.getByRole('link', { name: 'Start: Why the mission matters' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Why the mission matters' })).toBeVisible()
  // The organisation's own mission appears inside the lesson.
  await expect(page.locator('.lesson-mission')).toContainText('Every guest leaves Harbour Light')

  // The answers and explanations are not in the page before answering.
  const html = await page.content()
  expect(html).not.toContain('a purpose everyone understands lets people decide well')
  expect(html).not.toMatch(/"correct"/)
  // Each option is sent as this learner's id for it, not its position in the lesson.
  const values = await page.locator('form.check input[name="option"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))
  expect(values.length).toBeGreaterThan(1)
  for (const value of values) expect(value).toMatch(/^[a-z2-7]{13}$/)

  await page.getByLabel('So that people can make good decisions in situations no rule foresaw.').check()
  await page.getByRole('button', { name: 'Check my answer' }).click()
  await expect(page.getByText('Well done: that is the best answer.')).toBeVisible()
  await expect(page.getByText('a purpose everyone understands lets people decide well')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Check my answer' })).toHaveCount(0)

  await page.getByRole('button', { name: 'Mark lesson complete' }).click()
  await expect(page.getByText(/Completed on .* \(version 1\)/)).toBeVisible()

  await page.getByRole('link', { name: 'Your job and the mission →' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Your job and the mission' })).toBeVisible()
  const answer = 'I fold towels so guests feel at home; this week I left a note for a family with a baby.'
  await page.getByRole('textbox', { name: /how does your own job serve our mission/ }).fill(answer)
  await page.getByRole('button', { name: 'Save my answer' }).click()
  await expect(page.getByText('Saved to your record.')).toBeVisible()
  await page.reload()
  await expect(page.getByRole('textbox', { name: /how does your own job serve our mission/ })).toHaveValue(answer)

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My onboarding' }).click()
  await expect(page.getByText('1 of 19 lessons')).toBeVisible()
  await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '5')
  const lessonItem = (title: string) => page.locator('.lessons li').filter({ has: page.getByRole('link', { name: title, exact: true }) })
  await expect(lessonItem('Why the mission matters')).toContainText('Done')
  await expect(lessonItem('Your job and the mission')).toContainText('In progress')
})
