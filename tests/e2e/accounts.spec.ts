import { demo, expect, linkFromOutbox, open, signIn, signOut, test } from './fixtures'

test('invite → accept → sign in', async ({ page, browser }) => {
  await signIn(page, demo.admin)
  await page.getByRole('navigation', { name: 'Main' }).locator('summary', { hasText: 'Admin' }).click()
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click()
  await page.getByRole('link', { name: 'Invite someone' }).click()
  await page.getByLabel('Email').fill('Noa.Petit@harbourlight.example')
  await page.getByLabel('Role').selectOption('learner')
  await page.getByLabel('Concierge').check()
  await page.getByRole('button', { name: 'Send invite' }).click()
  await expect(page.getByText('Invite sent to noa.petit@harbourlight.example')).toBeVisible()
  await expect(page.getByText('invited', { exact: true })).toBeVisible()
  const link = await linkFromOutbox(page, 'noa.petit@harbourlight.example', 'invite')

  const context = await browser.newContext()
  const newcomer = await context.newPage()
  await open(newcomer, link)
  await expect(newcomer.getByRole('heading', { name: 'Welcome to Harbour Light Hotel' })).toBeVisible()
  await newcomer.getByLabel('Your name').fill('Noa Petit')
  await newcomer.getByLabel('Choose a password').fill('short')
  await newcomer.getByLabel('Repeat the password').fill('short')
  await newcomer.getByRole('button', { name: 'Create my account' }).click()
  await expect(newcomer.getByText('Use at least 12 characters.')).toBeVisible()
  await expect(newcomer.getByLabel('Your name')).toHaveValue('Noa Petit')
  await newcomer.getByLabel('Choose a password').fill('lanterns over the quay')
  await newcomer.getByLabel('Repeat the password').fill('lanterns over the quay')
  await newcomer.getByRole('button', { name: 'Create my account' }).click()
  await expect(newcomer.getByText('Your account is ready. Welcome aboard, Noa Petit!')).toBeVisible()
  await expect(newcomer.getByText('Concierge')).toBeVisible()
  await signOut(newcomer)
  await signIn(newcomer, 'noa.petit@harbourlight.example', 'lanterns over the quay')

  // The link worked once.
  await newcomer.goto(link)
  await expect(newcomer.getByRole('heading', { name: 'This invite has already been used' })).toBeVisible()
  await context.close()
})

test('password reset through the outbox', async ({ page, browser }) => {
  const email = 'zara.ali@harbourlight.example'
  await open(page, '/login')
  // By keyboard: a click lands on mousedown's blur, which shows the empty Email's error above the
  // link and moves it before mouseup (a sign-in page problem, see login.tsx and forms.ts shouldValidate).
  await page.getByRole('link', { name: 'Forgot your password?' }).focus()
  await page.keyboard.press('Enter')
  // A client-side navigation: wait for the new page, or the sign-in form's Email gets the text.
  await expect(page.getByRole('heading', { name: 'Reset your password' })).toBeVisible()
  await page.getByLabel('Email').fill(email)
  await page.getByRole('button', { name: 'Send reset link' }).click()
  // Back at sign-in, with the neutral message as a toast and nothing in the address.
  await expect(page).toHaveURL(/\/login$/)
  await expect(page.getByRole('status').getByText('Check your mail')).toBeVisible()
  await expect(page.getByText('If an active account uses that address, a reset link is on its way.')).toBeVisible()

  const adminContext = await browser.newContext()
  const admin = await adminContext.newPage()
  await signIn(admin, demo.admin)
  const link = await linkFromOutbox(admin, email, 'reset-password')
  await adminContext.close()

  await open(page, link)
  await page.getByLabel('New password', { exact: true }).fill('tide tables and tea')
  await page.getByLabel('Repeat the new password').fill('tide tables and tea')
  await page.getByRole('button', { name: 'Save and sign in' }).click()
  await expect(page.getByText('Your password has been changed and you are signed in.')).toBeVisible()
  await signOut(page)
  await signIn(page, email, 'tide tables and tea')
  await page.goto(link)
  await expect(page.getByRole('heading', { name: 'This reset link has already been used' })).toBeVisible()
})

test('a deactivated person is signed out and cannot sign in', async ({ page, browser }) => {
  const email = 'yusuf.aydin@harbourlight.example'
  const learnerContext = await browser.newContext()
  const learner = await learnerContext.newPage()
  await signIn(learner, email)

  await signIn(page, demo.admin)
  await page.goto('/admin/people?q=yusuf')
  await page.getByRole('link', { name: 'Yusuf Aydin' }).click()
  page.once('dialog', (d) => d.accept())
  await page.getByRole('button', { name: 'Deactivate' }).click()
  await expect(page.getByText('Deactivated. They are signed out and cannot sign in.')).toBeVisible()

  await learner.reload()
  await expect(learner).toHaveURL(/\/login/)
  await learner.getByLabel('Email').fill(email)
  await learner.getByLabel('Password').fill('harbour-light-demo')
  await learner.getByRole('button', { name: 'Sign in' }).click()
  await expect(learner.getByRole('alert')).toContainText('This account has been deactivated')
  await learnerContext.close()
})

test('an unknown invite link says so and what to do', async ({ page }) => {
  await page.goto('/invite/notarealtoken')
  await expect(page.getByRole('heading', { name: 'This invite link is not valid' })).toBeVisible()
  await expect(page.getByText('ask your administrator to invite you again')).toBeVisible()
})

test('a form past the 1 MB limit sent by a client navigation shows what the limit is, not "Something went wrong"', async ({ page }) => {
  await open(page, '/login')
  // The browser checks the form's own fields against their limits; a script can add a field it does not check.
  await page.getByLabel('Email').fill('someone@example.com')
  await page.getByLabel('Password').fill('any password at all')
  await page.getByLabel('Email').evaluate((input: HTMLInputElement) => {
    const extra = Object.assign(document.createElement('input'), { type: 'hidden', name: 'padding', value: 'x'.repeat(2 * 1024 * 1024) })
    input.form?.append(extra)
  })
  const answer = page.waitForResponse((r) => r.url().includes('/login.data'))
  await page.getByRole('button', { name: 'Sign in' }).click()
  expect((await answer).status()).toBe(413)
  const alert = page.getByRole('alert')
  await expect(alert.getByRole('heading', { name: 'Too large' })).toBeVisible()
  await expect(alert).toContainText('Error 413')
  await expect(alert).toContainText('The request is too large (limit 1 MB).')
  await expect(alert).not.toContainText('Something went wrong')
})

test('after a leader signs out, Back does not show the team readiness they saw: the page is fetched again and asks for a sign-in', async ({
  page,
}) => {
  await signIn(page, demo.leader)
  // As a full page load (what the browser's cache could keep) and through the app's own navigation.
  await open(page, '/readiness/team')
  await expect(page.getByRole('heading', { name: 'Team readiness' })).toBeVisible()
  const person = page.getByRole('row', { name: /Grace Kim/ })
  await expect(person).toBeVisible()
  await signOut(page)
  await page.goBack()
  // Back goes to the page's address, and fetching it again sends the browser on to sign-in.
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Freadiness%2Fteam$/)
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  await expect(page.getByText('Grace Kim')).toHaveCount(0)
  await expect(page.getByRole('heading', { name: 'Team readiness' })).toHaveCount(0)

  // The same with the page reached by a link, and Back pressed twice.
  await signIn(page, demo.leader)
  await page.getByRole('navigation', { name: 'Main' }).locator('summary', { hasText: 'Team' }).click()
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team readiness' }).click()
  await expect(person).toBeVisible()
  await signOut(page)
  await page.goBack()
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Freadiness%2Fteam$/)
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  await expect(page.getByText('Grace Kim')).toHaveCount(0)
  await page.goBack()
  await expect(page.getByText('Grace Kim')).toHaveCount(0)
})
