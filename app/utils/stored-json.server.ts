// JSON stored in text columns (a scenario's definition, a lesson's Checks, an answer, a quiz's
// settings) is read through the zod schema that owns its shape: a corrupt row (hand-edited, truncated,
// written by an older version) fails here with an error naming what is corrupt, instead of becoming a
// value of the wrong type that breaks somewhere else. The schemas read on hot paths (the answer path)
// check structure only, without transforms.
import type { z } from 'zod'
import { StoredCompetencyIdsSchema } from '~/domain/content/lesson'
import { readJson } from '~/domain/json'
import { ScenarioDraftSchema, type ScenarioDraft } from '~/domain/scenarios/scenario'

/** A stored value that is not valid JSON or does not have its schema's shape. */
export class CorruptStoredValueError extends Error {
  constructor(
    readonly what: string,
    detail: string,
  ) {
    super(`Corrupt stored ${what}: ${detail}`)
    this.name = 'CorruptStoredValueError'
  }
}

/** Parses stored JSON `text` with `schema`; `what` names the value in the error ("quiz settings of quiz q1"). */
export function parseStored<T>(schema: z.ZodType<T>, text: string, what: string): T {
  const read = readJson(text)
  if (!read.ok) throw new CorruptStoredValueError(what, `not JSON (${read.problem})`)
  const result = schema.safeParse(read.value)
  if (result.success) return result.data
  const issue = result.error.issues[0]!
  const at = issue.path.length > 0 ? ` at ${issue.path.join('.')}` : ''
  throw new CorruptStoredValueError(what, `${issue.message}${at}`)
}

/** As parseStored, for a nullable column: null stays null. */
export function parseStoredOrNull<T>(schema: z.ZodType<T>, text: string | null, what: string): T | null {
  return text === null ? null : parseStored(schema, text, what)
}

/** The competency ids a lesson version teaches (its `competencies` column). */
export function lessonCompetencyIds(text: string): string[] {
  return parseStored(StoredCompetencyIdsSchema, text, 'competencies of a lesson version')
}

/** What a trainer edits of a scenario: its draft if it has one, else its published definition, else an empty draft. */
export function editableScenario(scenario: { draft: string | null; currentVersion: { definition: string } | null }): ScenarioDraft {
  if (scenario.draft) return parseStored(ScenarioDraftSchema, scenario.draft, 'draft of a scenario')
  if (scenario.currentVersion)
    return parseStored(ScenarioDraftSchema, scenario.currentVersion.definition, 'definition of a scenario version')
  return ScenarioDraftSchema.parse({})
}
