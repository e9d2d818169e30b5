import { describe, expect, it } from 'vitest'
import * as leaversPage from '~/routes/admin.people.leavers'
import { applyLeavers, LeaversFileError } from '~/models/people-import.server'
import { db } from '~/utils/db.server'
import { validateSessionToken, createSession } from '~/utils/session.server'
import { cookieFor, createPerson } from '../factories'
import { call, errorsOf, get, toastOf } from '../setup/remix'

const BASE = 'http://localhost:3000'

function upload(fields: Record<string, string | File>, cookie: string) {
  const body = new FormData()
  for (const [k, v] of Object.entries(fields)) body.append(k, v)
  return new Request(`${BASE}/admin/people/leavers`, { method: 'POST', body, headers: { Origin: BASE, Cookie: cookie } })
}

type Preview = {
  preview: { rows: { row: number; email: string; name: string; problems: string[] }[]; ready: number; withProblems: number }
  confirm: { text: string; signature: string } | null
}

describe('deactivating leavers from a file', () => {
  it('previews with nothing changed, then deactivates everyone named in one go: sessions and links end, audit counts', async () => {
    const admin = await createPerson({ role: 'admin' })
    const cookie = await cookieFor(admin.id)
    const ann = await createPerson({ name: 'Ann Leaver' })
    const invited = await createPerson({ status: 'invited' })
    await db.oneTimeToken.create({
      data: { purpose: 'invite', tokenHash: `h-${invited.id}`, userId: invited.id, expiresAt: new Date(Date.now() + 1e9) },
    })
    const { token } = await createSession(ann.id)
    expect(await validateSessionToken(token)).not.toBeNull()

    const text = `Name;Email;Team\r\nAnn;${ann.email.toUpperCase()};x\r\n;${invited.email};\r\n`
    const res = await call(leaversPage.action, upload({ intent: 'preview', file: new File([text], 'leavers.csv') }, cookie))
    const body = res.body as Preview
    expect(body.preview).toMatchObject({ ready: 2, withProblems: 0 })
    expect(body.preview.rows[0]).toMatchObject({ row: 2, email: ann.email, name: 'Ann Leaver', problems: [] })
    expect((await db.user.findUniqueOrThrow({ where: { id: ann.id } })).status).toBe('active')

    const done = await call(
      leaversPage.action,
      upload({ intent: 'apply', text: body.confirm!.text.replace(/\n/g, '\r\n'), signature: body.confirm!.signature }, cookie),
    )
    expect(done.status).toBe(302)
    expect(done.headers.get('Location')).toBe('/admin/people?status=deactivated')
    expect((await toastOf(done)).toast?.description).toBe(
      'Deactivated 2 people. They are signed out and cannot sign in; their records stay.',
    )
    const after = await db.user.findMany({ where: { id: { in: [ann.id, invited.id] } } })
    expect(after.map((p) => p.status)).toEqual(['deactivated', 'deactivated'])
    expect(after.every((p) => p.deactivatedAt)).toBe(true)
    expect(await validateSessionToken(token)).toBeNull()
    expect(await db.session.count({ where: { userId: ann.id } })).toBe(0)
    expect(await db.oneTimeToken.count({ where: { userId: invited.id, usedAt: null } })).toBe(0)
    expect((await db.auditEvent.findFirst({ where: { action: 'people.deactivated', actorId: admin.id } }))?.summary).toBe(
      'Deactivated 2 people from a leavers file',
    )
    expect(
      await db.auditEvent.count({ where: { action: 'person.deactivated', subject: { in: [`user:${ann.id}`, `user:${invited.id}`] } } }),
    ).toBe(2)
  })

  it('names unknown, already deactivated, yourself and duplicates; one bad row stops the whole file', async () => {
    const admin = await createPerson({ role: 'admin' })
    const cookie = await cookieFor(admin.id)
    const stays = await createPerson()
    const gone = await createPerson({ status: 'deactivated' })
    const text = ['Email', stays.email, 'nobody.here@example.com', gone.email, admin.email, stays.email].join('\n')
    const res = await call(leaversPage.action, upload({ intent: 'preview', file: new File([text], 'leavers.csv') }, cookie))
    const body = res.body as Preview
    expect(body.confirm).toBeNull()
    expect(body.preview.rows.flatMap((r) => r.problems)).toEqual([
      'Row 3: nobody here has the email ‘nobody.here@example.com’.',
      'Row 4: already deactivated.',
      'Row 5: that is you: you cannot deactivate your own account.',
      'Row 6: the same email as row 2.',
    ])
    const error = await applyLeavers({ id: admin.id, role: 'admin', ledTeamIds: [] }, text).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(LeaversFileError)
    expect((error as Error).message).toBe('Nothing was changed: 4 rows have a problem. Correct the file and upload it again.')
    expect((await db.user.findUniqueOrThrow({ where: { id: stays.id } })).status).toBe('active')
  })

  it('two admins deactivating the same leavers at once: one does it, the other is told and changes nothing', async () => {
    const admin = await createPerson({ role: 'admin' })
    const leavers = await Promise.all(Array.from({ length: 5 }, () => createPerson()))
    const text = ['Email', ...leavers.map((l) => l.email)].join('\n')
    const viewer = { id: admin.id, role: 'admin' as const, ledTeamIds: [] }
    const results = await Promise.allSettled([applyLeavers(viewer, text), applyLeavers(viewer, text)])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')
    expect(refused?.reason).toBeInstanceOf(LeaversFileError)
    expect(
      await db.auditEvent.count({ where: { action: 'person.deactivated', subject: { in: leavers.map((l) => `user:${l.id}`) } } }),
    ).toBe(5)
  })

  it('is for admins only, and refuses a tampered confirm', async () => {
    const leader = await cookieFor((await createPerson({ role: 'leader' })).id)
    expect((await call(leaversPage.loader, get('/admin/people/leavers', leader))).status).toBe(403)
    const victim = await createPerson()
    const forged = await call(
      leaversPage.action,
      upload({ intent: 'apply', text: `Email\n${victim.email}`, signature: `${Date.now()}.x` }, leader),
    )
    expect(forged.status).toBe(403)
    const admin = await cookieFor((await createPerson({ role: 'admin' })).id)
    const res = await call(
      leaversPage.action,
      upload({ intent: 'apply', text: `Email\n${victim.email}`, signature: `${Date.now()}.x` }, admin),
    )
    expect(res.status).toBe(400)
    expect(errorsOf(res.body).form).toBe('This preview has expired or was changed on the way: upload the file again.')
    expect((await db.user.findUniqueOrThrow({ where: { id: victim.id } })).status).toBe('active')
  })
})
