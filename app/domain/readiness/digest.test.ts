import { describe, expect, it } from 'vitest'
import { composeDigest, type DigestPerson } from './digest'

const person = (id: string, name: string, more: Partial<DigestPerson> = {}): DigestPerson => ({
  id,
  name,
  clientReady: false,
  redFlags: 0,
  onboardingOverdue: false,
  ...more,
})
const base = { leaderName: 'Priya', teams: ['Front desk'], appUrl: 'https://app.example' }

describe('the weekly digest', () => {
  it('says who became client-ready and who slipped since the last one, red flags and overdue onboarding, with links', () => {
    const digest = composeDigest({
      ...base,
      people: [
        person('a', 'Ana', { clientReady: true }),
        person('b', 'Ben', { clientReady: false }),
        person('c', 'Chloe', { clientReady: true }),
        person('d', 'Dev', { redFlags: 2, onboardingOverdue: true }),
      ],
      previous: new Set(['b', 'c']),
    })!
    expect(digest.subject).toBe('Mission Ready: your teams this week (1 became client-ready, 1 slipped, 1 red flag)')
    expect(digest.text).toContain('This week in Front desk: 2 of 4 people are client-ready.')
    expect(digest.text).toContain('Became client-ready since last week:\n  - Ana: https://app.example/people/a/readiness\n')
    expect(digest.text).toContain('Slipped below client-ready (a refresher is due):\n  - Ben: https://app.example/people/b/readiness\n')
    expect(digest.text).toContain('Red flags to talk through:\n  - Dev: https://app.example/people/d/readiness (2 competencies)\n')
    expect(digest.text).toContain('Onboarding overdue:\n  - Dev: https://app.example/people/d/readiness\n')
    expect(digest.text).toContain('Turn it off on your account page: https://app.example/account')
    expect(digest.clientReady).toEqual(['a', 'c'])
  })

  it('the first digest has nothing to compare with, and says so', () => {
    const digest = composeDigest({ ...base, people: [person('a', 'Ana', { clientReady: true })], previous: null })!
    expect(digest.text).toContain('1 of 1 person is client-ready')
    expect(digest.text).toContain('This is your first weekly digest')
    expect(digest.text).not.toContain('Became client-ready')
    expect(digest.subject).toBe('Mission Ready: your teams this week')
  })

  it('a quiet week says so; a leader with nobody in their teams gets none', () => {
    const quiet = composeDigest({ ...base, people: [person('a', 'Ana', { clientReady: true })], previous: new Set(['a']) })!
    expect(quiet.text).toContain('No changes, no red flags and no overdue onboarding this week.')
    expect(composeDigest({ ...base, people: [], previous: null })).toBeNull()
  })
})
