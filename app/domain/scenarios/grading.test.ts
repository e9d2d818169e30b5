import { describe, expect, it } from 'vitest'
import { isAwaitingGrade } from './grading'

const at = new Date('2026-11-02T09:00:00Z')

describe('isAwaitingGrade', () => {
  it('holds for an answered free-text item with no grade', () => {
    expect(isAwaitingGrade({ type: 'free-text', answeredAt: at, gradedAt: null })).toBe(true)
    expect(isAwaitingGrade({ type: 'free-text', answeredAt: at.toISOString(), gradedAt: null })).toBe(true)
  })

  it('does not hold once graded, before an answer, or for an item scored as it is answered', () => {
    expect(isAwaitingGrade({ type: 'free-text', answeredAt: at, gradedAt: at })).toBe(false)
    expect(isAwaitingGrade({ type: 'free-text', answeredAt: null, gradedAt: null })).toBe(false)
    for (const type of ['single', 'multiple', 'ranking', 'branching'])
      expect(isAwaitingGrade({ type, answeredAt: at, gradedAt: null }), type).toBe(false)
  })
})
