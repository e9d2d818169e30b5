import { getZodConstraint } from '@conform-to/zod/v4'
import { z } from 'zod'

type Limits = { type?: string; minLength?: number; maxLength?: number; minimum?: number; maximum?: number; items?: Limits }
type Constraint = ReturnType<typeof getZodConstraint>[string]

const cache = new WeakMap<z.ZodObject, Record<string, Constraint>>()

/**
 * A form schema's constraints as input attributes (required, maxLength, min, max…). conform 1.21's
 * getZodConstraint reads the limits from a record zod 4.6 no longer fills, so it would give only
 * `required`; the limits are read here from the schema's JSON Schema instead, the same numbers the
 * server's parse enforces.
 */
export function schemaConstraint(schema: z.ZodObject): Record<string, Constraint> {
  const known = cache.get(schema)
  if (known) return known
  const constraint = getZodConstraint(schema)
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, Limits> }
  const add = (name: string, limits: Limits) => {
    const c: Constraint = (constraint[name] ??= { required: false })
    if (limits.minLength !== undefined) c.minLength ??= limits.minLength
    if (limits.maxLength !== undefined) c.maxLength ??= limits.maxLength
    if (limits.minimum !== undefined) c.min ??= limits.minimum
    if (limits.maximum !== undefined) c.max ??= limits.maximum
  }
  for (const [name, limits] of Object.entries(json.properties ?? {})) {
    if (limits.type === 'array') {
      if (limits.items) add(`${name}[]`, limits.items)
    } else add(name, limits)
  }
  cache.set(schema, constraint)
  return constraint
}
