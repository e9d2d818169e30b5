import { beforeEach, describe, expect, it } from 'vitest'
import type { Viewer } from '~/domain/permissions/permissions'
import { applyLeavers, LeaversFileError } from '~/models/people-import.server'
import { deactivatePerson, updatePerson } from '~/models/user.server'
import { db } from '~/utils/db.server'
import { createPerson } from '../factories'

// Two admins removing each other at the same instant: each change checks that another active admin
// remains, so without a lock held until commit both checks pass (each still sees the other active)
// and nobody can run the app any more. Exactly one of the two must win, on SQLite and PostgreSQL.

const LAST_ADMIN = 'This is the last active admin; make someone else an admin first.'

async function twoAdmins() {
  const a = await createPerson({ role: 'admin' })
  const b = await createPerson({ role: 'admin' })
  // Only these two are active admins in this file's database.
  await db.user.updateMany({ where: { role: 'admin', id: { notIn: [a.id, b.id] } }, data: { status: 'deactivated' } })
  const viewer = (id: string): Viewer => ({ id, role: 'admin', ledTeamIds: [] })
  return { a, b, asA: viewer(a.id), asB: viewer(b.id) }
}

const activeAdmins = () => db.user.count({ where: { role: 'admin', status: 'active' } })

function oneWinsOneRefused(results: PromiseSettledResult<unknown>[]) {
  expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
  const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
  expect(refused).toHaveLength(1)
  return refused[0]!.reason as Error
}

/** Why the loser was refused: the last-admin rule, said by the single change or by the file's row. */
function lastAdminReason(error: Error) {
  if (error instanceof LeaversFileError && error.preview?.ok) return error.preview.rows.flatMap((r) => r.problems).join(' ')
  return error.message
}

describe('the last active admin, under racing changes', () => {
  beforeEach(async () => {
    await db.user.updateMany({ where: { role: 'admin' }, data: { status: 'deactivated' } })
  })

  it('two admins deactivating each other at once: one is deactivated, the other stays', async () => {
    for (let round = 0; round < 5; round++) {
      const { a, b, asA, asB } = await twoAdmins()
      const results = await Promise.allSettled([deactivatePerson(asA, b.id), deactivatePerson(asB, a.id)])
      expect(oneWinsOneRefused(results).message).toBe(LAST_ADMIN)
      expect(await activeAdmins()).toBe(1)
    }
  })

  it('two admins demoting each other at once: one keeps the admin role', async () => {
    for (let round = 0; round < 5; round++) {
      const { a, b, asA, asB } = await twoAdmins()
      const results = await Promise.allSettled([
        updatePerson(asA, b.id, { role: 'learner', teamIds: [], name: b.name }),
        updatePerson(asB, a.id, { role: 'learner', teamIds: [], name: a.name }),
      ])
      expect(oneWinsOneRefused(results).message).toBe(LAST_ADMIN)
      expect(await activeAdmins()).toBe(1)
      expect(await db.user.count({ where: { id: { in: [a.id, b.id] }, role: 'admin' } })).toBe(1)
    }
  })

  it('a leavers file naming one admin while that admin deactivates the other: one admin remains', async () => {
    for (let round = 0; round < 5; round++) {
      const { a, b, asA, asB } = await twoAdmins()
      const results = await Promise.allSettled([applyLeavers(asA, `email\n${b.email}\n`), deactivatePerson(asB, a.id)])
      // The file loses with its row's reason ("… nobody could run the app"), the single change with LAST_ADMIN.
      expect(lastAdminReason(oneWinsOneRefused(results))).toMatch(/^This is the last active admin|nobody could run the app/)
      expect(await activeAdmins()).toBe(1)
    }
  })

  it('still deactivates and demotes an admin while another admin remains', async () => {
    const { a, b, asA } = await twoAdmins()
    const c = await createPerson({ role: 'admin' })
    await deactivatePerson(asA, b.id)
    await updatePerson(asA, c.id, { role: 'trainer', teamIds: [], name: c.name })
    expect(await activeAdmins()).toBe(1)
    expect((await db.user.findUniqueOrThrow({ where: { id: a.id } })).status).toBe('active')
    await expect(deactivatePerson(asA, a.id)).rejects.toThrow('You cannot deactivate your own account.')
  })
})
