import { demo, expect, open, signIn, signOut, test } from './fixtures'

// What the bar shows (links, and menus by their button) and what each menu holds; Account sits beside Sign out.
const NAV: Record<'admin' | 'trainer' | 'leader' | 'learner', { bar: string[]; menus: Record<string, string[]> }> = {
  admin: {
    bar: ['Home', 'My onboarding', 'Quizzes', 'My readiness', 'Certificates', 'Team', 'Content', 'Admin'],
    menus: {
      Team: ['Team readiness', 'Everyone'],
      Admin: ['People', 'Teams', 'Organisation', 'Readiness settings', 'Outbox', 'Scheduled jobs', 'Audit log'],
    },
  },
  trainer: { bar: ['Home', 'My onboarding', 'Quizzes', 'My readiness', 'Certificates', 'Content'], menus: {} },
  leader: {
    bar: ['Home', 'My onboarding', 'Quizzes', 'My readiness', 'Certificates', 'Team'],
    menus: { Team: ['Team readiness', 'My teams'] },
  },
  learner: { bar: ['Home', 'My onboarding', 'Quizzes', 'My readiness', 'Certificates'], menus: {} },
}

for (const role of ['admin', 'trainer', 'leader', 'learner'] as const) {
  test(`${role} signs in and sees only their navigation`, async ({ page }) => {
    await signIn(page, demo[role])
    const nav = page.getByRole('navigation', { name: 'Main' })
    await expect(nav.locator('.nav-bar > li > a, .nav-bar > li > details > summary')).toHaveText(NAV[role].bar)
    for (const [menu, links] of Object.entries(NAV[role].menus)) {
      const details = nav.locator('details', { has: page.locator('summary', { hasText: menu }) })
      await expect(details.getByRole('link')).toHaveCount(0)
      await details.locator('summary').click()
      await expect(details.getByRole('link')).toHaveText(links)
      await details.locator('summary').click()
    }
    await expect(page.locator('.user-menu').getByRole('link', { name: 'Account' })).toBeVisible()
    await expect(page.getByRole('heading', { name: 'Our mission' })).toBeVisible()
    await signOut(page)
    await page.goto('/')
    await expect(page).toHaveURL(/\/login$/)
  })
}

test('a menu opens with the keyboard, and Escape closes it and gives focus back to its button', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 })
  await signIn(page, demo.admin)
  const admin = page.getByRole('navigation', { name: 'Main' }).locator('details', { has: page.locator('summary', { hasText: 'Admin' }) })
  await admin.locator('summary').focus()
  await page.keyboard.press('Enter')
  await expect(admin).toHaveAttribute('open', '')
  await expect(admin.getByRole('link', { name: 'Audit log' })).toBeVisible()
  await page.keyboard.press('Tab')
  await expect(admin.getByRole('link', { name: 'People' })).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(admin).not.toHaveAttribute('open', '')
  await expect(admin.locator('summary')).toBeFocused()
  // Space opens it too; a link followed closes it.
  await page.keyboard.press('Space')
  await admin.getByRole('link', { name: 'Teams' }).click()
  await expect(page.getByRole('heading', { name: 'Teams', level: 1 })).toBeVisible()
  await expect(admin).not.toHaveAttribute('open', '')
  await expect(admin.locator('summary')).toHaveClass(/current/)
  // Opening one menu closes the other.
  const team = page
    .getByRole('navigation', { name: 'Main' })
    .locator('details', { has: page.locator('summary', { hasText: 'Team' }).first() })
    .first()
  await admin.locator('summary').click()
  await team.locator('summary').click()
  await expect(team).toHaveAttribute('open', '')
  await expect(admin).not.toHaveAttribute('open', '')
})

test('a wrong password shows one message and keeps the email', async ({ page }) => {
  await open(page, '/login')
  await page.getByLabel('Email').fill(demo.trainer)
  await page.getByLabel('Password').fill('not the right password')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('alert')).toHaveText('That email and password do not match an account.')
  await expect(page.getByLabel('Email')).toHaveValue(demo.trainer)
})

test('the sign-in form says what is missing in the browser, from the schema the server uses, without sending anything', async ({
  page,
}) => {
  await open(page, '/login')
  let sent = 0
  page.on('request', (r) => r.method() === 'POST' && sent++)
  await page.getByLabel('Email').fill('not-an-email')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByText('Enter an email address like name@example.com.')).toBeVisible()
  await expect(page.getByText('Enter your password.')).toBeVisible()
  await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true')
  expect(sent).toBe(0)
  // Corrected as the person types.
  await page.getByLabel('Password').fill('x')
  await expect(page.getByText('Enter your password.')).toHaveCount(0)
  await expect(page.getByLabel('Email')).toHaveAttribute('maxlength', '254')
})

test('sign-in returns to the page that asked for it', async ({ page }) => {
  await open(page, '/admin/teams')
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fadmin%2Fteams/)
  await page.getByLabel('Email').fill(demo.admin)
  await page.getByLabel('Password').fill('harbour-light-demo')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('heading', { name: 'Teams', level: 1 })).toBeVisible()
})

test("a leader is refused another team's employee; a learner is refused admin pages", async ({ page }) => {
  // Daniel leads the Restaurant; Lena works at the Front Desk.
  await signIn(page, demo.admin)
  await page.goto('/admin/people?q=lena')
  await page.getByRole('link', { name: 'Lena Fischer' }).click()
  await expect(page).toHaveURL(/\/admin\/people\/[a-z0-9]+$/)
  const lenaId = page.url().split('/').pop()!
  await signOut(page)

  await signIn(page, demo.restaurantLeader)
  const res = await page.goto(`/people/${lenaId}`)
  expect(res?.status()).toBe(404)
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible()
  await expect(page.locator('body')).not.toContainText('lena.fischer')
  await signOut(page)

  await signIn(page, demo.learner)
  const admin = await page.goto('/admin/people')
  expect(admin?.status()).toBe(403)
  await expect(page.getByRole('heading', { name: 'Not available to you' })).toBeVisible()
})

test('the navigation works at phone width: a Menu button opens the groups, Escape closes it', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 })
  await signIn(page, demo.admin)
  const menu = page.locator('details.phone-menu')
  const button = menu.locator('summary')
  await expect(button).toHaveText('Menu')
  // The bar of the wide layout is not shown: the Menu is the one way in.
  await expect(page.locator('.nav-bar')).toBeHidden()
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden()
  await button.focus()
  await page.keyboard.press('Enter')
  const nav = page.getByRole('navigation', { name: 'Main' })
  await expect(nav).toBeVisible()
  await expect(nav.locator('.phone-group-label')).toHaveText(['Learn', 'Team', 'Content', 'Admin'])
  await expect(menu.getByRole('link', { name: 'Account' })).toBeVisible()
  await expect(menu.getByRole('button', { name: 'Sign out' })).toBeVisible()
  await page.keyboard.press('Tab')
  await expect(nav.getByRole('link', { name: 'Home' })).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(nav).toBeHidden()
  await expect(button).toBeFocused()

  await page.keyboard.press('Space')
  await nav.getByRole('link', { name: 'Teams' }).click()
  await expect(page.getByRole('heading', { name: 'Teams', level: 1 })).toBeVisible()
  await expect(nav).toBeHidden()
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  expect(width).toBeLessThanOrEqual(390)
})

test('at phone width, pages with wide tables scroll the table, not the page', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 })
  await signIn(page, demo.admin)
  // Each has a wide table with a visually hidden label in it, which once widened the whole page.
  for (const path of ['/admin/jobs', '/readiness/team', '/admin/people', '/content/quizzes', '/content/scenarios']) {
    await open(page, path)
    const wrap = page.locator('.table-wrap').first()
    await expect(wrap).toBeVisible()
    const sizes = await page.evaluate(() => {
      const wrap = document.querySelector('.table-wrap')!
      return { page: document.documentElement.scrollWidth, table: wrap.scrollWidth, wrap: wrap.clientWidth }
    })
    expect(sizes.table, `${path}: the table is wider than the phone`).toBeGreaterThan(sizes.wrap)
    expect(sizes.page, `${path}: the page scrolls sideways`).toBeLessThanOrEqual(390)
  }
})
