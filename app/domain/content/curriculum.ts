import { LineCounter, parse as parseYaml, parseDocument } from 'yaml'
import { z } from 'zod'
import { QuizSchema, type QuizDefinition } from '../scenarios/quiz'
import { validateScenario, type ScenarioDefinition } from '../scenarios/scenario'
import { competencyIds, type Framework } from './framework'
import { parseLessonFrontmatter, type LessonFrontmatter } from './lesson'
import { extractInteractions, type CheckDefinition, type ReflectionPrompt } from './interactions'
import { validateMdx, type MdxProblem } from './mdx-validator'

/** A file of content as read from disk: its path relative to content/ and its text. */
export type ContentFile = { path: string; text: string }

export const ModuleMetaSchema = z.object({
  title: z.string().trim().min(3).max(120),
  summary: z.string().trim().min(10).max(300),
})

export const PathSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]+$/),
  title: z.string().trim().min(3).max(120),
  description: z.string().trim().max(300).optional(),
  modules: z.array(z.object({ module: z.string().min(1), dueDays: z.number().int().min(0).max(365) })).min(1),
})

export type Lesson = {
  slug: string
  module: string
  order: number
  path: string
  source: string
  frontmatter: LessonFrontmatter
  body: string
  lineOffset: number
  checks: CheckDefinition[]
  prompts: ReflectionPrompt[]
}
export type ScenarioFile = { slug: string; path: string; definition: ScenarioDefinition }
export type QuizFile = { slug: string; path: string; definition: QuizDefinition }
export type Curriculum = {
  modules: { slug: string; title: string; summary: string; lessons: Lesson[] }[]
  paths: z.infer<typeof PathSchema>[]
  scenarios: ScenarioFile[]
  quizzes: QuizFile[]
}
export type ContentProblem = MdxProblem & { path: string }

const LESSON_PATH = /^lessons\/(\d\d-[a-z0-9-]+)\/(\d\d)-([a-z0-9-]+)\.mdx$/
const SCENARIO_PATH = /^scenarios\/(?:[a-z0-9-]+\/)?([a-z][a-z0-9-]+)\.yaml$/
const QUIZ_PATH = /^quizzes\/([a-z0-9][a-z0-9-]+)\.yaml$/

/** The line and column of a field (`options.2.explanation`) in a YAML text; the closest parent found, else 1:1. */
export function yamlPosition(text: string, field: string): { line: number; column: number } {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter })
  const path = field.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k))
  for (let n = path.length; n > 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined
    if (node?.range) {
      const { line, col } = lineCounter.linePos(node.range[0])
      return { line, column: col }
    }
  }
  return { line: 1, column: 1 }
}

function yamlProblems(file: ContentFile, schema: z.ZodType): { value?: unknown; problems: ContentProblem[] } {
  let raw: unknown
  try {
    raw = parseYaml(file.text)
  } catch (error) {
    const pos = (error as { linePos?: { line: number; col: number }[] }).linePos?.[0]
    return {
      problems: [
        {
          path: file.path,
          line: pos?.line ?? 1,
          column: pos?.col ?? 1,
          message: `Not valid YAML: ${(error as Error).message.split('\n')[0]}`,
        },
      ],
    }
  }
  const result = schema.safeParse(raw)
  if (result.success) return { value: result.data, problems: [] }
  return {
    problems: result.error.issues.map((i) => ({
      path: file.path,
      line: 1,
      column: 1,
      message: `${i.path.join('.') || '(top)'}: ${i.message}`,
    })),
  }
}

/**
 * Reads and checks every curriculum file: lesson frontmatter and MDX, module metadata and paths.
 * Returns the curriculum, or every problem with its file, line and column.
 */
export function readCurriculum(
  files: ContentFile[],
  framework: Framework,
): { ok: true; curriculum: Curriculum } | { ok: false; problems: ContentProblem[] } {
  const known = competencyIds(framework)
  const problems: ContentProblem[] = []
  const modules = new Map<string, { slug: string; title: string; summary: string; lessons: Lesson[] }>()
  const paths: Curriculum['paths'] = []
  const pathFiles = new Map<string, string>()
  const scenarios: ScenarioFile[] = []
  const quizzes: QuizFile[] = []

  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const moduleMeta = /^lessons\/(\d\d-[a-z0-9-]+)\/module\.yaml$/.exec(file.path)
    if (moduleMeta) {
      const { value, problems: p } = yamlProblems(file, ModuleMetaSchema)
      problems.push(...p)
      if (value)
        modules.set(moduleMeta[1]!, {
          slug: moduleMeta[1]!,
          ...(value as z.infer<typeof ModuleMetaSchema>),
          lessons: modules.get(moduleMeta[1]!)?.lessons ?? [],
        })
      continue
    }
    if (file.path.startsWith('paths/') && file.path.endsWith('.yaml')) {
      const { value, problems: p } = yamlProblems(file, PathSchema)
      problems.push(...p)
      if (value) {
        paths.push(value as z.infer<typeof PathSchema>)
        pathFiles.set((value as z.infer<typeof PathSchema>).id, file.path)
      }
      continue
    }
    if (file.path.startsWith('scenarios/')) {
      const match = SCENARIO_PATH.exec(file.path)
      if (!match) {
        problems.push({ path: file.path, line: 1, column: 1, message: 'Scenarios live at scenarios/[<folder>/]<slug>.yaml.' })
        continue
      }
      let raw: unknown
      try {
        raw = parseYaml(file.text)
      } catch (error) {
        const pos = (error as { linePos?: { line: number; col: number }[] }).linePos?.[0]
        problems.push({
          path: file.path,
          line: pos?.line ?? 1,
          column: pos?.col ?? 1,
          message: `Not valid YAML: ${(error as Error).message.split('\n')[0]}`,
        })
        continue
      }
      const checked = validateScenario(raw, known)
      if (!checked.ok)
        problems.push(
          ...checked.problems.map((p) => ({ path: file.path, ...yamlPosition(file.text, p.field), message: `${p.field}: ${p.message}` })),
        )
      else scenarios.push({ slug: match[1]!, path: file.path, definition: checked.scenario })
      continue
    }
    if (file.path.startsWith('quizzes/')) {
      const match = QUIZ_PATH.exec(file.path)
      if (!match) {
        problems.push({ path: file.path, line: 1, column: 1, message: 'Quizzes live at quizzes/<slug>.yaml.' })
        continue
      }
      const { value, problems: p } = yamlProblems(file, QuizSchema)
      problems.push(...p)
      if (value) quizzes.push({ slug: match[1]!, path: file.path, definition: value as QuizDefinition })
      continue
    }
    if (!file.path.startsWith('lessons/')) continue
    const match = LESSON_PATH.exec(file.path)
    if (!match) {
      problems.push({ path: file.path, line: 1, column: 1, message: 'Lessons live at lessons/<nn>-<module>/<nn>-<slug>.mdx.' })
      continue
    }
    const parsed = parseLessonFrontmatter(file.text, known)
    if (!parsed.ok) {
      problems.push(...parsed.problems.map((p) => ({ ...p, path: file.path })))
      continue
    }
    const mdxProblems = validateMdx(parsed.body, { lineOffset: parsed.lineOffset })
    problems.push(...mdxProblems.map((p) => ({ ...p, path: file.path })))
    if (mdxProblems.length > 0) continue
    const interactions = extractInteractions(parsed.body, { lineOffset: parsed.lineOffset })
    problems.push(...interactions.problems.map((p) => ({ ...p, path: file.path })))
    const [, module, order, slug] = match
    const entry = modules.get(module!) ?? { slug: module!, title: '', summary: '', lessons: [] }
    entry.lessons.push({
      slug: slug!,
      module: module!,
      order: Number(order),
      path: file.path,
      source: file.text,
      frontmatter: parsed.frontmatter,
      body: parsed.body,
      lineOffset: parsed.lineOffset,
      checks: interactions.checks,
      prompts: interactions.prompts,
    })
    modules.set(module!, entry)
  }

  for (const m of modules.values()) {
    if (!m.title)
      problems.push({
        path: `lessons/${m.slug}/module.yaml`,
        line: 1,
        column: 1,
        message: 'Every module folder needs a module.yaml with its title and summary.',
      })
  }
  for (const p of paths) {
    for (const step of p.modules) {
      if (!modules.has(step.module))
        problems.push({
          path: pathFiles.get(p.id)!,
          line: 1,
          column: 1,
          message: `The path names a module that does not exist: ${step.module}.`,
        })
    }
  }
  const slugs = new Map<string, string>()
  for (const lesson of [...modules.values()].flatMap((m) => m.lessons)) {
    if (slugs.has(lesson.slug))
      problems.push({
        path: lesson.path,
        line: 1,
        column: 1,
        message: `The lesson slug "${lesson.slug}" is also used by ${slugs.get(lesson.slug)}.`,
      })
    slugs.set(lesson.slug, lesson.path)
  }
  const scenarioFiles = new Map<string, string>()
  for (const sc of scenarios) {
    if (scenarioFiles.has(sc.slug))
      problems.push({
        path: sc.path,
        line: 1,
        column: 1,
        message: `The scenario slug "${sc.slug}" is also used by ${scenarioFiles.get(sc.slug)}.`,
      })
    scenarioFiles.set(sc.slug, sc.path)
  }
  for (const q of quizzes) {
    const { module, items, draw } = q.definition
    const text = files.find((f) => f.path === q.path)!.text
    if (module && !modules.has(module))
      problems.push({ path: q.path, ...yamlPosition(text, 'module'), message: `The quiz names a module that does not exist: ${module}.` })
    items.forEach((slug, i) => {
      if (!scenarioFiles.has(slug))
        problems.push({ path: q.path, ...yamlPosition(text, `items.${i}`), message: `No scenario has the slug "${slug}".` })
    })
    if (draw !== undefined && draw > items.length)
      problems.push({ path: q.path, line: 1, column: 1, message: `The quiz draws ${draw} items from ${items.length}.` })
  }
  if (problems.length > 0) return { ok: false, problems }
  return {
    ok: true,
    curriculum: { modules: [...modules.values()].sort((a, b) => a.slug.localeCompare(b.slug)), paths, scenarios, quizzes },
  }
}
