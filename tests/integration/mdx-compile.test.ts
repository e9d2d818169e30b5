// MDX compiling in the real production server (a child process, like `npm start`): texts past the
// limits are refused before any compile and the process stays up; a compile runs in a worker, so
// /healthz answers meanwhile; a trainer's previews queue, others' do not wait; and learners' pages
// render the code stored at publish, so a fresh process compiles nothing to serve them. Needs
// `npm run build` first (npm test builds). The server logs "mdx compiled" for every compile: that
// line is the compile counter read here.
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { splitFrontmatter } from '~/domain/content/lesson'
import type { ScenarioDefinition } from '~/domain/scenarios/scenario'
import { backfillCompiledCode } from '~/models/compiled-content.server'
import { syncContent } from '~/models/content.server'
import { readContentFiles, readShippedFramework } from '~/utils/content-files.server'
import { db } from '~/utils/db.server'
import { compileMdx } from '~/utils/mdx.server'
import { cookieFor, createPerson } from '../factories'
import { freePort, hasBuild, startServer, type ServerProcess } from '../setup/server-process'

// The secret the test process signs its session cookies with (no SESSION_SECRET set in tests).
const SESSION_SECRET = 'development-only-secret-not-for-production-use'
const servers: ServerProcess[] = []
afterEach(() => servers.splice(0).forEach((s) => s.kill()))

beforeAll(async () => {
  await syncContent(readContentFiles(), readShippedFramework())
})

async function serve() {
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const server = startServer({
    DATABASE_URL: process.env.DATABASE_URL!,
    PORT: String(port),
    APP_URL: base,
    SESSION_SECRET,
    LOG_LEVEL: 'info',
  })
  servers.push(server)
  await server.listening
  return { server, base, compiles: () => server.out.stdout.split('\n').filter((l) => l.includes('"msg":"mdx compiled"')).length }
}

const preview = (base: string, cookie: string, body: string) =>
  fetch(`${base}/content/lessons/valerie/preview`, {
    method: 'POST',
    headers: { Cookie: cookie, Origin: base, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ body }).toString(),
  })

const trainer = async () => cookieFor((await createPerson({ role: 'trainer' })).id)

/** ~96 KB of ordinary dense Markdown, and ~57 KB of nested Callouts: each once ended the process. */
function denseMarkdown(chars: number) {
  let text = ''
  for (let i = 0; text.length < chars; i++) text += `*a${i}* **b** [link](https://example.com/${i}) \`code\` _d_ ~e~\n`
  return text
}
const nestedCallouts = (levels: number) => `${'<Callout tone="tip">\n'.repeat(levels)}x\n${'</Callout>\n'.repeat(levels)}`

/** A text inside every limit that still takes the compiler a second or more. */
function slowButLegal(tag: string) {
  let text = ''
  for (let i = 0; text.length < 19_000; i++)
    text += `Paragraph ${i} ${tag} with *some* emphasis and a [link](https://example.com/${i}) to read.\n\n`
  return text
}

describe.runIf(hasBuild())('MDX compiling in the production server', () => {
  it('answers 422 naming the limit to ~96 KB of dense Markdown and ~57 KB of nested Callouts, compiles nothing, and stays up', async () => {
    const { server, base, compiles } = await serve()
    const cookie = await trainer()
    for (const [body, limit] of [
      [denseMarkdown(96_000), /too long: 96,\d{3} characters, and the limit is 20,000 characters/],
      [nestedCallouts(1_800), /too long: 57,\d{3} characters, and the limit is 20,000 characters/],
    ] as const) {
      const res = await preview(base, cookie, body)
      expect(res.status).toBe(422)
      const answer = (await res.json()) as { ok: boolean; problems: { line: number; message: string }[] }
      expect(answer.ok).toBe(false)
      expect(answer.problems).toEqual([expect.objectContaining({ line: 1, message: expect.stringMatching(limit) })])
    }
    expect(compiles()).toBe(0)
    expect((await fetch(`${base}/healthz`)).status).toBe(200)
    expect(server.child.exitCode).toBeNull()
    expect(server.out.stderr).not.toMatch(/heap limit/i)
  }, 60_000)

  it('answers /healthz while a slow, legal-size compile runs', async () => {
    const { base, compiles } = await serve()
    const cookie = await trainer()
    let done = false
    const compiling = preview(base, cookie, slowButLegal('health')).then(async (res) => {
      done = true
      return res
    })
    const during: number[] = []
    while (!done) {
      const started = performance.now()
      const health = await fetch(`${base}/healthz`)
      expect(health.status).toBe(200)
      if (!done) during.push(performance.now() - started)
      await new Promise((r) => setTimeout(r, 50))
    }
    const res = await compiling
    expect(res.status).toBe(200)
    expect(((await res.json()) as { ok: boolean }).ok).toBe(true)
    expect(compiles()).toBe(1)
    // Several health checks were answered while the compile ran, each promptly.
    expect(during.length).toBeGreaterThanOrEqual(3)
    expect(Math.max(...during)).toBeLessThan(1_000)
  }, 60_000)

  it("queues one trainer's parallel previews: beyond one compiling and two waiting, 503 with Retry-After; another trainer is not refused", async () => {
    const { base } = await serve()
    const [busy, other] = [await trainer(), await trainer()]
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => preview(base, busy, slowButLegal(`queue${i}`))))
    const others = await preview(base, other, slowButLegal('other trainer'))
    const statuses = answers.map((r) => r.status).sort()
    expect(statuses).toEqual([200, 200, 200, 503, 503, 503])
    const refused = answers.filter((r) => r.status === 503)
    for (const r of refused) {
      expect(r.headers.get('Retry-After')).toMatch(/^\d+$/)
      expect(((await r.json()) as { busy: string }).busy).toMatch(/^Another preview is still compiling/)
    }
    expect(others.status).toBe(200)
  }, 120_000)

  it('renders a published lesson and a quiz stem from the stored code: a fresh process compiles nothing to serve them', async () => {
    // What is stored is what is shown: the stored code is replaced with a marker the source lacks.
    const lesson = await db.lesson.findUniqueOrThrow({ where: { slug: 'valerie' }, include: { currentVersion: true } })
    const lessonMarker = `Stored lesson marker ${Date.now()}`
    const lessonCode = await compileMdx(`# ${lessonMarker}`)
    expect(lessonCode.ok).toBe(true)
    await db.lessonVersion.update({ where: { id: lesson.currentVersionId! }, data: { compiledCode: lessonCode.ok ? lessonCode.code : '' } })

    const version = (await db.scenarioVersion.findMany({ where: { currentOf: { isNot: null } } })).find(
      (v) => (JSON.parse(v.definition) as ScenarioDefinition).type === 'single',
    )!
    const stemMarker = `Stored stem marker ${Date.now()}`
    const stemCode = await compileMdx(stemMarker)
    await db.scenarioVersion.update({
      where: { id: version.id },
      data: { compiledStems: JSON.stringify({ stem: stemCode.ok ? stemCode.code : '' }) },
    })
    const learner = await createPerson()
    const quiz = await db.quiz.findFirstOrThrow({ orderBy: { slug: 'asc' } })
    const attempt = await db.quizAttempt.create({
      data: {
        quizId: quiz.id,
        userId: learner.id,
        number: 1,
        feedback: 'end',
        items: { create: [{ position: 0, versionId: version.id, optionOrder: '[0,1,2,3]' }] },
      },
    })
    const cookie = await cookieFor(learner.id)

    const { base, compiles } = await serve()
    const lessonPage = await fetch(`${base}/learn/valerie`, { headers: { Cookie: cookie } })
    expect(lessonPage.status).toBe(200)
    expect(await lessonPage.text()).toContain(lessonMarker)
    const attemptPage = await fetch(`${base}/attempts/${attempt.id}`, { headers: { Cookie: cookie } })
    expect(attemptPage.status).toBe(200)
    expect(await attemptPage.text()).toContain(stemMarker)
    expect(compiles()).toBe(0)

    // The counter counts: a trainer's preview in the same process is one compile.
    expect((await preview(base, await trainer(), `# Counted ${Date.now()}`)).status).toBe(200)
    expect(compiles()).toBe(1)
  }, 60_000)
})

describe('versions stored before compiled code was', () => {
  it('get their code from the backfill, once, and learners see it', async () => {
    const lesson = await db.lesson.findUniqueOrThrow({ where: { slug: 'valerie' }, include: { currentVersion: true } })
    const scenario = await db.scenarioVersion.findFirstOrThrow({ where: { currentOf: { isNot: null } } })
    await db.lessonVersion.update({ where: { id: lesson.currentVersionId! }, data: { compiledCode: null } })
    await db.scenarioVersion.update({ where: { id: scenario.id }, data: { compiledStems: null } })

    expect(await backfillCompiledCode()).toEqual({ compiled: 2, failed: 0 })
    const { body, lineOffset } = splitFrontmatter(lesson.currentVersion!.source)
    const expected = await compileMdx(body, { lineOffset })
    expect((await db.lessonVersion.findUniqueOrThrow({ where: { id: lesson.currentVersionId! } })).compiledCode).toBe(
      expected.ok ? expected.code : 'no code',
    )
    const stems = JSON.parse((await db.scenarioVersion.findUniqueOrThrow({ where: { id: scenario.id } })).compiledStems!) as Record<
      string,
      string
    >
    expect(Object.keys(stems)).toContain('stem')
    expect(stems.stem).toMatch(/jsx/)

    // Nothing is left to do the second time.
    expect(await backfillCompiledCode()).toEqual({ compiled: 0, failed: 0 })
  })
})
