import { describe, expect, it } from 'vitest'
import { readContentFiles, readShippedFramework } from '~/utils/content-files.server'
import { competencyIds } from './framework'
import { parseLessonFrontmatter } from './lesson'
import { composeLessonSource, parseSourceLines, sourceLines } from './lesson-source'

describe('composeLessonSource', () => {
  it('writes a file that reads back to the same frontmatter and body', () => {
    const frontmatter = {
      title: 'What Valerie asked: a second question',
      summary: 'A clerk probes: "do you need them for the trip?"',
      competencies: ['probing-for-the-real-need'],
      minutes: 5,
      sources: [{ author: 'Mary Gersema', title: 'Getting Rid of Our Customers' }],
    }
    const body = '# Title\n\nText with a colon: here.\n'
    const source = composeLessonSource(frontmatter, body)
    const parsed = parseLessonFrontmatter(source, ['probing-for-the-real-need'])
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.frontmatter).toEqual(frontmatter)
    expect(parsed.body.trim()).toBe(body.trim())
  })
})

describe('the house style', () => {
  it('writes every shipped lesson back byte for byte, so saving without changes shows no diff', () => {
    const known = competencyIds(readShippedFramework())
    for (const file of readContentFiles().filter((f) => f.path.endsWith('.mdx'))) {
      const parsed = parseLessonFrontmatter(file.text, known)
      if (!parsed.ok) throw new Error(file.path)
      expect(composeLessonSource(parsed.frontmatter, parsed.body), file.path).toBe(file.text)
    }
  })
})

describe('source lines', () => {
  it('reads and writes "Author | Title" lines', () => {
    const sources = parseSourceLines('Tom Libertiny | Client or Customer\n\nLeo | Client Service | Relationships?')
    expect(sources).toEqual([
      { author: 'Tom Libertiny', title: 'Client or Customer' },
      { author: 'Leo', title: 'Client Service | Relationships?' },
    ])
    expect(sourceLines(sources as { author: string; title: string }[])).toBe(
      'Tom Libertiny | Client or Customer\nLeo | Client Service | Relationships?',
    )
  })
  it('says which line is malformed', () => {
    expect(parseSourceLines('Tom Libertiny | Client or Customer\nJust a name')).toEqual({
      error: 'Line 2: write each source as "Author | Title".',
    })
  })
})
