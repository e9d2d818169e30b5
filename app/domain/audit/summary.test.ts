import { describe, expect, it } from 'vitest'
import { emailOf, nameOf, referencedPeople, renderSummary } from './summary'

describe('audit summaries', () => {
  const people = new Map([['u1', { name: 'Ana Ruiz', email: 'ana@example.com' }]])

  it('renders references with the current name and email', () => {
    const summary = `Invited ${nameOf('u1')} (${emailOf('u1')}) as learner`
    expect(summary).not.toContain('Ana')
    expect(referencedPeople(summary)).toEqual(['u1', 'u1'])
    expect(renderSummary(summary, people)).toBe('Invited Ana Ruiz (ana@example.com) as learner')
  })

  it('names an unknown person neutrally and leaves other braces alone', () => {
    expect(renderSummary(`Graded ${nameOf('gone')}’s answer`, people)).toBe('Graded a deleted account’s answer')
    expect(renderSummary('Saved {{nothing}} and {{name:}}', people)).toBe('Saved {{nothing}} and {{name:}}')
  })
})
