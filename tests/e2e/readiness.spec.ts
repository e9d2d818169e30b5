import { demo, expect, open, signIn, signOut, test } from './fixtures'

// Grace works on the Front Desk (led by Priya); Daniel leads the Restaurant.
const grace = 'grace.kim@harbourlight.example'

test.describe.serial('readiness', () => {
  test("a learner's answer moves their readiness", async ({ page }) => {
    await signIn(page, grace)
    await open(page, '/readiness')
    const probing = page.locator('#competency-probing-for-the-real-need')
    await expect(probing).toContainText('No scored evidence yet.')
    await expect(page.getByText('Not client-ready yet')).toBeVisible()

    await open(page, '/learn/valerie')
    const check = page.locator('form.check').filter({ hasText: 'What did Valerie do' })
    await check.getByLabel('She asked whether the clothes were needed for the trip.').check()
    await check.getByRole('button', { name: 'Check my answer' }).click()
    await expect(check.getByText('Well done')).toBeVisible()

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My readiness' }).click()
    await expect(probing).toContainText('1 scored answer')
    // One Check answer cannot call a level: the page says so, and how many more answers could.
    await expect(probing.locator('.level')).toHaveText('Not enough evidence yet')
    await expect(probing).toContainText(/\d+ more answers or observations could decide it/)
    await expect(probing.getByRole('img', { name: /Probing for the real need: estimated 60%/ })).toBeVisible()
  })

  test("a leader filters the heatmap, exports it, and records an observation that becomes evidence; another team's leader is refused", async ({
    page,
  }) => {
    await signIn(page, demo.leader)
    const nav = page.getByRole('navigation', { name: 'Main' })
    await nav.locator('summary', { hasText: 'Team' }).click()
    await nav.getByRole('link', { name: 'Team readiness' }).click()
    await expect(page.getByRole('heading', { name: 'Team readiness' })).toBeVisible()
    await expect(page.getByText(/^\d+ people match\.$/)).toBeVisible()

    await page.getByLabel('Team').selectOption({ label: 'Front Desk' })
    await page.getByLabel('Competency').selectOption({ label: 'Probing for the real need' })
    await page.getByLabel('Level').selectOption({ label: 'Not enough evidence yet' })
    await page.getByRole('button', { name: 'Apply' }).click()
    // Only people of the Front Desk whose probing evidence cannot call a level yet: Grace (one answer), not Kwame (no answers yet) or Concierge staff.
    await expect(page.getByText(/^\d+ (person matches|people match)\.$/)).toBeVisible()
    await expect(page.getByRole('row', { name: /Kwame Owusu/ })).toHaveCount(0)
    await expect(page.getByRole('row', { name: /Concierge/ })).toHaveCount(0)
    const row = page.getByRole('row', { name: /Grace Kim/ })
    await expect(
      row.getByRole('link', {
        name: /Grace Kim, Probing for the real need: Not enough evidence yet \(\d+ more answers or observations could decide it\), 1 piece of evidence/,
      }),
    ).toBeVisible()

    const download = page.waitForEvent('download')
    await page.getByRole('link', { name: 'Export CSV' }).click()
    const file = await (await download).path()
    const csv = (await import('node:fs')).readFileSync(file!, 'utf8')
    // The export holds exactly the rows the filtered page shows.
    const lines = csv.trim().split('\r\n')
    expect(lines[0]).toContain('"Probing for the real need"')
    expect(lines.length - 1).toBe(await page.locator('table.heatmap tbody tr').count())
    expect(lines.some((l) => /^"Grace Kim","grace.kim@harbourlight.example","Front Desk",/.test(l))).toBe(true)
    expect(csv).not.toContain('Kwame Owusu')

    await row.getByRole('link', { name: 'Grace Kim', exact: true }).click()
    await expect(page.getByRole('heading', { name: 'Grace Kim: readiness' })).toBeVisible()
    const personUrl = new URL(page.url()).pathname
    await page.locator('html[data-hydrated="true"]').waitFor()
    await page.getByText('Record what you saw on the job').click()
    await page.getByLabel('What did you see?').selectOption({ label: 'Help in extraordinary moments' })
    await page.getByLabel('Beyond: a role model').check()
    await page.getByLabel('A short note (optional)').fill('Found a taxi and stayed with a guest whose flight was cancelled.')
    await page.getByRole('button', { name: 'Save observation' }).click()
    // The confirmation is a toast at the top of the screen, wherever the form was; nothing in the address.
    const toast = page.locator('.toaster .toast')
    await expect(toast).toContainText('Observation recorded')
    await expect(toast).toContainText('Help in extraordinary moments: “Beyond: a role model”. It counts as evidence now')
    expect(await toast.evaluate((el) => el.getBoundingClientRect().top)).toBeLessThan(100)
    expect(new URL(page.url()).search).toBe('')
    await expect(page.locator('#competency-extraordinary-help')).toContainText('1 scored answer')
    await page.getByText(/^Help in extraordinary moments · 1 piece$/).click()
    await expect(page.getByText(/Seen on the job by Priya Nair: Beyond: a role model\. “Found a taxi/)).toBeVisible()
    await signOut(page)

    await signIn(page, demo.restaurantLeader)
    const refused = await open(page, personUrl)
    expect(refused?.status()).toBe(404)
    const csvRefused = await page.request.get('/readiness/team.csv?teamId=x')
    expect(await csvRefused.text()).not.toContain('Grace Kim')
  })
})

test('the heatmap fits a laptop: at 1366 px every column and Client-ready are in view, no sideways scroll, no clipped words', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 })
  await signIn(page, demo.admin)
  await open(page, '/readiness/team')
  const wrap = page.locator('.heatmap-wrap')
  const table = wrap.locator('table.heatmap')
  await expect(table.locator('tbody tr').first()).toBeVisible()
  const fit = await wrap.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }))
  expect(fit.scroll).toBeLessThanOrEqual(fit.client)
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366)
  const client = table.getByRole('columnheader', { name: 'Client-ready' })
  const box = (await client.boundingBox())!
  expect(box.x).toBeGreaterThan(0)
  expect(box.x + box.width).toBeLessThanOrEqual(1366)
  // Every heading and every cell word is shown whole: nothing wider than its cell.
  const clipped = await table
    .locator('thead th, .cell-level, .level-short, td.client')
    .evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent))
  expect(clipped).toEqual([])
  // The short words carry the full level for screen readers and as a tooltip.
  const first = table.locator('td.cell a').first()
  await expect(first).toHaveAttribute('aria-label', /: (Not started|Developing|Ready|Role model|Not enough evidence yet)/)
  await expect(first).toHaveAttribute('title', /: (Not started|Developing|Ready|Role model|Not enough evidence yet)$/)
})

test('on a phone the heatmap scrolls sideways under a person column that stays in view', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 })
  await signIn(page, demo.admin)
  await open(page, '/readiness/team')
  const wrap = page.locator('.heatmap-wrap')
  const person = wrap.locator('tbody th').first()
  await person.scrollIntoViewIfNeeded()
  const before = (await person.boundingBox())!
  const scrolled = await wrap.evaluate((el) => {
    el.scrollLeft = 400
    return el.scrollLeft
  })
  expect(scrolled).toBeGreaterThan(100)
  const after = (await person.boundingBox())!
  // It stays where it was (give or take the 2 px of cell spacing it sticks over).
  expect(Math.abs(after.x - before.x)).toBeLessThanOrEqual(2)
  // The person's name is on top, not a cell scrolled under it.
  const onTop = await person.evaluate((th) => {
    const r = th.getBoundingClientRect()
    const hit = document.elementFromPoint(r.left + 10, r.top + r.height / 2)
    return th.contains(hit)
  })
  expect(onTop).toBe(true)
})

test('a competency not started draws an empty track that says so, not a bar', async ({ page }) => {
  // The admin takes no quizzes in these tests: their own readiness has no evidence.
  await signIn(page, demo.admin)
  await open(page, '/readiness')
  const empty = page.locator('.interval-empty').first()
  await expect(empty).toBeVisible()
  await expect(empty).toHaveAccessibleName(/not started, no scored evidence yet/)
  await expect(empty).toContainText('Not started')
  await expect(page.locator('.interval-empty .interval-range')).toHaveCount(0)
})
