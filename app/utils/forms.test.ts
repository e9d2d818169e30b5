import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { DomainError } from '~/domain/errors'
import { constraintOf, parseSubmission, replyDomainError } from './forms'

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

describe('replyDomainError', () => {
  const schema = z.object({ name: z.string() })
  const submission = () => {
    const form = new FormData()
    form.set('name', 'Front desk')
    return parseSubmission(form, schema)
  }

  it('puts a DomainError with a field under that field, with its status', () => {
    const reply = replyDomainError(submission(), new DomainError(409, 'A team with this name exists.', 'name'))
    expect(reply.init?.status).toBe(409)
    expect(reply.data.result.error).toEqual({ name: ['A team with this name exists.'] })
    expect(reply.data.result.initialValue).toEqual({ name: 'Front desk' })
  })

  it('puts one without a field above the form', () => {
    const reply = replyDomainError(submission(), new DomainError(404, 'Team not found'))
    expect(reply.init?.status).toBe(404)
    expect(reply.data.result.error).toEqual({ '': ['Team not found'] })
  })
})
