// The lesson editor shows a lesson file as form fields (title, summary, minutes, competencies,
// sources) around its MDX body, and writes the fields back as the file's front matter. These are
// the rules of that round trip, kept out of the route so they can be tested on their own.
import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import { LessonFrontmatterSchema, splitFrontmatter, type LessonFrontmatter } from './lesson'
import { composeLessonSource, parseSourceLines, sourceLines } from './lesson-source'
import type { MdxProblem } from './mdx-validator'

/** The editor's fields of a lesson, as the form shows them. */
export type LessonFormFields = {
  title: string
  summary: string
  minutes: string
  competencies: string[]
  sources: string
  body: string
}

/**
 * Reads a lesson file into the editor's fields. Front matter that is not valid YAML, or values of
 * the wrong kind, read as empty fields rather than failing: the trainer is there to fix them.
 */
export function lessonFormFields(source: string): LessonFormFields {
  const { yaml, body } = splitFrontmatter(source)
  let raw: Record<string, unknown> = {}
  try {
    const parsed: unknown = yaml ? parseYaml(yaml) : {}
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) raw = parsed as Record<string, unknown>
  } catch {
    raw = {}
  }
  const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '')
  const sources = z.array(z.object({ author: z.string(), title: z.string() })).safeParse(raw.sources)
  return {
    title: text(raw.title),
    summary: text(raw.summary),
    minutes: text(raw.minutes),
    competencies: Array.isArray(raw.competencies) ? raw.competencies.map(String) : [],
    sources: sources.success ? sourceLines(sources.data) : '',
    body: body.replace(/^\n/, ''),
  }
}

/** "Author | Title" lines read into sources; a malformed line is reported at the field. */
const SourceLines = z
  .string()
  .max(2000, 'Use at most 2,000 characters.')
  .transform((text, ctx) => {
    const sources = parseSourceLines(text)
    if (!('error' in sources)) return sources
    ctx.addIssue({ code: 'custom', message: sources.error })
    return z.NEVER
  })

/** The editor's fields with the limits of a draft: anything may still be missing, nothing may be too long. */
export const LessonDraftFieldsSchema = z.object({
  revision: z.number({ error: 'The form was not read correctly: reload the page.' }).int().min(0),
  title: z.string().trim().max(120, 'Use at most 120 characters.').default(''),
  summary: z.string().trim().max(300, 'Use at most 300 characters.').default(''),
  minutes: z.number({ error: 'Enter a number of minutes.' }).int('Enter whole minutes.').min(0).max(60, 'Enter at most 60.').default(0),
  competencies: z.array(z.string().max(60)).max(8, 'Choose at most 8.').default([]),
  /** The order the competencies were listed in, so saving unchanged ticks does not reorder them. */
  competencyOrder: z.string().max(600).default(''),
  sources: SourceLines.default([]),
  body: z.string().max(100_000, 'The lesson is too long (100,000 characters at most).').default(''),
})

const strict = LessonFrontmatterSchema.shape

/** The same fields as publishing requires them: the front matter rules of every lesson file. */
export const LessonPublishFieldsSchema = LessonDraftFieldsSchema.extend({
  title: z.string({ error: 'Give the lesson a title.' }).trim().max(120, 'Use at most 120 characters.').pipe(strict.title),
  summary: z.string({ error: 'Summarise the lesson in a sentence.' }).trim().max(300, 'Use at most 300 characters.').pipe(strict.summary),
  minutes: z.number({ error: 'A lesson takes 3 to 8 minutes.' }).pipe(strict.minutes),
  competencies: z.array(z.string().max(60), { error: 'Name at least one competency the lesson teaches.' }).pipe(strict.competencies),
  sources: z.string({ error: 'Name the source of the lesson’s stories (author and title).' }).pipe(SourceLines).pipe(strict.sources),
})

type LessonFormValues = Omit<z.output<typeof LessonDraftFieldsSchema>, 'revision'>

/**
 * Writes the editor's fields back as a lesson file. Ticked competencies keep the order they were
 * listed in (`competencyOrder`), so saving without changes gives the same file; `bodyLineOffset`
 * is how many lines the front matter adds above the editor's first line.
 */
export function lessonSourceFromForm(form: LessonFormValues): { source: string; frontmatter: LessonFrontmatter; bodyLineOffset: number } {
  const order = form.competencyOrder.split(',')
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length)
  const competencies = [...form.competencies].sort((a, b) => rank(a) - rank(b))
  const frontmatter = { title: form.title, summary: form.summary, competencies, minutes: form.minutes, sources: form.sources }
  const source = composeLessonSource(frontmatter, form.body)
  return { source, frontmatter, bodyLineOffset: source.split('\n').length - form.body.split('\n').length }
}

/**
 * Splits the problems found in a whole lesson file into those of its front matter (said once, about
 * the form) and those of its body, moved to the editor's line numbers.
 */
export function problemsForEditor(problems: readonly MdxProblem[], bodyLineOffset: number) {
  const frontmatter = problems.filter((p) => p.line <= bodyLineOffset).map((p) => p.message)
  const body = problems.filter((p) => p.line > bodyLineOffset).map((p) => ({ ...p, line: p.line - bodyLineOffset }))
  return { frontmatter: [...new Set(frontmatter)], body: uniqueProblems(body) }
}

/** Problems listed once each, however many reports they came in. */
export function uniqueProblems<P extends MdxProblem>(problems: readonly P[]): P[] {
  const seen = new Set<string>()
  return problems.filter((p) => {
    const key = `${p.line}:${p.column}:${p.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** The preview route's answer to the lesson editor: the compiled body, or its problems (and, while previews are queued full, why). */
export type LessonPreview = { ok: true; code: string } | { ok: false; problems: MdxProblem[]; busy?: string }
