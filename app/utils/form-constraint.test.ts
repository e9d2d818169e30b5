import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import { schemaConstraint } from './form-constraint'

describe('schemaConstraint', () => {
  test('gives the schema’s own limits as input attributes', () => {
    const schema = z
      .object({
        email: z.string({ error: 'Enter an email.' }).trim().min(1).max(254, 'Too long.').pipe(z.email()),
        days: z.number().int().min(7).max(3650),
        teamIds: z.array(z.string().max(40)).max(50),
        note: z.string().max(80).optional(),
        start: z.iso
          .date()
          .transform((d) => new Date(d))
          .optional(),
      })
      .superRefine(() => {})
    const c = schemaConstraint(schema)
    expect(c.email).toMatchObject({ required: true, minLength: 1, maxLength: 254 })
    expect(c.days).toMatchObject({ required: true, min: 7, max: 3650 })
    expect(c.teamIds).toMatchObject({ multiple: true })
    expect(c['teamIds[]']).toMatchObject({ maxLength: 40 })
    expect(c.note).toMatchObject({ required: false, maxLength: 80 })
    expect(c.start).toMatchObject({ required: false })
  })
})
