import { demo, expect, open, signIn, signOut, test } from './fixtures'

const NAV: Record<keyof typeof demo, string[]> = {
  admin: [
    'Home',
    'My onboarding',
    'Quizzes',
    'My readiness',
    'Team readiness',
    'Everyone',
    'Content',
    'People',
    'Teams',
    'Organisation',
    'Readiness settings',
    'Outbox',
    'Audit log',
    'Account',
  ],
  trainer: ['Home', 'My onboarding', 'Quizzes', 'My readiness', 'Content', 'Account'],
  leader: ['Home', 'My onboarding', 'Quizzes', 'My readiness', 'Team readiness', 'My teams', 'Account'],
  restaurantLeader: ['Home', 'My onboarding', 'Quizzes', 'My readiness', 'Team readiness', 'My teams', 'Account'],
  learner: ['Home', 'My onboarding', 'Quizzes', 'My readiness', 'Account'],
}

for (const role of ['admin', 'trainer', 'leader', 'learner'] as const) {
  test(`${role} signs in and sees only their navigation`, async ({ page }) => {
    await signIn(page, demo[role])
    const nav = page.getByRole('navigation', { name: 'Main' })
    await expect(nav.getByRole('link')).toHaveText(NAV[role])
    await expect(page.getByRole('heading', { name: 'Our mission' })).toBeVisible()
    await signOut(page)
    await page.goto('/')
    await expect(page).toHaveURL(/\/login$/)
  })
}

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

test('the navigation works at phone width', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 })
  await signIn(page, demo.admin)
  const nav = page.getByRole('navigation', { name: 'Main' })
  await nav.getByRole('link', { name: 'Teams' }).click()
  await expect(page.getByRole('heading', { name: 'Teams', level: 1 })).toBeVisible()
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  expect(width).toBeLessThanOrEqual(375)
})
