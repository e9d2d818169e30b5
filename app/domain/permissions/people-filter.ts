import { z } from 'zod'
import { ROLES } from './permissions'

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional())

/** The people list's query string. Bad values are refused with 400 rather than silently ignored. */
export const PeopleFilterSchema = z.object({
  q: optional(z.string().trim().max(100, 'Search for at most 100 characters.')),
  teamId: optional(z.string().max(40)),
  role: optional(z.enum(ROLES, 'Unknown role.')),
  status: optional(z.enum(['active', 'invited', 'deactivated'], 'Unknown status.')),
  page: optional(z.coerce.number().int().min(1).max(100000)),
})

export function parsePeopleFilter(url: URL) {
  const result = PeopleFilterSchema.safeParse(Object.fromEntries(url.searchParams))
  if (!result.success) throw new Response(result.error.issues[0]?.message ?? 'Bad filter.', { status: 400 })
  return result.data
}
