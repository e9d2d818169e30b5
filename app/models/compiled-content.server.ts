// Compiled MDX as it is stored with each published version: a lesson's body in
// LessonVersion.compiledCode, a scenario's texts in ScenarioVersion.compiledStems (a JSON map by
// stem key). Publishing and content sync compile and store; learners', leaders' and graders' pages
// read what was stored and never compile on a request. Versions stored before these columns
// existed are compiled once by `backfillCompiledCode`, which the server runs before it listens.
import { z } from 'zod'
import { splitFrontmatter } from '~/domain/content/lesson'
import type { MdxProblem } from '~/domain/content/mdx-validator'
import { scenarioStems, StoredScenarioSchema, type ScenarioDefinition } from '~/domain/scenarios/scenario'
import { db } from '~/utils/db.server'
import { log } from '~/utils/logger.server'
import { compileMdx } from '~/utils/mdx.server'
import { parseStored } from '~/utils/stored-json.server'

/** Compiled code by stem key ("stem", "node:<id>"). */
export type CompiledStems = Record<string, string>
export const CompiledStemsSchema: z.ZodType<CompiledStems> = z.record(z.string(), z.string())

const NOT_READY = 'This content is still being prepared. Try again in a minute.'

/** The stored code of a lesson version; a version without it answers 503 rather than compiling here. */
export function storedLessonCode(version: { id: string; compiledCode: string | null }): string {
  if (version.compiledCode === null) {
    log.error('lesson version has no compiled code', { versionId: version.id })
    throw new Response(NOT_READY, { status: 503, headers: { 'Retry-After': '60' } })
  }
  return version.compiledCode
}

/** The stored code of one text of a scenario version, by stem key; 503 when it was never stored. */
export function storedStemCode(version: { id: string; compiledStems: string | null }, key: string): string {
  const code =
    version.compiledStems === null
      ? undefined
      : parseStored(CompiledStemsSchema, version.compiledStems, 'compiled stems of a scenario version')[key]
  if (code === undefined) {
    log.error('scenario version has no compiled text', { versionId: version.id, key })
    throw new Response(NOT_READY, { status: 503, headers: { 'Retry-After': '60' } })
  }
  return code
}

/** Compiles every text of a scenario: the codes by stem key, or the problems by field. */
export async function compileScenarioStems(
  definition: ScenarioDefinition,
): Promise<{ ok: true; stems: CompiledStems } | { ok: false; problems: (MdxProblem & { field: string })[] }> {
  const stems: CompiledStems = {}
  const problems: (MdxProblem & { field: string })[] = []
  for (const stem of scenarioStems(definition)) {
    const compiled = await compileMdx(stem.mdx)
    if (compiled.ok) stems[stem.key] = compiled.code
    else problems.push(...compiled.problems.map((p) => ({ ...p, field: stem.field })))
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, stems }
}

/**
 * Compiles and stores the code of every version that has none (rows from before the columns
 * existed). A version that no longer compiles is logged and left without code: its pages answer
 * 503 and say so, and the server still starts. Returns how many versions got code and how many failed.
 */
export async function backfillCompiledCode(): Promise<{ compiled: number; failed: number }> {
  let compiled = 0
  let failed = 0
  const lessons = await db.lessonVersion.findMany({ where: { compiledCode: null }, select: { id: true, source: true } })
  for (const version of lessons) {
    const { body, lineOffset } = splitFrontmatter(version.source)
    const result = await compileMdx(body, { lineOffset })
    if (!result.ok) {
      failed++
      log.error('lesson version does not compile', { versionId: version.id, problems: result.problems.slice(0, 3) })
      continue
    }
    await db.lessonVersion.update({ where: { id: version.id }, data: { compiledCode: result.code } })
    compiled++
  }
  const scenarios = await db.scenarioVersion.findMany({ where: { compiledStems: null }, select: { id: true, definition: true } })
  for (const version of scenarios) {
    const result = await compileScenarioStems(parseStored(StoredScenarioSchema, version.definition, 'definition of a scenario version'))
    if (!result.ok) {
      failed++
      log.error('scenario version does not compile', { versionId: version.id, problems: result.problems.slice(0, 3) })
      continue
    }
    await db.scenarioVersion.update({ where: { id: version.id }, data: { compiledStems: JSON.stringify(result.stems) } })
    compiled++
  }
  return { compiled, failed }
}
