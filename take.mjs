import { chromium } from '@playwright/test'
const base = 'http://localhost:3300'
const [,, email, quiz] = process.argv
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' })
const page = await browser.newPage({ viewport: { width: 1200, height: 900 } })
page.on('console', (m) => m.type() === 'error' && console.log('console error:', m.text()))
await page.goto(base + '/login')
await page.getByLabel('Email').fill(email)
await page.getByLabel('Password').fill('harbour-light-demo')
await page.getByRole('button', { name: /sign in/i }).click()
await page.waitForURL((u) => !u.pathname.startsWith('/login'))
await page.goto(base + '/quizzes/' + quiz)
const resume = page.getByRole('link', { name: /Resume/ })
if (await resume.count()) await resume.click(); else await page.getByRole('button', { name: /Start/ }).click()
await page.waitForURL(/attempts/)
let shots = 0
for (let guard = 0; guard < 40; guard++) {
  await page.waitForLoadState('networkidle')
  await page.locator('html[data-hydrated="true"]').waitFor()
  const item = page.locator('.quiz-item')
  if (!(await item.count())) break
  const answerable = item.locator('button[type=submit]')
  if (!(await answerable.count())) { const next = page.getByRole('link', { name: 'Next item' }); if (await next.count()) { await page.screenshot({ path: `/tmp/shots/take-${quiz}-${shots++}.png`, fullPage: true }); const u = page.url(); await next.click(); await page.waitForURL((x) => x.toString() !== u); continue } else break }
  if (await item.locator('textarea').count()) await item.locator('textarea').fill('What is the meeting for, and who will be there with you?')
  else if (await item.locator('.ranking').count()) await item.getByRole('button', { name: /^Move down/ }).first().click()
  else if (await item.locator('input[type=checkbox]').count()) { await item.locator('input[type=checkbox]').nth(0).check(); await item.locator('input[type=checkbox]').nth(2).check() }
  else await item.locator('input[name=option]').nth(guard % 2).check()
  const url = page.url()
  await answerable.last().click()
  await page.waitForTimeout(400)
}
await page.waitForLoadState('networkidle')
if (await page.getByRole('button', { name: 'Submit the quiz' }).count()) { await page.screenshot({ path: `/tmp/shots/take-${quiz}-submit.png`, fullPage: true }); await page.getByRole('button', { name: 'Submit the quiz' }).click(); await page.waitForTimeout(1000) }
await page.screenshot({ path: `/tmp/shots/take-${quiz}-review.png`, fullPage: true })
console.log(page.url())
await browser.close()
