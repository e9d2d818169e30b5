import { z } from 'zod'
import { LEVELS } from './model'

/** A level, or "undecided": the evidence cannot call one yet. */
export const CALLS = [...LEVELS, 'undecided'] as const

const flag = z
  .enum(['1', 'true', 'on'])
  .transform(() => true)
  .optional()
  .catch(undefined)

/** The team dashboard's filters from a URL; anything unknown falls back to no filter. */
export const TeamFilterSchema = z.object({
  teamId: z.string().max(60).optional().catch(undefined),
  competency: z.string().max(60).optional().catch(undefined),
  level: z.enum(CALLS).optional().catch(undefined),
  redFlag: flag,
  overdue: flag,
  /** People with a certificate expiring within 30 days, or due for recertification. */
  certificate: z.enum(['expiring', 'due']).optional().catch(undefined),
  sort: z.enum(['weakest', 'name']).catch('weakest'),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
})

export function parseTeamFilter(url: URL) {
  const raw = Object.fromEntries([...url.searchParams].filter(([, v]) => v !== ''))
  return TeamFilterSchema.parse({ sort: 'weakest', page: 1, ...raw })
}

/** A CSV cell: quoted, and text that a spreadsheet would run as a formula is prefixed so it shows as text. */
export function csvCell(value: string | number | boolean): string {
  let text = String(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return `"${text.replace(/"/g, '""')}"`
}
