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
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team readiness' }).click()
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
