import { describe, expect, it } from 'vitest'
import {
  certificateStatus,
  competencyCertifies,
  daysLeft,
  describeValidity,
  endReasonAt,
  expiresAtFor,
  isEligible,
  missingCompetencies,
  moduleCompetencies,
  monthsToDays,
  pathCompetencies,
  reminderDue,
  validityOf,
  type EstimateLevel,
} from './certificates'

const DAY = 86_400_000
const now = new Date('2026-12-05T12:00:00Z')
const at = (days: number) => new Date(now.getTime() + days * DAY)
const ready: EstimateLevel = { level: 'ready', count: 8, toDecide: null }
const valid = (expiresInDays: number, sent: { reminded30At?: Date; reminded7At?: Date } = {}) => ({
  expiresAt: at(expiresInDays),
  endedAt: null,
  endReason: null,
  reminded30At: sent.reminded30At ?? null,
  reminded7At: sent.reminded7At ?? null,
})

describe('which competencies a certificate certifies', () => {
  it('a module: its published lessons’ and its quiz scenarios’ competencies, each once', () => {
    expect(
      moduleCompetencies({
        lessons: [['mission', 'values'], ['values']],
        quizScenarios: [['listening', 'mission'], []],
      }),
    ).toEqual(['mission', 'values', 'listening'])
    expect(moduleCompetencies({ lessons: [], quizScenarios: [] })).toEqual([])
  })

  it('a path: the union over its modules', () => {
    expect(pathCompetencies([['a', 'b'], ['b', 'c'], []])).toEqual(['a', 'b', 'c'])
  })
})

describe('eligibility', () => {
  it('needs every competency ready or role model', () => {
    const estimates = new Map<string, EstimateLevel>([
      ['a', ready],
      ['b', { level: 'role-model', count: 14, toDecide: null }],
    ])
    expect(isEligible(['a', 'b'], estimates)).toBe(true)
    expect(isEligible(['a', 'b', 'c'], estimates)).toBe(false)
    expect(missingCompetencies(['a', 'c', 'b'], estimates)).toEqual(['c'])
  })

  it('developing, not started or no estimate at all is not ready', () => {
    expect(competencyCertifies(undefined)).toBe(false)
    expect(competencyCertifies({ level: 'developing', count: 30, toDecide: null })).toBe(false)
    expect(competencyCertifies({ level: 'not-started', count: 0, toDecide: null })).toBe(false)
  })

  it('a ready level on fewer than six answers, or one the evidence cannot yet decide, does not certify (decision 018)', () => {
    expect(competencyCertifies({ level: 'ready', count: 5, toDecide: null })).toBe(false)
    expect(competencyCertifies({ level: 'ready', count: 6, toDecide: null })).toBe(true)
    expect(competencyCertifies({ level: 'ready', count: 9, toDecide: 2 })).toBe(false)
  })

  it('a rule with no competencies certifies nothing', () => {
    expect(isEligible([], new Map())).toBe(false)
  })
})

describe('status', () => {
  const c = (days: number) => ({ expiresAt: at(days), endedAt: null, endReason: null })
  it('valid until 30 days are left, expiring at exactly 30, expired at exactly the expiry', () => {
    expect(certificateStatus(c(30 + 1 / 86_400), now)).toBe('valid')
    expect(certificateStatus(c(30), now)).toBe('expiring')
    expect(certificateStatus(c(7), now)).toBe('expiring')
    expect(certificateStatus(c(1 / 86_400), now)).toBe('expiring')
    expect(certificateStatus(c(0), now)).toBe('expired')
    expect(certificateStatus(c(-3), now)).toBe('expired')
  })

  it('an ended certificate says why it ended', () => {
    expect(certificateStatus({ expiresAt: at(200), endedAt: now, endReason: 'readiness-dropped' }, now)).toBe('lapsed')
    expect(certificateStatus({ expiresAt: at(0), endedAt: now, endReason: 'expired' }, now)).toBe('expired')
  })

  it('expires validDays after it is granted; days left round up', () => {
    expect(expiresAtFor(now, 365).toISOString()).toBe('2027-12-05T12:00:00.000Z')
    expect(daysLeft(at(6.5), now)).toBe(7)
    expect(daysLeft(at(-1), now)).toBe(0)
  })

  it('validity reads in months when it is whole months', () => {
    expect(monthsToDays(12)).toBe(365)
    expect(validityOf(365)).toEqual({ amount: 12, unit: 'months' })
    expect(validityOf(90)).toEqual({ amount: 90, unit: 'days' })
    expect(describeValidity(monthsToDays(1))).toBe('1 month')
    expect(describeValidity(45)).toBe('45 days')
  })
})

describe('ending', () => {
  const cert = { expiresAt: at(100), competencyIds: ['a', 'b'] }
  const estimates = new Map<string, EstimateLevel>([
    ['a', ready],
    ['b', ready],
  ])
  it('stands while every competency is ready and it has not expired', () => {
    expect(endReasonAt(cert, estimates, now)).toBeNull()
  })
  it('ends when one competency decays below ready', () => {
    expect(endReasonAt(cert, new Map([...estimates, ['b', { level: 'developing', count: 8, toDecide: null }]]), now)).toBe(
      'readiness-dropped',
    )
    expect(endReasonAt(cert, new Map([['a', ready]]), now)).toBe('readiness-dropped')
  })
  it('ends on its expiry, whichever comes first', () => {
    expect(endReasonAt({ ...cert, expiresAt: now }, estimates, now)).toBe('expired')
    expect(endReasonAt({ ...cert, expiresAt: now }, new Map(), now)).toBe('expired')
  })
})

describe('reminders', () => {
  it('none while more than 30 days are left', () => {
    expect(reminderDue(valid(30.01), now)).toBeNull()
  })
  it('the 30-day one at exactly 30 days, once', () => {
    expect(reminderDue(valid(30), now)).toBe(30)
    expect(reminderDue(valid(29, { reminded30At: at(-1) }), now)).toBeNull()
  })
  it('the 7-day one at exactly 7 days, once, whether or not the 30-day one went', () => {
    expect(reminderDue(valid(7.01, { reminded30At: at(-20) }), now)).toBeNull()
    expect(reminderDue(valid(7, { reminded30At: at(-20) }), now)).toBe(7)
    expect(reminderDue(valid(3), now)).toBe(7)
    expect(reminderDue(valid(3, { reminded30At: at(-20), reminded7At: at(-1) }), now)).toBeNull()
  })
  it('nothing once it has expired or ended', () => {
    expect(reminderDue(valid(0), now)).toBeNull()
    expect(reminderDue({ ...valid(5), endedAt: now, endReason: 'readiness-dropped' }, now)).toBeNull()
  })
})
