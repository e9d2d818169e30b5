/** The actions the audit log records, with their labels. */
export const AUDIT_ACTIONS = {
  'lesson.published': 'Lesson published',
  'scenario.published': 'Scenario published',
  'scenario.panel_scored': 'Scenario options scored for the panel',
  'scenario.panel_override': 'Scenario published despite panel disagreement',
  'answer.graded': 'Answer graded',
  'person.invited': 'Person invited',
  'person.updated': 'Role or teams changed',
  'person.deactivated': 'Person deactivated',
  'person.reactivated': 'Person reactivated',
  'person.erased': 'Person erased',
  'people.imported': 'People invited from a file',
  'people.deactivated': 'Leavers deactivated from a file',
  'team.created': 'Team created',
  'team.updated': 'Team changed',
  'framework.saved': 'Framework changed',
  'readiness.settings': 'Readiness settings changed',
  'organisation.time_zone': 'Time zone changed',
  'sessions.ended': 'Signed out everywhere',
  'job.run': 'Scheduled job run by hand',
  'certificate.rule': 'Certificate settings changed',
} as const
export type AuditAction = keyof typeof AUDIT_ACTIONS
