// Every action, sent malformed and hostile payloads by a signed-in admin (the widest access):
// missing fields, wrong types, huge strings, arrays where one value is expected, unknown intents,
// other people's ids. Each must answer with a 4xx or a redirect, never a 500, and change nothing
// that matters (people, teams, content versions, answers, evidence, the audit log).
import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { syncContent } from '~/models/content.server'
import { readContentFiles, readShippedFramework } from '~/utils/content-files.server'
import { db } from '~/utils/db.server'
import { cookieFor, createPerson, createTeam } from '../factories'
import { call, post } from '../setup/remix'

const routesDir = path.resolve(import.meta.dirname, '..', '..', 'app', 'routes')
const FIELDS = [
  'intent',
  'name',
  'email',
  'role',
  'teamIds',
  'leaderIds',
  'teamId',
  'title',
  'summary',
  'slug',
  'type',
  'definition',
  'revision',
  'position',
  'option',
  'order',
  'node',
  'text',
  'key',
  'comment',
  'confirm',
  'competencyId',
  'rating',
  'note',
  'observedAt',
  'source',
  'halfLifeDays',
  'readyLowerBound',
  'roleModelLowerBound',
  'mission',
  'password',
  'newPassword',
  'currentPassword',
  'startDate',
  'path',
  'module',
  'moduleId',
  'dueDays',
  'version',
  'body',
  'minutes',
  'competencies',
  'sources',
  'status',
  'seconds',
  'userId',
  'lessonId',
  'direction',
  'from',
  'to',
]
const HOSTILE: (string | string[])[] = [
  '',
  ' ',
  '-1',
  'NaN',
  '1e309',
  '0x10',
  'null',
  '{"a":',
  '[]',
  '<script>alert(1)</script>',
  '\u0000',
  'x'.repeat(20_000),
  Array.from({ length: 300 }, () => 'a'),
]

function random(seed: number) {
  return () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0
    return seed / 2 ** 32
  }
}

async function counts() {
  const [
    users,
    teams,
    memberships,
    leaders,
    lessonVersions,
    scenarioVersions,
    attempts,
    answered,
    evidence,
    auditEvents,
    observations,
    paths,
    modules,
  ] = await Promise.all([
    db.user.count(),
    db.team.count(),
    db.membership.count(),
    db.teamLeader.count(),
    db.lessonVersion.count(),
    db.scenarioVersion.count(),
    db.quizAttempt.count(),
    db.attemptItem.count({ where: { answeredAt: { not: null } } }),
    db.evidence.count(),
    db.auditEvent.count(),
    db.observation.count(),
    db.learningPath.count(),
    db.module.count(),
  ])
  return {
    users,
    teams,
    memberships,
    leaders,
    lessonVersions,
    scenarioVersions,
    attempts,
    answered,
    evidence,
    auditEvents,
    observations,
    paths,
    modules,
  }
}

beforeAll(async () => {
  await syncContent(readContentFiles(), readShippedFramework())
})

describe('every action under hostile input', () => {
  it('answers 4xx or a redirect, never a 500, and changes nothing', async () => {
    const admin = await createPerson({ role: 'admin' })
    const other = await createPerson()
    const team = await createTeam()
    // Real ids (someone else's, a lesson, a scenario) and made-up ones. Quiz slugs are left out: starting
    // a quiz takes no input, so any POST to it rightly starts one (tested in quizzes.test.ts).
    const ids = [other.id, admin.id, team.id, 'valerie', 'the-broken-kettle', "' OR 1=1 --", '../../etc/passwd', 'x'.repeat(300)]
    const files = fs.readdirSync(routesDir).filter((f) => /\.(tsx|ts)$/.test(f))
    const next = random(20261123)
    const before = await counts()
    let requests = 0
    let refused = 0
    // Signing out is the one action that should succeed whatever it is sent.
    for (const file of files.filter((f) => f !== 'logout.ts')) {
      const cookie = await cookieFor(admin.id)
      const mod = (await import(/* @vite-ignore */ path.join(routesDir, file))) as { action?: (args: unknown) => unknown }
      if (!mod.action) continue
      const paramNames = [...file.matchAll(/\$([a-zA-Z]+)/g)].map((m) => m[1]!)
      for (let i = 0; i < 40; i++) {
        const params = Object.fromEntries(paramNames.map((p) => [p, ids[Math.floor(next() * ids.length)]!]))
        const form: Record<string, string | string[]> = {}
        for (const field of FIELDS) if (next() < 0.5) form[field] = HOSTILE[Math.floor(next() * HOSTILE.length)]!
        if (i % 4 === 0)
          form.intent = [
            'save',
            'publish',
            'preview',
            'update',
            'erase',
            'deactivate',
            'answer',
            'submit',
            'check',
            'reflect',
            'create',
            'framework',
            'settings',
          ][Math.floor(next() * 13)]!
        const res = await call(mod.action as never, post(`/${file}`, form, cookie), params)
        requests++
        if (res.status >= 400) refused++
        const what = `${file} ${JSON.stringify(params).slice(0, 120)} ${JSON.stringify(form).slice(0, 300)}`
        expect(res.status, what).toBeLessThan(500)
        // Previews only read (they compile what they are sent): they may answer 200 with problems.
        if (!file.endsWith('preview.ts') && form.intent !== 'preview') expect(res.status, what).toBeGreaterThanOrEqual(300)
      }
    }
    expect(requests).toBeGreaterThan(400)
    // Most are refused outright with a 4xx and a message (the rest are redirects, e.g. to a page that does not exist).
    expect(refused / requests).toBeGreaterThan(0.8)
    expect(await counts()).toEqual(before)
  })
})
