export const ROLES = ['learner', 'trainer', 'leader', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  learner: 'Learner',
  trainer: 'Trainer',
  leader: 'Leader',
  admin: 'Admin',
}

/** Roles that may be set as a team's leader. */
export const LEADER_ROLES: readonly Role[] = ['leader', 'trainer', 'admin']

/** Who is asking: their id, role, and the teams they lead (computed on the server, never from input). */
export type Viewer = { id: string; role: Role; ledTeamIds: readonly string[] }

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value)
}

/** Whether the viewer may see one person's records, given the teams that person belongs to. */
export function canSeePerson(viewer: Viewer, person: { id: string; teamIds: readonly string[] }): boolean {
  if (viewer.role === 'admin' || viewer.id === person.id) return true
  return person.teamIds.some((t) => viewer.ledTeamIds.includes(t))
}

/** Whether the viewer sees a team dashboard (they lead a team, or administer everything). */
export function canSeeTeams(viewer: Viewer): boolean {
  return viewer.role === 'admin' || viewer.ledTeamIds.length > 0
}

/** Whether the viewer writes lessons and scenarios and sees item statistics. */
export function canManageContent(viewer: Viewer): boolean {
  return viewer.role === 'trainer' || viewer.role === 'admin'
}

export function canAdminister(viewer: Viewer): boolean {
  return viewer.role === 'admin'
}

/**
 * The team ids whose people the viewer may list: every team for an admin, the led teams otherwise.
 * `null` means "no restriction".
 */
export function visibleTeamIds(viewer: Viewer): readonly string[] | null {
  return viewer.role === 'admin' ? null : viewer.ledTeamIds
}

export type NavItem = { to: string; label: string }
export type NavGroup = { id: 'learn' | 'team' | 'content' | 'admin'; label: string; items: NavItem[] }

/**
 * The navigation a viewer sees, in groups: only what their role can do. Account is not here: it sits
 * in the user menu beside Sign out.
 */
export function navigationFor(viewer: Viewer): NavGroup[] {
  const groups: NavGroup[] = [
    {
      id: 'learn',
      label: 'Learn',
      items: [
        { to: '/', label: 'Home' },
        { to: '/learn', label: 'My onboarding' },
        { to: '/quizzes', label: 'Quizzes' },
        { to: '/readiness', label: 'My readiness' },
        { to: '/certificates', label: 'Certificates' },
      ],
    },
  ]
  if (canSeeTeams(viewer))
    groups.push({
      id: 'team',
      label: 'Team',
      items: [
        { to: '/readiness/team', label: 'Team readiness' },
        { to: '/team', label: viewer.role === 'admin' ? 'Everyone' : 'My teams' },
      ],
    })
  if (canManageContent(viewer)) groups.push({ id: 'content', label: 'Content', items: [{ to: '/content', label: 'Content' }] })
  if (canAdminister(viewer))
    groups.push({
      id: 'admin',
      label: 'Admin',
      items: [
        { to: '/admin/people', label: 'People' },
        { to: '/admin/teams', label: 'Teams' },
        { to: '/admin/settings', label: 'Organisation' },
        { to: '/admin/readiness', label: 'Readiness settings' },
        { to: '/admin/outbox', label: 'Outbox' },
        { to: '/admin/jobs', label: 'Scheduled jobs' },
        { to: '/admin/audit', label: 'Audit log' },
      ],
    })
  return groups
}
