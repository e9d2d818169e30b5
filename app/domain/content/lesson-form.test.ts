import { describe, expect, it } from 'vitest'
import { readContentFiles } from '~/utils/content-files.server'
import {
  LessonDraftFieldsSchema,
  lessonFormFields,
  LessonPublishFieldsSchema,
  lessonSourceFromForm,
  problemsForEditor,
  uniqueProblems,
} from './lesson-form'

const file = `---
title: The check-in call
summary: Call when there is nothing to sell.
competencies: [keeping-in-touch, empowered-to-help]
minutes: 5
sources:
  - author: Tom Libertiny
    title: Client or Customer
---

# The check-in call

Ask about one thing only.
`

const formOf = (source: string) => {
  const f = lessonFormFields(source)
  // as conform hands them over: numbers as numbers
  return { ...f, minutes: Number(f.minutes), competencyOrder: f.competencies.join(','), revision: 0 }
}

describe('lessonFormFields', () => {
  it('reads the front matter into the editor’s fields and the body without its leading blank line', () => {
    expect(lessonFormFields(file)).toEqual({
      title: 'The check-in call',
      summary: 'Call when there is nothing to sell.',
      minutes: '5',
      competencies: ['keeping-in-touch', 'empowered-to-help'],
      sources: 'Tom Libertiny | Client or Customer',
      body: '# The check-in call\n\nAsk about one thing only.\n',
    })
  })

  it('reads broken or odd front matter as empty fields instead of failing', () => {
    expect(lessonFormFields('---\ntitle: [unclosed\n---\n# Body\n')).toMatchObject({ title: '', competencies: [], sources: '' })
    expect(lessonFormFields('---\n- a list\n---\n# Body\n')).toMatchObject({ title: '', body: '# Body\n' })
    expect(lessonFormFields('---\ntitle: {a: 1}\nsources: [oops]\n---\n')).toMatchObject({ title: '', sources: '' })
    expect(lessonFormFields('# No front matter\n')).toMatchObject({ title: '', body: '# No front matter\n' })
  })
})

describe('lessonSourceFromForm', () => {
  it('writes every shipped lesson back byte for byte from its fields', () => {
    for (const f of readContentFiles().filter((x) => x.path.endsWith('.mdx'))) {
      const parsed = LessonPublishFieldsSchema.parse(formOf(f.text))
      expect(lessonSourceFromForm(parsed).source, f.path).toBe(f.text)
    }
  })

  it('keeps the listed order of competencies, new ticks last, and counts the lines above the body', () => {
    const form = LessonDraftFieldsSchema.parse({
      ...formOf(file),
      competencies: ['empowered-to-help', 'new-one', 'keeping-in-touch'],
    })
    const { frontmatter, source, bodyLineOffset } = lessonSourceFromForm(form)
    expect(frontmatter.competencies).toEqual(['keeping-in-touch', 'empowered-to-help', 'new-one'])
    expect(source.split('\n')[bodyLineOffset]).toBe('# The check-in call')
  })
})

describe('the form’s rules', () => {
  it('lets a draft be incomplete but not too long', () => {
    expect(LessonDraftFieldsSchema.safeParse({ revision: 0 }).success).toBe(true)
    const long = LessonDraftFieldsSchema.safeParse({ revision: 0, title: 'x'.repeat(121) })
    expect(long.error?.issues[0]).toMatchObject({ path: ['title'], message: 'Use at most 120 characters.' })
  })

  it('holds a publish to the lesson file’s rules, each at its field', () => {
    const result = LessonPublishFieldsSchema.safeParse({ revision: 0, title: 'ok', minutes: 12, sources: 'Just a name' })
    const byField = Object.fromEntries((result.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]))
    expect(byField).toEqual({
      title: 'Give the lesson a title.',
      summary: 'Summarise the lesson in a sentence.',
      minutes: 'A lesson takes 3 to 8 minutes.',
      competencies: 'Name at least one competency the lesson teaches.',
      sources: 'Line 1: write each source as "Author | Title".',
    })
  })
})

describe('problemsForEditor', () => {
  it('says front-matter problems once, and moves body problems to editor lines, each once', () => {
    const problems = [
      { line: 2, column: 1, message: 'title: too short' },
      { line: 2, column: 1, message: 'title: too short' },
      { line: 12, column: 5, message: 'No braces.' },
      { line: 12, column: 5, message: 'No braces.' },
    ]
    expect(problemsForEditor(problems, 10)).toEqual({
      frontmatter: ['title: too short'],
      body: [{ line: 2, column: 5, message: 'No braces.' }],
    })
    expect(uniqueProblems([...problems, { line: 12, column: 6, message: 'No braces.' }])).toHaveLength(3)
  })
})
