import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import type { MdxProblem } from './mdx-validator'

export const SourceSchema = z.object({
  author: z.string().trim().min(2).max(120),
  title: z.string().trim().min(2).max(200),
})

export const LessonFrontmatterSchema = z.object({
  title: z.string().trim().min(3, 'Give the lesson a title.').max(120),
  summary: z.string().trim().min(10, 'Summarise the lesson in a sentence.').max(300),
  competencies: z
    .array(z.string().regex(/^[a-z][a-z0-9-]+$/))
    .min(1, 'Name at least one competency the lesson teaches.')
    .max(4),
  minutes: z.number().int().min(3, 'A lesson takes 3 to 8 minutes.').max(8, 'A lesson takes 3 to 8 minutes.'),
  sources: z.array(SourceSchema).min(1, 'Name the source of the lesson’s stories (author and title).'),
})

export type LessonFrontmatter = z.infer<typeof LessonFrontmatterSchema>

/** Competency ids as stored with a lesson version (and a practice attempt's focus). */
export const StoredCompetencyIdsSchema = z.array(z.string())
/** A lesson version's sources as stored (checked by SourceSchema when published). */
export const StoredSourcesSchema = z.array(z.object({ author: z.string(), title: z.string() }))

/** Splits `---` YAML frontmatter from an MDX body; `lineOffset` is how many lines precede the body. */
export function splitFrontmatter(source: string): { yaml: string | null; body: string; lineOffset: number } {
  const normalised = source.replace(/\r\n?/g, '\n')
  const match = /^---\n([\s\S]*?)\n---(?:\n|$)/.exec(normalised)
  if (!match) return { yaml: null, body: normalised, lineOffset: 0 }
  return { yaml: match[1]!, body: normalised.slice(match[0].length), lineOffset: match[0].split('\n').length - 1 }
}

/**
 * Reads a lesson's frontmatter, checked against the schema and the framework's competencies.
 * Problems point at the frontmatter's lines.
 */
export function parseLessonFrontmatter(
  source: string,
  knownCompetencies: readonly string[],
): { ok: true; frontmatter: LessonFrontmatter; body: string; lineOffset: number } | { ok: false; problems: MdxProblem[] } {
  const { yaml, body, lineOffset } = splitFrontmatter(source)
  if (yaml === null)
    return {
      ok: false,
      problems: [
        {
          line: 1,
          column: 1,
          message: 'A lesson starts with frontmatter between --- lines (title, summary, competencies, minutes, sources).',
        },
      ],
    }
  let raw: unknown
  try {
    raw = parseYaml(yaml)
  } catch (error) {
    const e = error as { linePos?: { line: number; col: number }[]; message: string }
    const pos = e.linePos?.[0]
    return {
      ok: false,
      problems: [
        { line: (pos?.line ?? 0) + 1, column: pos?.col ?? 1, message: `Frontmatter is not valid YAML: ${e.message.split('\n')[0]}` },
      ],
    }
  }
  const result = LessonFrontmatterSchema.safeParse(raw)
  const lineOf = (key: string) => {
    const index = yaml.split('\n').findIndex((l) => l.startsWith(`${key}:`))
    return index === -1 ? 1 : index + 2
  }
  if (!result.success) {
    return {
      ok: false,
      problems: result.error.issues.map((i) => ({
        line: lineOf(String(i.path[0] ?? '')),
        column: 1,
        message: `${i.path.join('.') || 'frontmatter'}: ${i.message}`,
      })),
    }
  }
  const unknown = result.data.competencies.filter((c) => !knownCompetencies.includes(c))
  if (unknown.length > 0) {
    return {
      ok: false,
      problems: [
        {
          line: lineOf('competencies'),
          column: 1,
          message: `Unknown competenc${unknown.length > 1 ? 'ies' : 'y'}: ${unknown.join(', ')}. Known: ${knownCompetencies.join(', ')}.`,
        },
      ],
    }
  }
  return { ok: true, frontmatter: result.data, body, lineOffset }
}
