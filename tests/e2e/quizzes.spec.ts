import type { Page } from '@playwright/test'
import { demo, expect, open, signIn, signOut, test } from './fixtures'

// Jonas works on the Front Desk (led by Priya); Daniel leads the Restaurant.
const jonas = 'jonas.berg@harbourlight.example'

/** Answers the item on screen, whatever its type; single-choice items are submitted with a double click. */
async function answerCurrentItem(page: Page) {
  const item = page.locator('.quiz-item')
  // What the page would send for each option is an id of this attempt, not a position in the content.
  const values = await item
    .locator('input[name="option"], input[name="order"]')
    .evaluateAll((els) => els.flatMap((e) => (e as HTMLInputElement).value.split(',')))
  for (const value of values) expect(value).toMatch(/^[a-z2-7]{13}$/)
  if (await item.locator('input[name="turn"]').count()) {
    // A conversation: reply until it ends, one turn at a time.
    while (await item.getByRole('button', { name: 'Reply' }).count()) {
      const where = async () => `${page.url()} ${await item.locator('.reply').count()}`
      const before = await where()
      const turn = item.locator('.turn').last()
      await turn.locator('input[name="option"]').first().check()
      await turn.getByRole('button', { name: 'Reply' }).click()
      // The reply shows in the conversation, or the quiz moves on once it has ended.
      await expect.poll(where).not.toBe(before)
      await page.waitForLoadState('networkidle')
    }
    return 'branching'
  }
  if (await item.locator('textarea').count()) {
    // The browser's limit is the server's (domain/scenarios/answer-schemas.ts).
    await expect(item.locator('textarea')).toHaveAttribute('maxlength', '2000')
    await expect(item.getByText(/0 \/ 2,000 characters/)).toBeVisible()
    await item.locator('textarea').fill('What is the meeting for, and who will be joining you? That tells me which room fits.')
    await item.getByRole('button', { name: 'Submit answer' }).click()
    return 'free-text'
  }
  if (await item.locator('.ranking').count()) {
    await item
      .getByRole('button', { name: /^Move down/ })
      .first()
      .click()
    await item.getByRole('button', { name: 'Submit answer' }).click()
    return 'ranking'
  }
  if (await item.locator('input[type="checkbox"]').count()) {
    await item.locator('input[type="checkbox"]').nth(0).check()
    await item.locator('input[type="checkbox"]').nth(1).check()
    await item.getByRole('button', { name: 'Submit answer' }).click()
    return 'multiple'
  }
  await item.locator('input[name="option"]').first().check()
  await item.getByRole('button', { name: 'Submit answer' }).dblclick()
  return 'single'
}

test.describe.serial('scenario quizzes', () => {
  test('a learner takes the probing quiz, with a conversation, and reviews it', async ({ page }) => {
    await signIn(page, jonas)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Quizzes' }).click()
    await page.getByRole('link', { name: 'Quiz: Probing for the real need' }).click()
    await expect(page.getByText('Feedback in the review, after you submit')).toBeVisible()
    await page.getByRole('button', { name: 'Start the quiz' }).click()
    await expect(page).toHaveURL(/\/attempts\//)
    await page.locator('html[data-hydrated="true"]').waitFor()

    const seen: string[] = []
    for (let n = 1; n <= 6; n++) {
      await expect(page.getByText(`${n - 1} of 6`, { exact: true })).toBeVisible()
      seen.push(await answerCurrentItem(page))
      await expect(page.getByText(`${n} of 6`, { exact: true })).toBeVisible()
      // Feedback waits for the review in this quiz: nothing about scores is on the page yet, and
      // the server's HTML (with the loader data it carries) holds no explanation or model answer.
      await expect(page.getByText(/Best response|Red flag|Path score/)).toHaveCount(0)
      const html = await (await page.request.get(page.url())).text()
      expect(html).toContain('__reactRouterContext')
      expect(html).not.toMatch(/"explanation"|"modelAnswer"|"criteria"/)
    }
    expect(seen.sort()).toEqual(['branching', 'free-text', 'multiple', 'single', 'single', 'single'])

    await page.getByRole('button', { name: 'Submit the quiz' }).click()
    await expect(page.getByRole('heading', { name: 'Review' })).toBeVisible()
    await expect(page.getByText(/Submitted .* score \d+%/)).toBeVisible()
    await expect(page.getByText('The best path')).toBeVisible()
    await expect(page.getByText('Your choice').first()).toBeVisible()
    await expect(page.getByText(/Awaiting review: a trainer will grade/)).toBeVisible()
    await expect(page.locator('.quiz-review-item')).toHaveCount(6)
    await expect(page.locator('.toaster .toast')).toContainText('Quiz submitted.')
    // The review ends with what to do next: the path goes on, a retake opens after the pause, the way back.
    const next = page.getByRole('region', { name: 'What next' })
    await expect(next.getByRole('link', { name: /^(Read|Take): / })).toHaveAttribute('href', /^\/(learn|quizzes)\//)
    await expect(next.getByText(/^You can retake this quiz from \d{1,2} \w+ \d{4}, \d{2}:\d{2}\.$/)).toBeVisible()
    await expect(next.getByRole('button', { name: 'Retake this quiz' })).toHaveCount(0)
    await expect(next.getByRole('link', { name: 'Back to my onboarding' })).toHaveAttribute('href', '/learn')

    // The double-clicked answers were each recorded once: six items, six answers, and the quiz page agrees.
    await open(page, '/quizzes/04-probing')
    await expect(page.getByRole('cell', { name: /Submitted · 1 awaiting review/ })).toBeVisible()
    await expect(page.getByText('The next attempt opens after a pause')).toBeVisible()
  })

  test('a trainer creates a scenario that fails validation, fixes it and publishes', async ({ page }) => {
    await signIn(page, demo.trainer)
    await open(page, '/content/scenarios')
    await page.getByLabel('Title').fill('The late checkout')
    await page.getByLabel('Slug (its address)').fill('the-late-checkout-e2e')
    await page.getByRole('button', { name: 'Create' }).click()
    await expect(page).toHaveURL(/\/content\/scenarios\/the-late-checkout-e2e$/)
    await page.locator('html[data-hydrated="true"]').waitFor()

    await page.getByLabel('The situation (MDX)').fill('A guest asks to check out at 3 p.m. because her flight leaves at 9 p.m.')
    await page.getByRole('button', { name: 'Publish' }).click()
    await expect(page.getByRole('alert').filter({ hasText: 'Not published' })).toBeVisible()
    await expect(page.getByText('Name at least one competency this scenario measures.').first()).toBeVisible()
    await expect(page.locator('#f-options-0-text')).toHaveAttribute('aria-invalid', 'true')

    await page.getByRole('button', { name: 'Add a competency' }).click()
    await page.getByLabel('Competency 1', { exact: true }).selectOption('empowered-to-help')
    const options = [
      [
        'Agree, and offer somewhere to rest and shower before she leaves.',
        '1',
        'You solve the real problem: a long wait with nowhere to be.',
      ],
      ['Charge the half-day rate, as policy says.', '0', 'Policy first makes her feel like a transaction.'],
      ['Offer to keep her luggage until the evening.', '0.5', 'Helpful, but she still has nowhere to rest.'],
    ]
    for (const [i, [text, score, why]] of options.entries()) {
      await page.locator(`#f-options-${i}-text`).fill(text!)
      await page.locator(`#f-options-${i}-score`).fill(score!)
      await page.locator(`#f-options-${i}-explanation`).fill(why!)
    }
    // Clear one score: the error points at exactly that field.
    await page.locator('#f-options-2-score').fill('')
    await page.getByRole('button', { name: 'Publish' }).click()
    await expect(page.locator('#f-options-2-score')).toHaveAttribute('aria-invalid', 'true')
    await expect(page.getByRole('alert').filter({ hasText: 'Not published' }).getByRole('link', { name: 'Option 3 · Score' })).toBeVisible()
    await page.locator('#f-options-2-score').fill('0.5')
    await expect(page.locator('.preview').getByText('Choose the best response.')).toBeVisible()
    await page.getByRole('button', { name: 'Publish' }).click()
    await expect(page.getByText('Published version 1.')).toBeVisible()
    await open(page, '/content/scenarios?type=single')
    await expect(page.getByRole('row', { name: /The late checkout.*v1/ })).toBeVisible()
  })

  test('a trainer grades the free-text answer and the learner sees it; a leader replays the conversation', async ({ page }) => {
    await signIn(page, demo.trainer)
    await open(page, '/content/grading')
    await page
      .getByRole('row', { name: /Jonas Berg/ })
      .getByRole('link')
      .click()
    await page.locator('html[data-hydrated="true"]').waitFor()
    await expect(page.getByText('What is the meeting for, and who will be joining you?')).toBeVisible()
    await page.getByRole('button', { name: 'Save the grade' }).click()
    // Every criterion needs a level: the browser stops the form until each is chosen.
    await expect(page).toHaveURL(/\/content\/grading\/.+/)
    for (const group of await page.locator('fieldset.rubric-criterion').all()) await group.locator('input[type="radio"]').last().check()
    await page.getByLabel('Comment for the learner').fill('A good open question. Next time, also ask who will be there.')
    await page.getByRole('button', { name: 'Save the grade' }).click()
    await expect(page.getByText('Grade saved.')).toBeVisible()
    await signOut(page)

    await signIn(page, jonas)
    await open(page, '/quizzes/04-probing')
    await page.getByRole('link', { name: 'Attempt 1' }).click()
    await expect(page.getByText('A good open question. Next time, also ask who will be there.')).toBeVisible()
    await expect(page.getByText(/Graded by Tomás Reyes/)).toBeVisible()
    await signOut(page)

    await signIn(page, demo.leader)
    await open(page, '/team')
    await page.getByRole('link', { name: 'Jonas Berg' }).first().click()
    await page.getByRole('link', { name: /Quiz: Probing for the real need, attempt 1/ }).click()
    await expect(page.getByText('The path taken')).toBeVisible()
    await expect(page.getByText('The best path')).toBeVisible()
    const replay = page.url()
    await signOut(page)

    // The Restaurant's leader cannot see a Front Desk employee's attempt.
    await signIn(page, demo.restaurantLeader)
    const refused = await open(page, new URL(replay).pathname)
    expect(refused?.status()).toBe(404)
  })
})
