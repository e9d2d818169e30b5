// Accessibility: axe-core on every page each role can reach (found by following the links from
// home, one page per kind of address), and a quiz taken with the keyboard alone.
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { demo, expect, open, signIn, test } from './fixtures'

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

/** The serious and critical violations on the page as it is now, one line each. */
async function violations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze()
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length} × e.g. ${v.nodes[0]?.target.join(' ')})`)
}

// One page per kind of address: /people/abc and /people/def are the same page.
const kind = (path: string) =>
  path.replace(/\/[a-z0-9]{20,}(?=\/|$)/g, '/:id').replace(/^\/(learn|quizzes|attempts|content\/lessons|content\/scenarios|content\/grading)\/[^/]+/, '/$1/:slug')
// Addresses that are not pages (downloads, sign-out) or that change something when opened.
const SKIP = /^\/(logout|healthz)|\.csv$|\/export$|\/preview$/

/** Follows same-site links breadth first from home and checks every kind of page found. */
async function crawl(page: Page, limit: number) {
  const queue = ['/']
  const seen = new Set<string>()
  const checked: string[] = []
  const problems: string[] = []
  while (queue.length > 0 && checked.length < limit) {
    const path = queue.shift()!
    if (seen.has(kind(path))) continue
    seen.add(kind(path))
    const response = await open(page, path)
    expect(response?.status(), path).toBeLessThan(400)
    checked.push(path)
    for (const v of await violations(page)) problems.push(`${path}: ${v}`)
    const links = await page.locator('a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!.split('#')[0]!.split('?')[0]!))
    for (const href of links) if (href && !SKIP.test(href) && !seen.has(kind(href))) queue.push(href)
  }
  return { checked, problems }
}

test.describe('accessibility (axe-core, WCAG 2.2 AA: no serious or critical violation)', () => {
  test('the signed-out pages', async ({ page }) => {
    for (const path of ['/login', '/forgot-password']) {
      await open(page, path)
      expect(await violations(page), path).toEqual([])
    }
  })

  for (const role of ['learner', 'leader', 'trainer', 'admin'] as const) {
    test(`every page ${role === 'admin' ? 'an' : 'a'} ${role} reaches`, async ({ page }) => {
      test.setTimeout(240_000)
      await signIn(page, demo[role])
      const { checked, problems } = await crawl(page, 60)
      console.log(`axe: ${checked.length} kinds of page checked for the ${role}: ${checked.join(' ')}`)
      expect(checked.length, checked.join(' ')).toBeGreaterThanOrEqual(role === 'learner' ? 6 : 8)
      expect(problems).toEqual([])
    })
  }
})

/** Presses Tab until the focused element is the one described; fails after 150 presses. */
async function tabTo(page: Page, what: string, matches: (el: { tag: string; type: string; name: string; text: string; label: string; disabled: boolean }) => boolean) {
  for (let i = 0; i < 150; i++) {
    await page.keyboard.press('Tab')
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLInputElement | null
      return { tag: a?.tagName.toLowerCase() ?? '', type: a?.type ?? '', name: a?.name ?? '', text: a?.textContent?.trim() ?? '', label: a?.getAttribute('aria-label') ?? '', disabled: Boolean(a?.disabled) }
    })
    if (matches(el)) return
  }
  throw new Error(`Tab never reached ${what}`)
}

const button = (text: string) => (el: { tag: string; text: string }) => (el.tag === 'button' || el.tag === 'a') && el.text === text

test('a quiz taken with the keyboard alone, from start to score', async ({ page }) => {
  test.setTimeout(180_000)
  await signIn(page, 'kenji.tanaka@harbourlight.example')
  await open(page, '/quizzes/05-keeping-in-touch')
  await tabTo(page, 'the start button', button('Start the quiz'))
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/\/attempts\//)
  await page.locator('html[data-hydrated="true"]').waitFor()
  const total = Number(/of (\d+)/.exec(await page.locator('.quiz-progress strong').innerText())![1])

  for (let n = 1; n <= total; n++) {
    // Item n is on screen (not the one before it, still leaving) before its kind is read.
    await expect(page.getByText(`Item ${n} of ${total}`, { exact: true })).toBeVisible()
    await page.waitForLoadState('networkidle')
    if (n === 1) expect(await violations(page), 'a quiz item').toEqual([])
    const item = page.locator('.quiz-item')
    if (await item.locator('input[name="node"]').count()) {
      // A conversation: choose the first reply of each turn until it ends.
      while (await item.getByRole('button', { name: 'Reply' }).count()) {
        const replies = await item.locator('.reply').count()
        await tabTo(page, 'a reply', (el) => el.type === 'radio' && !el.disabled)
        await page.keyboard.press('Space')
        await tabTo(page, 'the reply button', button('Reply'))
        await page.keyboard.press('Enter')
        // The reply shows, and the page has settled: the next turn to answer, or the end.
        await expect(item.locator('.reply')).toHaveCount(replies + 1)
        await expect(item.getByRole('button', { name: 'Saving…' })).toHaveCount(0)
      }
    } else {
      if (await item.locator('textarea').count()) {
        await tabTo(page, 'the answer box', (el) => el.tag === 'textarea')
        await page.keyboard.type('What would make the day easier for you? I can keep you posted before you arrive.')
      } else if (await item.locator('.ranking').count()) {
        await tabTo(page, 'a move button', (el) => el.label.startsWith('Move down'))
        await page.keyboard.press('Enter')
      } else if (await item.locator('input[type="checkbox"]').count()) {
        await tabTo(page, 'an option', (el) => el.type === 'checkbox')
        await page.keyboard.press('Space')
      } else {
        await tabTo(page, 'an option', (el) => el.type === 'radio')
        await page.keyboard.press('Space')
      }
      await tabTo(page, 'the submit button', button('Submit answer'))
      await page.keyboard.press('Enter')
    }
    await expect(page.getByText(`${n} of ${total}`, { exact: true })).toBeVisible()
    // Quizzes with feedback after each answer stay on the item: go on with the keyboard.
    if (n < total && (await page.getByRole('link', { name: 'Next item' }).count())) {
      await tabTo(page, 'the next item link', button('Next item'))
      await page.keyboard.press('Enter')
    }
  }
  await tabTo(page, 'the submit button', button('Submit the quiz'))
  await page.keyboard.press('Enter')
  await expect(page.getByText(/Submitted .* score/)).toBeVisible()
  expect(await violations(page), 'the review').toEqual([])
})
