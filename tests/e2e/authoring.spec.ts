import { demo, expect, open, signIn, test } from './fixtures'

test('a trainer fixes an error the preview reported and publishes; the learner sees the new version and keeps the completion of the old', async ({
  page,
  browser,
}) => {
  // A learner completes the lesson as it is.
  const learnerContext = await browser.newContext()
  const learner = await learnerContext.newPage()
  await signIn(learner, 'omar.haddad@harbourlight.example')
  await open(learner, '/learn/the-check-in-call')
  await learner.getByRole('button', { name: 'Mark lesson complete' }).click()
  await expect(learner.getByText(/Completed on .* \(version 1\)\./)).toBeVisible()

  // The trainer edits it.
  await signIn(page, demo.trainer)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Content' }).click()
  await page.getByLabel('Module').selectOption({ label: 'Keeping in touch without selling' })
  await page.getByRole('button', { name: 'Filter' }).click()
  await page.getByRole('link', { name: 'The check-in call' }).click()
  await expect(page.getByRole('heading', { name: 'Edit lesson' })).toBeVisible()
  const preview = page.getByRole('region', { name: 'Preview' })
  await expect(preview.getByRole('heading', { level: 1, name: 'The check-in call' })).toBeVisible()

  const editor = page.locator('.cm-content')
  await editor.click()
  await page.keyboard.press('Control+End')
  await page.keyboard.type('\n\nAsk about one thing only. {oops}')
  await expect(preview.getByRole('alert')).toContainText('JavaScript expressions in braces')
  const problem = preview.getByRole('button', { name: /^Line \d+, column \d+$/ })
  await expect(problem).toBeVisible()
  // Publishing it anyway is refused, and the problem is listed once (not once by the preview and again by the refusal).
  await page.getByRole('button', { name: 'Publish' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'Not published: 1 problem in the lesson text' })).toBeVisible()
  await expect(problem).toHaveCount(1)
  await expect(preview.getByText('JavaScript expressions in braces')).toHaveCount(1)
  expect(new URL(page.url()).search).toBe('')
  await editor.click()

  // Fix it where the preview pointed, and the preview recovers.
  await page.keyboard.press('Control+End')
  for (let i = 0; i < '{oops}'.length; i++) await page.keyboard.press('Backspace')
  await expect(preview.getByRole('alert')).toHaveCount(0)
  await expect(preview.getByText('Ask about one thing only.')).toBeVisible()

  await page.getByRole('button', { name: 'Publish' }).click()
  await expect(page.getByRole('status').getByText('Published as version 2.')).toBeVisible()
  expect(new URL(page.url()).search).toBe('')
  await page.getByRole('link', { name: 'Version history' }).click()
  await expect(page.getByRole('cell', { name: /^v2/ })).toBeVisible()
  // Nothing was removed: the frontmatter is written back exactly as it was.
  await expect(page.locator('.diff .removed')).toHaveCount(0)
  await expect(page.locator('.diff .added').last()).toContainText('Ask about one thing only.')

  // The learner now reads version 2; their completion still points at version 1.
  await learner.reload()
  await expect(learner.getByText('5 min · version 2').or(learner.getByText(/min · version 2/))).toBeVisible()
  await expect(learner.getByText('Ask about one thing only.')).toBeVisible()
  await expect(learner.getByText(/Completed on .* \(version 1\)\. This lesson has been updated since\./)).toBeVisible()
  await learnerContext.close()
})

test('two trainers editing the same lesson: the second save is refused with a clear message', async ({ page, browser }) => {
  const otherContext = await browser.newContext()
  const other = await otherContext.newPage()
  await signIn(page, demo.trainer)
  await signIn(other, 'ingrid.holm@harbourlight.example')
  await open(page, '/content/lessons/biggest-fan')
  await open(other, '/content/lessons/biggest-fan')
  // The second trainer's page has compiled its preview (which must not refresh the form).
  await expect(other.getByRole('region', { name: 'Preview' }).getByRole('heading', { level: 1 })).toBeVisible()

  await page.getByLabel('Summary').fill('Notice and celebrate your clients’ wins, large and small.')
  await page.getByRole('button', { name: 'Save draft' }).click()
  await expect(page.getByRole('status').getByText('Draft saved.')).toBeVisible()
  // A preview on the second page after the first save.
  await other.locator('.cm-content').click()
  await other.keyboard.press('Control+End')
  await other.keyboard.type(' Celebrate.')
  await expect(other.getByRole('region', { name: 'Preview' }).getByText('Celebrate.')).toBeVisible()

  await other.getByLabel('Title').fill('Being the client’s biggest fan')
  await other.getByRole('button', { name: 'Save draft' }).click()
  await expect(other.getByRole('alert').first()).toContainText('saved this lesson while you were editing')
  await expect(other.getByLabel('Title')).toHaveValue('Being the client’s biggest fan')
  await otherContext.close()
})

test('more than 1 MB pasted into the lesson editor is stopped before it is sent, with a message at the field and the text kept', async ({
  page,
}) => {
  await signIn(page, demo.trainer)
  await open(page, '/content/lessons/biggest-fan')
  const preview = page.getByRole('region', { name: 'Preview' })
  await expect(preview.getByRole('heading', { level: 1 })).toBeVisible()
  const posts: string[] = []
  page.on('request', (r) => {
    if (r.method() === 'POST') posts.push(r.url())
  })

  // About 1.2 MB of ordinary paragraphs, pasted at the end of the lesson.
  const pasted = `${Array.from({ length: 14_000 }, (_, i) => `Paragraph ${i}: a long story about a guest that a trainer copied from elsewhere.`).join('\n\n')}\n\nTHE END OF THE PASTE`
  expect(pasted.length).toBeGreaterThan(1024 * 1024)
  const editor = page.locator('.cm-content')
  await editor.click()
  await page.keyboard.press('Control+End')
  await editor.evaluate((element, text) => {
    const clipboardData = new DataTransfer()
    clipboardData.setData('text/plain', text)
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }))
  }, pasted)

  await page.getByRole('button', { name: 'Save draft' }).click()
  const message = page.locator('#body-error')
  await expect(message).toContainText(
    /This is too long to send: the form comes to 1\.\d MB and the limit is 1 MB\. Nothing was sent and your text is still here/,
  )
  await expect(page.getByRole('heading', { name: 'Edit lesson' })).toBeVisible()
  expect(new URL(page.url()).search).toBe('')
  // Neither the save nor a preview went to the server, and the text is all there.
  expect(posts).toEqual([])
  const body = await page
    .locator('textarea#body')
    .evaluate((t: HTMLTextAreaElement) => ({ length: t.value.length, end: t.value.slice(-20) }))
  expect(body.length).toBeGreaterThan(pasted.length)
  expect(body.end).toBe('THE END OF THE PASTE')

  // Undoing the paste makes the lesson fit again: the message goes and the preview is back.
  await editor.click()
  await page.keyboard.press('Control+z')
  await expect(message).toHaveCount(0)
  await expect(preview.getByRole('heading', { level: 1 })).toBeVisible()
})

test('a refused scenario publish names the editor’s fields and puts each message at its field; a saved draft says so in a toast', async ({
  page,
}) => {
  await signIn(page, demo.trainer)
  await open(page, '/content/scenarios')
  await page.getByLabel('Title').fill('The missing charger')
  await page.getByLabel('Slug (its address)').fill('the-missing-charger-e2e')
  await page.getByRole('button', { name: 'Create' }).click()
  await expect(page).toHaveURL(/\/content\/scenarios\/the-missing-charger-e2e$/)
  await expect(page.getByRole('status').getByText('Scenario created as a draft.')).toBeVisible()
  await page.locator('html[data-hydrated="true"]').waitFor()

  await page.getByLabel('The situation (MDX)').fill('A guest at the front desk left her phone charger in a taxi and has a call at 8 a.m.')
  await page.getByRole('button', { name: 'Add a competency' }).click()
  await page.getByLabel('Competency 1', { exact: true }).selectOption('empowered-to-help')
  for (const [i, text] of ['Lend her the desk’s spare charger.', 'Call the taxi company.', 'Point her to the shop.'].entries()) {
    if ((await page.locator(`#f-options-${i}-text`).count()) === 0) await page.getByRole('button', { name: 'Add an option' }).click()
    await page.locator(`#f-options-${i}-text`).fill(text)
    await page.locator(`#f-options-${i}-score`).fill(i === 0 ? '1' : '0.5')
  }
  await page.locator('#f-options-0-explanation').fill('Solves the problem tonight.')
  await page.locator('#f-options-1-explanation').fill('Worth trying as well.')
  await page.getByRole('button', { name: 'Publish' }).click()

  // The summary names the field as the form labels it, and links to it; the message also sits at the field.
  const refusal = page.getByRole('alert').filter({ hasText: 'Not published: 1 problem to fix.' })
  await expect(refusal).toBeVisible()
  await expect(refusal.getByRole('link', { name: 'Option 3 · Explanation' })).toHaveAttribute('href', '#f-options-2-explanation')
  await expect(refusal).not.toContainText('options.2')
  const field = page.locator('#f-options-2-explanation')
  await expect(field).toHaveAttribute('aria-invalid', 'true')
  await expect(field).toBeFocused()
  await expect(page.locator('#f-options-2-explanation-error')).toContainText('Explain why this option is strong or weak')
  // The preview's to-do list speaks the same labels.
  await expect(page.locator('.preview').getByRole('link', { name: 'Option 3 · Explanation' })).toBeVisible()
  await page.screenshot({ path: 'tests/.tmp/scenario-publish-refused-summary.png' })
  await field.scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'tests/.tmp/scenario-publish-refused.png' })

  await page.getByRole('button', { name: 'Save draft' }).click()
  await expect(page.getByRole('status').getByText('Draft saved. Learners still see the published version.')).toBeVisible()
  expect(new URL(page.url()).search).toBe('')
  await page.screenshot({ path: 'tests/.tmp/scenario-draft-saved.png' })
  // The draft kept what was typed.
  await expect(page.locator('#f-options-1-explanation')).toHaveValue('Worth trying as well.')
})

test('a trainer builds a path: each message sits at its field, and saving ends in a toast at the path', async ({ page }) => {
  await signIn(page, demo.trainer)
  await open(page, '/content/paths')
  await page.getByLabel('Path title').fill('Night desk e2e')
  await page.getByRole('button', { name: 'Create path' }).click()
  await expect(page.getByRole('status').getByText('Path “Night desk e2e” created.')).toBeVisible()
  expect(new URL(page.url()).search).toBe('')

  const section = page.getByRole('region', { name: 'Path: Night desk e2e' })
  await section.getByRole('button', { name: 'Save path' }).click()
  await expect(section.getByRole('alert')).toHaveText('A path needs at least one module.')

  const first = section.getByRole('checkbox').first()
  await first.check()
  const due = section.getByRole('textbox', { name: /^Days until .* is due$/ }).first()
  await due.fill('soon')
  await section.getByRole('button', { name: 'Save path' }).click()
  await expect(due).toHaveAttribute('aria-invalid', 'true')
  await expect(section.getByText('Enter whole days from 0 to 365.')).toBeVisible()

  await due.fill('5')
  await section.getByRole('button', { name: 'Save path' }).click()
  await expect(page.getByRole('status').getByText('Path saved.')).toBeVisible()
  expect(new URL(page.url()).hash).toBe('#path-night-desk-e2e')
  await expect(page.getByRole('region', { name: 'Path: Night desk e2e' }).getByRole('checkbox').first()).toBeChecked()
  await expect(
    page
      .getByRole('region', { name: 'Path: Night desk e2e' })
      .getByRole('textbox', { name: /^Days until/ })
      .first(),
  ).toHaveValue('5')
  await page.screenshot({ path: 'tests/.tmp/path-saved.png' })
})
