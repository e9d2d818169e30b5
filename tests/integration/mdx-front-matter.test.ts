// A trainer's lesson or scenario text that opens with a `---js` block must never run: mdx-bundler
// hands its source to gray-matter, whose JavaScript engine evaluates such a block. Every way in
// (lesson preview, lesson publish, scenario preview and publish, content sync) is tried with every
// spelling, and the file the block would write must not appear.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import matter from 'gray-matter'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as editor from '~/routes/content.lessons.$slug'
import * as preview from '~/routes/content.lessons.$slug_.preview'
import * as scenarioEditor from '~/routes/content.scenarios.$slug'
import * as scenarioList from '~/routes/content.scenarios._index'
import { ContentSyncError, syncContent } from '~/models/content.server'
import { readContentFiles, readShippedFramework } from '~/utils/content-files.server'
import { db } from '~/utils/db.server'
import { safeGrayMatterOptions } from '~/utils/mdx.server'
import { cookieFor, createPerson } from '../factories'
import { call, get, post } from '../setup/remix'

const marker = path.join(os.tmpdir(), `mission-ready-pwned-${process.pid}`)
const FENCES = ['---js', '--- js', '---JS', '---javascript', '---coffee', '\uFEFF---js', '\n\n---js', '  ---js']
const hostile = (fence: string) => `${fence}\nrequire("fs").writeFileSync(${JSON.stringify(marker)}, "ran")\n---\n# Hello\n`

const files = readContentFiles()
beforeAll(async () => {
  await syncContent(files, readShippedFramework())
})
afterEach(() => fs.rmSync(marker, { force: true }))

async function trainerCookie() {
  return cookieFor((await createPerson({ role: 'trainer' })).id)
}

describe('front matter in trainer-written MDX', () => {
  it('gray-matter, as mdx-bundler is given it, runs no engine', () => {
    for (const fence of FENCES) {
      try {
        matter(hostile(fence), safeGrayMatterOptions({}))
      } catch {
        // refused: what matters is that nothing ran
      }
      expect(fs.existsSync(marker), fence).toBe(false)
    }
  })

  it.each(FENCES)('lesson preview and publish refuse %j at line 1 and run nothing', async (fence) => {
    const cookie = await trainerCookie()
    const res = await call(preview.action, post('/content/lessons/valerie/preview', { body: hostile(fence) }, cookie), { slug: 'valerie' })
    expect(res.status).toBe(422)
    const body = JSON.parse(res.body as string) as { ok: boolean; problems: { line: number; message: string }[] }
    expect(body.ok).toBe(false)
    expect(body.problems[0]).toMatchObject({ line: 1 })
    expect(body.problems[0]!.message).toMatch(/front-matter fence/)

    const { fields, lesson } = (await call(editor.loader, get('/content/lessons/valerie', cookie), { slug: 'valerie' })).body as {
      fields: Record<string, string | string[]> & { competencies: string[] }
      lesson: { revision: number }
    }
    const form = {
      ...fields,
      body: hostile(fence),
      competencyOrder: fields.competencies.join(','),
      revision: String(lesson.revision),
      intent: 'publish',
    }
    const published = await call(editor.action, post('/content/lessons/valerie', form, cookie), { slug: 'valerie' })
    expect(published.status).toBe(400)
    expect(fs.existsSync(marker)).toBe(false)
  })

  it.each(FENCES)('scenario preview and publish refuse a stem opening with %j and run nothing', async (fence) => {
    const cookie = await trainerCookie()
    const slug = `fence-${FENCES.indexOf(fence)}`
    await call(scenarioList.action, post('/content/scenarios', { title: 'Fence', slug, type: 'single' }, cookie))
    const page = (await call(scenarioEditor.loader, get(`/content/scenarios/${slug}`, cookie), { slug })).body as {
      scenario: { revision: number }
    }
    const definition = JSON.stringify({
      title: 'Fence',
      type: 'single',
      competencies: [{ id: 'empowered-to-help', weight: 1 }],
      stem: hostile(fence),
      options: [
        { text: 'Help.', score: 1, explanation: 'Good.' },
        { text: 'Wait.', score: 0, explanation: 'Poor.' },
      ],
    })
    for (const intent of ['preview', 'publish']) {
      const res = await call(
        scenarioEditor.action,
        post(`/content/scenarios/${slug}`, { intent, revision: String(page.scenario.revision), definition }, cookie),
        { slug },
      )
      expect(JSON.stringify(res.body), intent).toMatch(/front-matter fence/)
    }
    expect(await db.scenarioVersion.count({ where: { scenario: { slug } } })).toBe(0)
    expect(fs.existsSync(marker)).toBe(false)
  })

  it('content sync refuses a shipped lesson whose body opens with a fence, and runs nothing', async () => {
    const lessonFile = files.find((f) => f.path.endsWith('01-valerie.mdx'))!
    // A second fenced block straight after the real front matter is what gray-matter would see.
    const [, front, body] = /^(---\n[\s\S]*?\n---\n)([\s\S]*)$/.exec(lessonFile.text)!
    for (const fence of FENCES) {
      const changed = files.map((f) => (f === lessonFile ? { ...f, text: `${front}${hostile(fence)}${body}` } : f))
      await expect(syncContent(changed, readShippedFramework())).rejects.toBeInstanceOf(ContentSyncError)
      expect(fs.existsSync(marker), fence).toBe(false)
    }
  })
})
