import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { jsonText, readJson } from './json'

describe('readJson', () => {
  it('returns the value of JSON text, and the parser’s message for anything else', () => {
    expect(readJson('{"a":[1,2]}')).toEqual({ ok: true, value: { a: [1, 2] } })
    const bad = readJson('{"a":')
    expect(bad.ok).toBe(false)
    expect(!bad.ok && bad.problem).toMatch(/JSON/)
  })
})

describe('jsonText', () => {
  const Schema = jsonText(z.record(z.string(), z.unknown(), { error: 'Send an object.' }), 'Send JSON.')

  it('parses the text and checks the value with the schema', () => {
    expect(Schema.parse('{"title":"Valerie"}')).toEqual({ title: 'Valerie' })
  })

  it('refuses text that is not JSON, and JSON of the wrong shape, with their messages', () => {
    const messages = (input: unknown) => {
      const result = Schema.safeParse(input)
      return result.success ? [] : result.error.issues.map((i) => i.message)
    }
    expect(messages('{"title":')).toEqual(['Send JSON.'])
    expect(messages(42)).toEqual(['Send JSON.'])
    expect(messages('[1,2]')).toEqual(['Send an object.'])
    expect(messages('null')).toEqual(['Send an object.'])
  })
})
