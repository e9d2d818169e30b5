import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import { CorruptStoredValueError, parseStored, parseStoredOrNull } from './stored-json.server'
import { ItemResponseSchema } from '~/domain/scenarios/scoring'

describe('stored JSON', () => {
  it('returns a value of the schema’s shape', () => {
    expect(parseStored(ItemResponseSchema, '{"type":"single","option":2}', 'answer')).toEqual({ type: 'single', option: 2 })
    expect(parseStoredOrNull(ItemResponseSchema, null, 'answer')).toBeNull()
  })

  it('names the corrupt value and what is wrong with it', () => {
    expect(() => parseStored(z.array(z.string()), '["a", 3]', 'competencies of lesson version v1')).toThrow(
      /^Corrupt stored competencies of lesson version v1: .*at 1$/,
    )
    expect(() => parseStored(ItemResponseSchema, '{"type":"single","option":"2"}', 'answer of item i1')).toThrow(CorruptStoredValueError)
    expect(() => parseStored(z.array(z.string()), '["a", ', 'focus of attempt a1')).toThrow(/^Corrupt stored focus of attempt a1: not JSON/)
  })
})
