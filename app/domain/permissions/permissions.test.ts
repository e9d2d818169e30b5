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
  const groups = (v: Viewer) => navigationFor(v).map((g) => `${g.label}: ${g.items.map((i) => i.label).join(', ')}`)
  const learn = 'Learn: Home, My onboarding, Quizzes, My readiness, Certificates'
  it('groups what each role can do, and nothing more', () => {
    expect(groups(learner)).toEqual([learn])
    expect(groups(leader)).toEqual([learn, 'Team: Team readiness, My teams'])
    expect(groups(trainer)).toEqual([learn, 'Content: Content'])
    expect(groups(admin)).toEqual([
      learn,
      'Team: Team readiness, Everyone',
      'Content: Content',
      'Admin: People, Teams, Organisation, Readiness settings, Outbox, Scheduled jobs, Audit log',
    ])
  })
  it('gives a trainer who leads a team the team views too', () => {
    expect(navigationFor({ ...trainer, ledTeamIds: ['front'] }).map((g) => g.id)).toEqual(['learn', 'team', 'content'])
  })
  it('keeps every address unique and Account out of the groups (it is in the user menu)', () => {
    const all = navigationFor(admin).flatMap((g) => g.items.map((i) => i.to))
    expect(new Set(all).size).toBe(all.length)
    expect(all).not.toContain('/account')
    expect(all).toHaveLength(15)
  })
})
