import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { readContentFiles, readShippedFramework } from '~/utils/content-files.server'
import { compileMdx } from '~/utils/mdx.server'
import { readCurriculum, type ContentFile } from './curriculum'
import { competencyIds } from './framework'

const framework = readShippedFramework()
const files = readContentFiles()
const result = readCurriculum(files, framework)

describe('the shipped curriculum', () => {
  it('is valid', () => {
    expect(result.ok ? [] : result.problems).toEqual([])
  })
  if (!result.ok) return
  const { modules, paths } = result.curriculum
  const lessons = modules.flatMap((m) => m.lessons)

  it('has at least 6 modules and 18 lessons', () => {
    expect(modules.length).toBeGreaterThanOrEqual(6)
    expect(lessons.length).toBeGreaterThanOrEqual(18)
  })

  it('teaches every competency in at least two lessons', () => {
    for (const id of competencyIds(framework)) {
      const teaching = lessons.filter((l) => l.frontmatter.competencies.includes(id)).map((l) => l.slug)
      expect(teaching.length, `${id} is taught by ${teaching.join(', ') || 'no lesson'}`).toBeGreaterThanOrEqual(2)
    }
  })

  it('ends every lesson with a Reflection or a Check, and names its sources', () => {
    for (const lesson of lessons) {
      const lastComponent = [...lesson.body.matchAll(/^<([A-Z][A-Za-z]*)/gm)].map((m) => m[1]).pop()
      expect(['Reflection', 'Check'], lesson.path).toContain(lastComponent)
      expect(lesson.frontmatter.sources.length, lesson.path).toBeGreaterThan(0)
    }
  })

  it('has an onboarding path through every module, in order, with due days that grow', () => {
    const onboarding = paths.find((p) => p.id === 'onboarding')!
    expect(onboarding.modules.map((m) => m.module)).toEqual(modules.map((m) => m.slug))
    const due = onboarding.modules.map((m) => m.dueDays)
    expect(due).toEqual([...due].sort((a, b) => a - b))
  })

  it('compiles every lesson', async () => {
    for (const lesson of lessons) {
      const compiled = await compileMdx(lesson.body, { lineOffset: lesson.lineOffset })
      expect(compiled.ok ? [] : compiled.problems, lesson.path).toEqual([])
    }
  }, 60_000)

  const copycheck = path.resolve(import.meta.dirname, '../../../../shared/tools/copycheck.py')
  it.runIf(fs.existsSync(copycheck))('copies no run of nine words from the source articles', () => {
    const seeds = path.resolve(path.dirname(copycheck), '..', 'seeds')
    const run = spawnSync('python3', [copycheck, seeds, path.resolve(import.meta.dirname, '../../../content'), '9'], { encoding: 'utf8' })
    expect(run.stdout).toMatch(/^0 copied runs/m)
    expect(run.status).toBe(0)
  })
})

describe('readCurriculum refuses broken content with the file, line and column', () => {
  const lesson = (text: string): ContentFile => ({ path: 'lessons/01-mission/09-broken.mdx', text })
  const meta: ContentFile = { path: 'lessons/01-mission/module.yaml', text: 'title: Mission\nsummary: What the organisation is for.\n' }
  const frontmatter =
    '---\ntitle: Broken\nsummary: A lesson that has a problem in it.\ncompetencies: [knows-the-mission]\nminutes: 4\nsources:\n  - author: Someone\n    title: Something\n---\n'

  it('points at a hostile line in the body, counted from the top of the file', () => {
    const r = readCurriculum([meta, lesson(`${frontmatter}\n# Title\n\n{process.env.SESSION_SECRET}\n`)], framework)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.problems[0]).toMatchObject({ path: 'lessons/01-mission/09-broken.mdx', line: 13, column: 1 })
    expect(r.problems[0]!.message).toMatch(/expressions in braces/)
  })

  it('names an unknown competency and a lesson that is too long', () => {
    const r = readCurriculum(
      [meta, lesson(frontmatter.replace('knows-the-mission', 'juggling').replace('minutes: 4', 'minutes: 20') + '\nText\n')],
      framework,
    )
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.problems.map((p) => p.message).join('\n')).toMatch(/minutes: A lesson takes 3 to 8 minutes/)
    const again = readCurriculum([meta, lesson(frontmatter.replace('knows-the-mission', 'juggling') + '\nText\n')], framework)
    expect(again.ok ? '' : again.problems[0]!.message).toMatch(/Unknown competency: juggling/)
    expect(again.ok ? 0 : again.problems[0]!.line).toBe(4)
  })

  it('needs module metadata, and a path that names existing modules', () => {
    const r = readCurriculum(
      [
        lesson(`${frontmatter}\nText\n`),
        { path: 'paths/x.yaml', text: 'id: path-x\ntitle: Path X\nmodules:\n  - module: 99-nowhere\n    dueDays: 3\n' },
      ],
      framework,
    )
    expect(r.ok).toBe(false)
    if (r.ok) return
    const messages = r.problems.map((p) => `${p.path}: ${p.message}`)
    expect(messages).toContain('lessons/01-mission/module.yaml: Every module folder needs a module.yaml with its title and summary.')
    expect(messages).toContain('paths/x.yaml: The path names a module that does not exist: 99-nowhere.')
  })
})
