import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { constraintOf } from './forms'

describe('constraintOf', () => {
  it('gives the browser the limits the server checks, through trims, pipes, optionals and coercion', () => {
    const schema = z.object({
      email: z.string({ error: 'Enter your email.' }).trim().min(1).max(254).pipe(z.email()),
      note: z.string().max(2000).optional(),
      days: z.coerce.number().int().min(0).max(365),
      tags: z.array(z.string().max(30)),
      role: z.enum(['learner', 'leader']),
    })
    const c = constraintOf(schema)
    expect(c.email).toMatchObject({ required: true, minLength: 1, maxLength: 254 })
    expect(c.note).toMatchObject({ required: false, maxLength: 2000 })
    expect(c.days).toMatchObject({ min: 0, max: 365 })
    expect(c['tags[]']).toMatchObject({ maxLength: 30 })
    expect(c.role).toMatchObject({ required: true, pattern: 'learner|leader' })
  })

  it('reads the fields of every branch of a form with several intents', () => {
    const schema = z.discriminatedUnion('intent', [
      z.object({ intent: z.literal('rename'), name: z.string().max(80) }),
      z.object({ intent: z.literal('delete') }),
    ])
    expect(constraintOf(schema).name).toMatchObject({ maxLength: 80 })
  })
})
