import { describe, expect, it } from 'vitest'
import { canAdminister, canManageContent, canSeePerson, canSeeTeams, navigationFor, visibleTeamIds, type Viewer } from './permissions'

const learner: Viewer = { id: 'l1', role: 'learner', ledTeamIds: [] }
const leader: Viewer = { id: 'le1', role: 'leader', ledTeamIds: ['front', 'concierge'] }
const trainer: Viewer = { id: 't1', role: 'trainer', ledTeamIds: [] }
const admin: Viewer = { id: 'a1', role: 'admin', ledTeamIds: [] }

describe('canSeePerson', () => {
  it('lets everyone see themselves', () => {
    expect(canSeePerson(learner, { id: 'l1', teamIds: [] })).toBe(true)
  })
  it('keeps a learner away from other learners, even in the same team', () => {
    expect(canSeePerson(learner, { id: 'l2', teamIds: [] })).toBe(false)
    expect(canSeePerson({ ...learner }, { id: 'l2', teamIds: ['front'] })).toBe(false)
  })
  it('lets a leader see people in the teams they lead, and no one else', () => {
    expect(canSeePerson(leader, { id: 'x', teamIds: ['concierge'] })).toBe(true)
    expect(canSeePerson(leader, { id: 'x', teamIds: ['restaurant'] })).toBe(false)
    expect(canSeePerson(leader, { id: 'x', teamIds: [] })).toBe(false)
  })
  it('keeps a trainer to the teams they lead', () => {
    expect(canSeePerson(trainer, { id: 'x', teamIds: ['front'] })).toBe(false)
    expect(canSeePerson({ ...trainer, ledTeamIds: ['front'] }, { id: 'x', teamIds: ['front'] })).toBe(true)
  })
  it('lets an admin see everyone', () => {
    expect(canSeePerson(admin, { id: 'x', teamIds: [] })).toBe(true)
  })
})

describe('role capabilities', () => {
  it('gives content to trainers and admins only', () => {
    expect([learner, leader, trainer, admin].map(canManageContent)).toEqual([false, false, true, true])
  })
  it('gives administration to admins only', () => {
    expect([learner, leader, trainer, admin].map(canAdminister)).toEqual([false, false, false, true])
  })
  it('gives team views to admins and anyone leading a team', () => {
    expect([learner, leader, trainer, admin].map(canSeeTeams)).toEqual([false, true, false, true])
  })
  it('scopes lists to led teams, except for admins', () => {
    expect(visibleTeamIds(leader)).toEqual(['front', 'concierge'])
    expect(visibleTeamIds(learner)).toEqual([])
    expect(visibleTeamIds(admin)).toBeNull()
  })
})

describe('navigationFor', () => {
  const labels = (v: Viewer) => navigationFor(v).map((i) => i.label)
  it('shows each role only what it can do', () => {
    expect(labels(learner)).toEqual(['Home', 'My onboarding', 'Quizzes', 'My readiness', 'Account'])
    expect(labels(leader)).toEqual(['Home', 'My onboarding', 'Quizzes', 'My readiness', 'Team readiness', 'My teams', 'Account'])
    expect(labels(trainer)).toEqual(['Home', 'My onboarding', 'Quizzes', 'My readiness', 'Content', 'Account'])
    expect(labels(admin)).toEqual([
      'Home',
      'My onboarding',
      'Quizzes',
      'My readiness',
      'Team readiness',
      'Everyone',
      'Content',
      'People',
      'Teams',
      'Organisation',
      'Readiness settings',
      'Outbox',
      'Audit log',
      'Account',
    ])
  })
})
