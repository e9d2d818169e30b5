import { chromium } from '@playwright/test'
const base = process.env.BASE ?? 'http://localhost:3300'
const [,, email, ...paths] = process.argv
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' })
const page = await browser.newPage({ viewport: { width: Number(process.env.WIDTH ?? 1200), height: 900 } })
page.on('console', (m) => m.type() === 'error' && console.log('console error:', m.text()))
await page.goto(base + '/login')
await page.getByLabel('Email').fill(email)
await page.getByLabel('Password').fill('harbour-light-demo')
await page.getByRole('button', { name: /sign in/i }).click()
await page.waitForURL((u) => !u.pathname.startsWith('/login'))
for (const [i, p] of paths.entries()) {
  if (p.startsWith('click:')) { const before = page.url(); await page.getByRole('button', { name: p.slice(6) }).first().click(); await page.waitForTimeout(300); await page.waitForLoadState('networkidle'); await page.waitForFunction(() => document.documentElement.dataset.hydrated !== undefined); continue }
  if (p.startsWith('link:')) { await page.getByRole('link', { name: new RegExp(p.slice(5)) }).first().click(); await page.waitForTimeout(300); await page.waitForLoadState('networkidle'); continue }
  if (p.startsWith('fill:')) { await page.locator('textarea').first().fill(p.slice(5)); continue }
  if (p.startsWith('pick:')) { await page.locator('input[name=option]').nth(Number(p.slice(5))).check(); continue }
  await page.goto(base + p)
  await page.waitForLoadState('networkidle')
}
if (process.env.SCROLL) await page.evaluate((sel) => { const el = document.querySelector(sel); window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 10) }, process.env.SCROLL)
if (process.env.WAIT) await page.waitForTimeout(Number(process.env.WAIT))
if (process.env.SEL) await page.locator(process.env.SEL).first().screenshot({ path: `/tmp/shots/${process.env.NAME ?? 'shot'}.png` })
else await page.screenshot({ path: `/tmp/shots/${process.env.NAME ?? 'shot'}.png`, fullPage: !process.env.VIEWPORT })
console.log(page.url())
await browser.close()
