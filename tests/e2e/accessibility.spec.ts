// Accessibility: axe-core on every page each role can reach (found by following the links from
// home, one page per kind of address), and a quiz taken with the keyboard alone.
//
// What a page shows decides what axe can find, so the crawl must not depend on what other tests or
// a random draw produced: a page whose address names a person, an attempt or an answer is always
// visited with known content made before the crawl (Chiara's graded quiz, with a grader's comment),
// and pages named by a slug are visited at a fixed slug no other test edits.
import AxeBuilder from '@axe-core/playwright'
import type { Browser, Page } from '@playwright/test'
import { demo, expect, open, signIn, signOut, test } from './fixtures'

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
  path
    .replace(/\/[a-z0-9]{20,}(?=\/|$)/g, '/:id')
    .replace(/^\/(learn|quizzes|attempts|content\/lessons|content\/scenarios|content\/quizzes|content\/grading)\/[^/]+/, '/$1/:slug')
// Addresses that are not pages (downloads, sign-out) or that change something when opened.
const SKIP = /^\/(logout|healthz)|\.csv$|\/export$|\/preview$/

const FIXTURE_LEARNER = 'chiara.conti@harbourlight.example'

/** Chiara takes the probing quiz (clicking the first choice everywhere) and a trainer grades her free-text answer with a comment. */
async function makeKnownContent(browser: Browser) {
  const page = await browser.newPage()
  await signIn(page, FIXTURE_LEARNER)
  await open(page, '/quizzes/04-probing')
  await page.getByRole('button', { name: 'Start the quiz' }).click()
  await expect(page).toHaveURL(/\/attempts\//)
  const attemptPath = new URL(page.url()).pathname
  await page.locator('html[data-hydrated="true"]').waitFor()
  const total = Number(/of (\d+)/.exec(await page.locator('.quiz-progress strong').innerText())![1])
  for (let n = 1; n <= total; n++) {
    await expect(page.getByText(`Item ${n} of ${total}`, { exact: true })).toBeVisible()
    const item = page.locator('.quiz-item')
    if (await item.locator('input[name="turn"]').count()) {
      while (await item.getByRole('button', { name: 'Reply' }).count()) {
        const replies = await item.locator('.reply').count()
        const progress = await page.locator('.quiz-progress strong').innerText()
        await item.locator('input[type="radio"]:not([disabled])').first().check()
        await item.getByRole('button', { name: 'Reply' }).click()
        // The next turn shows, or (feedback at the end) the finished conversation gives way to the next item.
        await expect
          .poll(
            async () =>
              (await item.locator('.reply').count()) > replies || (await page.locator('.quiz-progress strong').innerText()) !== progress,
          )
          .toBe(true)
        await expect(item.getByRole('button', { name: 'Saving…' })).toHaveCount(0)
      }
    } else {
      if (await item.locator('textarea').count())
        await item.locator('textarea').fill('What is the meeting for, and who will be there? I can help plan the room around it.')
      else if (await item.locator('input[type="checkbox"]').count()) await item.locator('input[type="checkbox"]').first().check()
      else if (await item.locator('input[type="radio"]').count()) await item.locator('input[type="radio"]').first().check()
      await item.getByRole('button', { name: 'Submit answer' }).click()
    }
    await expect(page.getByText(`${n} of ${total}`, { exact: true })).toBeVisible()
    if (n < total && (await page.getByRole('link', { name: 'Next item' }).count()))
      await page.getByRole('link', { name: 'Next item' }).click()
  }
  await page.getByRole('button', { name: 'Submit the quiz' }).click()
  await expect(page.getByText(/Submitted .* score/)).toBeVisible()
  await signOut(page)

  await signIn(page, demo.trainer)
  await open(page, '/content/grading')
  await page.getByRole('link', { name: 'Chiara Conti' }).first().click()
  await expect(page.getByRole('heading', { name: 'Grade against the rubric' })).toBeVisible()
  const gradingPath = new URL(page.url()).pathname
  for (const criterion of await page.locator('fieldset.rubric-criterion').all())
    await criterion.locator('input[type="radio"]').last().check()
  await page.getByLabel('Comment for the learner').fill('Good open question. Next time, also ask who else is coming.')
  await page.getByRole('button', { name: 'Save the grade' }).click()
  await expect(page).toHaveURL(/\/content\/grading$/)

  await signOut(page)
  await signIn(page, demo.admin)
  await open(page, '/admin/people?q=chiara')
  await page.getByRole('link', { name: 'Chiara Conti' }).first().click()
  await expect(page).toHaveURL(/\/admin\/people\/[a-z0-9]+$/)
  const personId = new URL(page.url()).pathname.split('/').pop()!
  await page.close()
  const attemptId = attemptPath.split('/').pop()!
  // The one address visited for each kind of page that names a record.
  return new Map([
    ['/attempts/:slug', attemptPath],
    ['/content/grading/:slug', gradingPath],
    ['/people/:id', `/people/${personId}`],
    ['/people/:id/readiness', `/people/${personId}/readiness`],
    ['/people/:id/attempts/:id', `/people/${personId}/attempts/${attemptId}`],
    ['/admin/people/:id', `/admin/people/${personId}`],
    ['/learn/:slug', '/learn/valerie'],
    ['/quizzes/:slug', '/quizzes/04-probing'],
    ['/content/lessons/:slug', '/content/lessons/valerie'],
    ['/content/lessons/:slug/history', '/content/lessons/valerie/history'],
    ['/content/scenarios/:slug', '/content/scenarios/the-sale-conversation'],
    ['/content/scenarios/:slug/statistics', '/content/scenarios/the-sale-conversation/statistics'],
    ['/content/scenarios/:slug/panel', '/content/scenarios/the-sale-conversation/panel'],
    ['/content/quizzes/:slug', '/content/quizzes/04-probing'],
    ['/content/quizzes/:slug/history', '/content/quizzes/04-probing/history'],
  ])
}

/**
 * Follows same-site links breadth first from home and checks one page of every kind found: the
 * known address of that kind where there is one, else the first link found.
 */
async function crawl(page: Page, limit: number, known: Map<string, string>) {
  const queue = ['/']
  const seen = new Set<string>()
  const checked: string[] = []
  const problems: string[] = []
  while (queue.length > 0 && checked.length < limit) {
    const found = queue.shift()!
    if (seen.has(kind(found))) continue
    seen.add(kind(found))
    const path = known.get(kind(found)) ?? found
    const response = await open(page, path)
    expect(response?.status(), path).toBeLessThan(400)
    checked.push(path)
    for (const v of await violations(page)) problems.push(`${path}: ${v}`)
    const links = await page
      .locator('a[href^="/"]')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')!.split('#')[0]!.split('?')[0]!))
    for (const href of links) if (href && !SKIP.test(href) && !seen.has(kind(href))) queue.push(href)
  }
  return { checked, problems }
}

test.describe('accessibility (axe-core, WCAG 2.2 AA: no serious or critical violation)', () => {
  // The known content is made once: a retry of a failed crawl would find Chiara's quiz already taken.
  test.describe.configure({ mode: 'serial' })
  let known = new Map<string, string>()
  test.beforeAll(async ({ browser }) => {
    test.setTimeout(180_000)
    known = await makeKnownContent(browser)
  })

  test('the signed-out pages', async ({ page }) => {
    for (const path of ['/login', '/forgot-password']) {
      await open(page, path)
      expect(await violations(page), path).toEqual([])
    }
  })

  for (const role of ['learner', 'leader', 'trainer', 'admin'] as const) {
    test(`every page ${role === 'admin' ? 'an' : 'a'} ${role} reaches`, async ({ page }) => {
      test.setTimeout(240_000)
      await signIn(page, role === 'learner' ? FIXTURE_LEARNER : demo[role])
      const { checked, problems } = await crawl(page, 60, known)
      console.log(`axe: ${checked.length} kinds of page checked for the ${role}: ${checked.join(' ')}`)
      expect(checked.length, checked.join(' ')).toBeGreaterThanOrEqual(role === 'learner' ? 6 : 8)
      // The graded attempt with its comment is among the pages checked for everyone who can see it.
      if (role !== 'trainer')
        expect(checked).toContain(role === 'learner' ? known.get('/attempts/:slug') : known.get('/people/:id/attempts/:id'))
      expect(problems).toEqual([])
    })
  }
})

/** Presses Tab until the focused element is the one described; fails after 150 presses. */
async function tabTo(
  page: Page,
  what: string,
  matches: (el: { tag: string; type: string; name: string; text: string; label: string; disabled: boolean }) => boolean,
) {
  for (let i = 0; i < 150; i++) {
    await page.keyboard.press('Tab')
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLInputElement | null
      return {
        tag: a?.tagName.toLowerCase() ?? '',
        type: a?.type ?? '',
        name: a?.name ?? '',
        text: a?.textContent?.trim() ?? '',
        label: a?.getAttribute('aria-label') ?? '',
        disabled: Boolean(a?.disabled),
      }
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
    if (await item.locator('input[name="turn"]').count()) {
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
