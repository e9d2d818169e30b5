// The quiz editor's rules: what a trainer may publish as a module quiz (which scenarios, how many
// each attempt draws, feedback, attempts and the pause between them), what deserves a warning, and
// what changed between two versions.
import { z } from 'zod'
import { LEAST_EVIDENCE_FOR_READY } from '~/domain/readiness/model'
import { FEEDBACK_MODES, type QuizDefinition } from '~/domain/scenarios/quiz'

export const MAX_ATTEMPTS_LIMIT = 20
export const MAX_PAUSE_HOURS = 720

const attemptsMessage = `Allow 1 to ${MAX_ATTEMPTS_LIMIT} attempts, or leave it empty for unlimited.`
const pauseMessage = `The pause is 0 to ${MAX_PAUSE_HOURS} hours (30 days).`

/** The editor's fields, each with a specific message for a bad value. */
export const QuizFieldsShape = z.object({
  title: z
    .string({ error: 'Give the quiz a title.' })
    .trim()
    .min(3, 'Use at least 3 characters for the title.')
    .max(120, 'Keep the title to 120 characters.'),
  description: z.string().trim().max(400, 'Keep the description to 400 characters.').default(''),
  module: z.string({ error: 'Choose the module this quiz closes.' }).max(80, 'Choose the module this quiz closes.'),
  items: z.array(z.string().max(80, 'That is not a scenario of the bank.')).max(200, 'Choose at most 200 scenarios.').default([]),
  draw: z.number({ error: 'Enter how many scenarios each attempt draws.' }).int('Enter a whole number of scenarios to draw.'),
  feedback: z.enum(FEEDBACK_MODES, { error: 'Choose when learners see feedback: after each item or at the end.' }),
  maxAttempts: z
    .number({ error: attemptsMessage })
    .int(attemptsMessage)
    .min(1, attemptsMessage)
    .max(MAX_ATTEMPTS_LIMIT, attemptsMessage)
    .optional(),
  cooldownHours: z.number({ error: 'Enter the pause in hours (0 for none).' }).min(0, pauseMessage).max(MAX_PAUSE_HOURS, pauseMessage),
  shuffleItems: z.boolean().default(false),
})

/** The rules across fields: at least one scenario, none twice, and a draw between 1 and the number chosen. */
export function quizRules(q: { items: string[]; draw: number }, ctx: z.RefinementCtx) {
  if (q.items.length === 0) ctx.addIssue({ code: 'custom', path: ['items'], message: 'Choose at least one scenario.' })
  const seen = new Set<string>()
  for (const slug of q.items) {
    if (seen.has(slug)) ctx.addIssue({ code: 'custom', path: ['items'], message: `“${slug}” is chosen twice.` })
    seen.add(slug)
  }
  const chosen = seen.size
  if (q.draw < 1) ctx.addIssue({ code: 'custom', path: ['draw'], message: 'Draw at least 1 scenario.' })
  else if (q.draw > chosen)
    ctx.addIssue({
      code: 'custom',
      path: ['draw'],
      message: `Draw ${q.draw} needs at least ${q.draw} scenarios; ${chosen} ${chosen === 1 ? 'is' : 'are'} chosen.`,
    })
}

/** The editor's fields and their rules (scenarios are checked against the bank separately, by bankProblems). */
export const QuizFieldsSchema = QuizFieldsShape.superRefine(quizRules)
export type QuizFields = z.output<typeof QuizFieldsSchema>

/** The definition a quiz version stores, from the editor's fields. */
export function definitionFromFields(f: QuizFields): QuizDefinition {
  return {
    title: f.title,
    description: f.description,
    module: f.module,
    items: f.items,
    draw: f.draw,
    feedback: f.feedback,
    shuffleItems: f.shuffleItems,
    ...(f.maxAttempts === undefined ? {} : { maxAttempts: f.maxAttempts }),
    cooldownHours: f.cooldownHours,
  }
}

/** The editor's fields for a definition (a file's quiz may leave the draw out: all of its items). */
export function fieldsFromDefinition(d: QuizDefinition) {
  return {
    title: d.title,
    description: d.description,
    module: d.module ?? '',
    items: d.items,
    draw: d.draw ?? d.items.length,
    feedback: d.feedback,
    maxAttempts: d.maxAttempts,
    cooldownHours: d.cooldownHours,
    shuffleItems: d.shuffleItems,
  }
}

export type BankScenario = { slug: string; published: boolean; type: string; competencies: string[] }
export type FieldProblem = { field: string; message: string }

/** The chosen scenarios checked against the bank: each must exist and be published (the slug is named). */
export function bankProblems(items: readonly string[], bank: ReadonlyMap<string, BankScenario>): FieldProblem[] {
  return items.flatMap((slug) => {
    const s = bank.get(slug)
    if (!s) return [{ field: 'items', message: `There is no scenario called “${slug}”.` }]
    if (!s.published) return [{ field: 'items', message: `“${slug}” is not published yet: publish it first, or leave it out.` }]
    return []
  })
}

/** The fewest scored (not free-text) items one attempt can draw. */
export function fewestScoredDrawn(items: readonly string[], draw: number, bank: ReadonlyMap<string, BankScenario>) {
  const freeText = items.filter((slug) => bank.get(slug)?.type === 'free-text').length
  return Math.max(0, Math.min(draw, items.length) - freeText)
}

/**
 * What a trainer should know before publishing, without being stopped: competencies the module's
 * lessons teach that no chosen scenario tests, and attempts with too few scored answers to show
 * ready (decision 018).
 */
export function quizWarnings(
  def: { items: readonly string[]; draw: number },
  bank: ReadonlyMap<string, BankScenario>,
  taught: readonly { id: string; title: string }[],
): string[] {
  const warnings: string[] = []
  const tested = new Set(def.items.flatMap((slug) => bank.get(slug)?.competencies ?? []))
  const untested = taught.filter((c) => !tested.has(c.id))
  if (untested.length > 0)
    warnings.push(
      `The module’s lessons teach ${untested.length === 1 ? 'a competency' : `${untested.length} competencies`} no chosen scenario tests: ${untested.map((c) => c.title).join(', ')}.`,
    )
  const scored = fewestScoredDrawn(def.items, def.draw, bank)
  if (scored < LEAST_EVIDENCE_FOR_READY)
    warnings.push(
      `An attempt can have as few as ${scored} scored answer${scored === 1 ? '' : 's'}; ready needs at least ${LEAST_EVIDENCE_FOR_READY} (free-text answers count once graded), so one attempt cannot show a competency ready.`,
    )
  return warnings
}

export type QuizChange = { label: string; from: string; to: string }
export type QuizDiff = { added: string[]; removed: string[]; changes: QuizChange[] }

const FEEDBACK_LABELS = { each: 'after each item', end: 'at the end' } as const

/** What changed from one version of a quiz to the next: scenarios added and removed, and each setting changed. */
export function diffQuizVersions(
  a: QuizDefinition,
  b: QuizDefinition,
  moduleTitle: (slug?: string) => string = (s) => s ?? 'none',
): QuizDiff {
  const before = new Set(a.items)
  const after = new Set(b.items)
  const show = {
    Title: (d: QuizDefinition) => d.title,
    Description: (d: QuizDefinition) => d.description || '(none)',
    Module: (d: QuizDefinition) => moduleTitle(d.module),
    'Draw per attempt': (d: QuizDefinition) => String(d.draw ?? d.items.length),
    Feedback: (d: QuizDefinition) => FEEDBACK_LABELS[d.feedback],
    Attempts: (d: QuizDefinition) => (d.maxAttempts === undefined ? 'unlimited' : String(d.maxAttempts)),
    'Pause between attempts': (d: QuizDefinition) => `${d.cooldownHours} h`,
    'Shuffle the order': (d: QuizDefinition) => (d.shuffleItems ? 'yes' : 'no'),
  }
  return {
    added: b.items.filter((s) => !before.has(s)),
    removed: a.items.filter((s) => !after.has(s)),
    changes: Object.entries(show).flatMap(([label, f]) => (f(a) === f(b) ? [] : [{ label, from: f(a), to: f(b) }])),
  }
}
