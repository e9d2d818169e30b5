import { describe, expect, it } from 'vitest'
import { ContentSyncError, syncContent } from '~/models/content.server'
import { readContentFiles, readShippedFramework } from '~/utils/content-files.server'
import { db } from '~/utils/db.server'

const framework = readShippedFramework()
const files = readContentFiles()

async function counts() {
  return {
    lessons: await db.lesson.count(),
    versions: await db.lessonVersion.count(),
    modules: await db.module.count(),
    pathModules: await db.pathModule.count(),
    competencies: await db.competency.count(),
  }
}

describe('content sync', () => {
  it('loads the shipped curriculum, and a second run changes nothing', async () => {
    const first = await syncContent(files, framework)
    expect(first).toMatchObject({ modules: 6, lessonsCreated: 19, versionsAdded: 0, paths: 1, competencies: 8 })
    const after = await counts()
    const second = await syncContent(files, framework)
    expect(second).toMatchObject({ lessonsCreated: 0, versionsAdded: 0, unchanged: 19 })
    expect(await counts()).toEqual(after)
    const lesson = await db.lesson.findUniqueOrThrow({ where: { slug: 'valerie' }, include: { currentVersion: true } })
    expect(lesson.currentVersion!.number).toBe(1)
    expect(JSON.parse(lesson.currentVersion!.checks)[0].options.some((o: { correct: boolean }) => o.correct)).toBe(true)
  })

  it('adds a version when a file changes, keeping the earlier one', async () => {
    await syncContent(files, framework)
    const changed = files.map((f) =>
      f.path.endsWith('/01-valerie.mdx') ? { ...f, text: f.text.replace('# What Valerie asked', '# What Valerie asked next') } : f,
    )
    const s = await syncContent(changed, framework)
    expect(s.versionsAdded).toBe(1)
    const lesson = await db.lesson.findUniqueOrThrow({
      where: { slug: 'valerie' },
      include: { versions: { orderBy: { number: 'asc' } }, currentVersion: true },
    })
    expect(lesson.versions.map((v) => v.number)).toEqual([1, 2])
    expect(lesson.currentVersion!.number).toBe(2)
    expect(lesson.currentVersion!.source).toContain('What Valerie asked next')
  })

  it('stops at a broken file with its path, line and reason, and leaves the database as it was', async () => {
    await syncContent(files, framework)
    const before = await counts()
    const broken = files.map((f) =>
      f.path.endsWith('/02-the-second-question.mdx')
        ? { ...f, text: f.text.replace('## Questions that open things up', '## Questions\n\n{process.env.SESSION_SECRET}') }
        : f,
    )
    const error = await syncContent(broken, framework).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ContentSyncError)
    const problem = (error as ContentSyncError).problems[0]!
    expect(problem.path).toBe('lessons/04-probing/02-the-second-question.mdx')
    // The expression sits two lines below the heading it replaced.
    const heading =
      files
        .find((f) => f.path === problem.path)!
        .text.split('\n')
        .indexOf('## Questions that open things up') + 1
    expect(problem.line).toBe(heading + 2)
    expect(problem.message).toMatch(/expressions in braces/)
    expect(await counts()).toEqual(before)
  })
})
