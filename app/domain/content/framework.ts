import { parse as parseYaml } from 'yaml'
import { z } from 'zod'

const Id = z.string().regex(/^[a-z][a-z0-9-]{1,59}$/, 'Use lower-case letters, digits and dashes (2–60), starting with a letter.')

export const CompetencySchema = z.object({
  id: Id,
  title: z.string().trim().min(2).max(80),
  description: z.string().trim().min(10).max(240),
  ready: z.string().trim().min(10).max(300),
})

export const PillarSchema = z.object({
  id: Id,
  title: z.string().trim().min(2).max(80),
  subtitle: z.string().trim().max(80).optional(),
  description: z.string().trim().min(10).max(240),
  competencies: z.array(CompetencySchema).min(1, 'A pillar needs at least one competency.'),
})

export const FrameworkSchema = z
  .object({ version: z.number().int().positive(), pillars: z.array(PillarSchema).min(1) })
  .superRefine((framework, ctx) => {
    const seen = new Map<string, string>()
    framework.pillars.forEach((pillar, p) => {
      for (const [i, id] of [[-1, pillar.id] as const, ...pillar.competencies.map((c, j) => [j, c.id] as const)]) {
        const path = i === -1 ? ['pillars', p, 'id'] : ['pillars', p, 'competencies', i, 'id']
        if (seen.has(id)) ctx.addIssue({ code: 'custom', path, message: `The id "${id}" is used twice (also at ${seen.get(id)}).` })
        else seen.set(id, path.join('.'))
      }
    })
  })

export type Framework = z.infer<typeof FrameworkSchema>
export type Competency = z.infer<typeof CompetencySchema>

/** Parses a framework file, or throws one message listing every problem with its path. */
export function parseFramework(yamlText: string, fileName = 'framework.yaml'): Framework {
  let raw: unknown
  try {
    raw = parseYaml(yamlText)
  } catch (error) {
    throw new Error(`${fileName}: not valid YAML: ${(error as Error).message}`)
  }
  const result = FrameworkSchema.safeParse(raw)
  if (result.success) return result.data
  const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(top)'}: ${i.message}`)
  throw new Error(`${fileName} has ${lines.length} problem(s):\n${lines.join('\n')}`)
}

/** Every competency id of a framework, in order. */
export function competencyIds(framework: Framework): string[] {
  return framework.pillars.flatMap((p) => p.competencies.map((c) => c.id))
}
