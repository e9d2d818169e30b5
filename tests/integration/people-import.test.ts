import { describe, expect, it } from 'vitest'
import * as importPage from '~/routes/admin.people.import'
import * as template from '~/routes/admin.people.import_.template[.]csv'
import * as teamCsv from '~/routes/readiness.team[.]csv'
import { invitePerson, settleBackgroundMail } from '~/models/account.server'
import { syncContent } from '~/models/content.server'
import { applyPeopleImport, ImportFileError } from '~/models/people-import.server'
import { readContentFiles, readShippedFramework } from '~/utils/content-files.server'
import { db } from '~/utils/db.server'
import { cookieFor, createPerson, createTeam } from '../factories'
import { call, errorsOf, get, post, toastOf } from '../setup/remix'

const BASE = 'http://localhost:3000'

function upload(path: string, fields: Record<string, string | File>, cookie: string) {
  const body = new FormData()
  for (const [k, v] of Object.entries(fields)) body.append(k, v)
  return new Request(BASE + path, { method: 'POST', body, headers: { Origin: BASE, Cookie: cookie } })
}
const csvFile = (text: string | Uint8Array<ArrayBuffer>, name = 'people.csv') => new File([text], name, { type: 'text/csv' })

type Preview = {
  fileName: string
  preview: { rows: { row: number; email: string; problems: string[] }[]; ready: number; withProblems: number }
  confirm: { text: string; signature: string } | null
}

async function setup() {
  const admin = await createPerson({ role: 'admin' })
  const cookie = await cookieFor(admin.id)
  const suffix = Math.random().toString(36).slice(2, 8)
  const desk = await createTeam(`Front Desk ${suffix}`)
  const house = await createTeam(`Housekeeping ${suffix}`)
  return { admin, cookie, desk, house, suffix }
}

async function previewOf(text: string | Uint8Array<ArrayBuffer>, cookie: string) {
  const res = await call(importPage.action, upload('/admin/people/import', { intent: 'preview', file: csvFile(text) }, cookie))
  return res
}

describe('people import', () => {
  it('previews a file with nothing written, then confirms it: people, teams, invite links, audit, mails, toast', async () => {
    const { admin, cookie, desk, house, suffix } = await setup()
    const a = `ada.${suffix}@example.com`
    const b = `bo.${suffix}@example.com`
    const text = `\uFEFFName;Email;Role;Team;Start date\r\n"Okafor, Ada";${a.toUpperCase()};Trainer;${desk.name};2027-01-04\r\nBo;${b};;"${desk.name}; ${house.name}";\r\n`
    const res = await previewOf(text, cookie)
    expect(res.status).toBe(200)
    const body = res.body as Preview
    expect(body.preview).toMatchObject({ ready: 2, withProblems: 0 })
    expect(body.preview.rows.map((r) => r.email)).toEqual([a, b])
    expect(body.confirm?.signature).toMatch(/^\d+\./)
    expect(await db.user.count({ where: { email: { in: [a, b] } } })).toBe(0)

    // The browser sends the text back with CRLF line ends: it is the same file.
    const done = await call(
      importPage.action,
      upload(
        '/admin/people/import',
        { intent: 'apply', text: body.confirm!.text.replace(/\n/g, '\r\n'), signature: body.confirm!.signature, fileName: 'people.csv' },
        cookie,
      ),
    )
    expect(done.status).toBe(302)
    expect(done.headers.get('Location')).toBe('/admin/people?status=invited')
    expect((await toastOf(done)).toast?.description).toBe(
      'Invited 2 people. Their invite mails are on their way (in the outbox if no mail server is set up).',
    )
    const people = await db.user.findMany({
      where: { email: { in: [a, b] } },
      orderBy: { email: 'asc' },
      include: { memberships: true, tokens: true },
    })
    expect(people.map((p) => [p.email, p.name, p.role, p.status, p.memberships.map((m) => m.teamId).sort()])).toEqual([
      [a, 'Okafor, Ada', 'trainer', 'invited', [desk.id]],
      [b, 'Bo', 'learner', 'invited', [desk.id, house.id].sort()],
    ])
    expect(people[0]!.startDate?.toISOString()).toBe('2027-01-04T00:00:00.000Z')
    expect(people.every((p) => p.tokens.length === 1 && p.tokens[0]!.purpose === 'invite')).toBe(true)
    const summary = await db.auditEvent.findFirst({ where: { action: 'people.imported', actorId: admin.id } })
    expect(summary?.summary).toBe('Invited 2 people from a file (1 learner, 1 trainer)')
    expect(await db.auditEvent.count({ where: { action: 'person.invited', subject: { in: people.map((p) => `user:${p.id}`) } } })).toBe(2)
    await settleBackgroundMail()
    const mails = await db.outboxMail.findMany({ where: { to: { in: [a, b] } } })
    expect(mails).toHaveLength(2)
    expect(mails.every((m) => /http:\/\/localhost:3000\/invite\/[a-z2-7]+/.test(m.text))).toBe(true)
  })

  it('names each row’s problem, offers no confirm, and a bad row blocks the whole file', async () => {
    const { cookie, desk, suffix } = await setup()
    const here = await createPerson({ email: `here.${suffix}@example.com` })
    const good = `good.${suffix}@example.com`
    const text = [
      'Name,Email,Team',
      `Good,${good},${desk.name}`,
      `Bob,bob@,`,
      `Kim,kim.${suffix}@example.com,Kitchen`,
      `Dup,${good.toUpperCase()},`,
      `Here,${here.email},`,
    ].join('\n')
    const res = await previewOf(text, cookie)
    const body = res.body as Preview
    expect(body.confirm).toBeNull()
    expect(body.preview).toMatchObject({ ready: 1, withProblems: 4 })
    const problems = body.preview.rows.flatMap((r) => r.problems)
    expect(problems[0]).toBe('Row 3: ‘bob@’ is not an email address.')
    expect(problems[1]).toMatch(/^Row 4: no team called ‘Kitchen’ \(teams: .*Front Desk/)
    expect(problems.slice(2)).toEqual(['Row 5: the same email as row 2.', 'Row 6: already a person here (active).'])

    // Even applied directly (a crafted request), the file writes nothing.
    const before = await db.user.count()
    const error = await applyPeopleImport({ id: here.id, role: 'admin', ledTeamIds: [] }, text).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ImportFileError)
    expect((error as ImportFileError).message).toBe('Nothing was changed: 4 rows have a problem. Correct the file and upload it again.')
    expect(await db.user.count()).toBe(before)
    expect(await db.user.count({ where: { email: good } })).toBe(0)
  })

  it('refuses a confirm whose text or signature was changed, or that another admin signed', async () => {
    const { cookie, suffix } = await setup()
    const other = await cookieFor((await createPerson({ role: 'admin' })).id)
    const body = (await previewOf(`Email\nx.${suffix}@example.com\n`, cookie)).body as Preview
    const tampered = body.confirm!.text.replace('x.', 'y.')
    for (const [fields, who] of [
      [{ text: tampered, signature: body.confirm!.signature }, cookie],
      [{ text: body.confirm!.text, signature: `${Date.now()}.forged` }, cookie],
      [{ text: body.confirm!.text, signature: body.confirm!.signature }, other],
    ] as const) {
      const res = await call(importPage.action, upload('/admin/people/import', { intent: 'apply', ...fields }, who))
      expect(res.status).toBe(400)
      expect(errorsOf(res.body).form).toBe('This preview has expired or was changed on the way: upload the file again.')
    }
    expect(await db.user.count({ where: { email: { in: [`x.${suffix}@example.com`, `y.${suffix}@example.com`] } } })).toBe(0)
  })

  it('a person invited between preview and confirm: the confirm writes nothing and shows the file’s new problem', async () => {
    const { cookie, suffix } = await setup()
    const [first, second] = [`first.${suffix}@example.com`, `second.${suffix}@example.com`]
    const body = (await previewOf(`Email\n${first}\n${second}\n`, cookie)).body as Preview
    expect(body.confirm).not.toBeNull()
    await createPerson({ email: second, status: 'invited' })
    const res = await call(
      importPage.action,
      upload('/admin/people/import', { intent: 'apply', ...body.confirm!, fileName: 'late.csv' }, cookie),
    )
    expect(res.status).toBe(409)
    expect(errorsOf(res.body).form).toBe('Nothing was changed: 1 row has a problem. Correct the file and upload it again.')
    const again = res.body as Preview
    expect(again.fileName).toBe('late.csv')
    expect(again.confirm).toBeNull()
    expect(again.preview.rows[1]!.problems).toEqual([
      'Row 3: already a person here (invited, not yet accepted: send a new link from their page).',
    ])
    expect(await db.user.count({ where: { email: first } })).toBe(0)
  })

  it('two imports of the same file at once create each person once; the other is told nothing changed', async () => {
    const { admin, suffix } = await setup()
    const emails = Array.from({ length: 20 }, (_, i) => `race${i}.${suffix}@example.com`)
    const text = ['Email', ...emails].join('\n')
    const viewer = { id: admin.id, role: 'admin' as const, ledTeamIds: [] }
    const results = await Promise.allSettled([applyPeopleImport(viewer, text), applyPeopleImport(viewer, text)])
    const ok = results.filter((r) => r.status === 'fulfilled')
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    expect(ok).toHaveLength(1)
    expect(refused).toHaveLength(1)
    expect(refused[0]!.reason).toBeInstanceOf(ImportFileError)
    expect((refused[0]!.reason as Error).message).toMatch(
      /^(Nothing was changed: 20 rows have a problem|Someone with one of these email addresses was added while this ran)/,
    )
    expect(await db.user.count({ where: { email: { in: emails } } })).toBe(20)
    expect(await db.oneTimeToken.count({ where: { user: { email: { in: emails } } } })).toBe(20)
  })

  it('refuses an over-large file, a workbook, a file of another encoding, no file, and more than 2,000 rows, with a specific message', async () => {
    const { cookie } = await setup()
    const big = await previewOf(`Email\n${'a@example.com\n'.repeat(48_000)}`, cookie)
    expect(big.status).toBe(400)
    expect(errorsOf(big.body).file).toBe(
      'This file is 656 KB; a people file can be at most 512 KB (about 2,000 rows). Split it into smaller files.',
    )
    const rows = await previewOf(`Email\n${Array.from({ length: 2001 }, (_, i) => `p${i}@example.com`).join('\n')}`, cookie)
    expect(errorsOf(rows.body).file).toBe('This file has more than 2,000 rows of people: split it into files of at most 2,000 rows.')
    const xlsx = await previewOf(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), cookie)
    expect(errorsOf(xlsx.body).file).toMatch(/^This is a spreadsheet workbook, not a CSV file\./)
    const latin1 = await previewOf(new Uint8Array([0x45, 0x6d, 0x61, 0x69, 0x6c, 0x0a, 0xfc, 0x40, 0x78, 0x2e, 0x6f]), cookie)
    expect(errorsOf(latin1.body).file).toMatch(/^This file is not UTF-8 text/)
    const none = await call(importPage.action, upload('/admin/people/import', { intent: 'preview', file: new File([], '') }, cookie))
    expect(errorsOf(none.body).file).toBe('Choose a CSV file to upload.')
    const header = await previewOf('Name,Emial\nA,a@example.com', cookie)
    expect(errorsOf(header.body).file).toBe(
      'Row 1: ‘Emial’ is not a column read here; the columns are Name, Email, Role, Team, Start date.',
    )
  })

  it('refuses a formula in a name, so it never reaches a CSV export; a formula-like email is neutralised in the export', async () => {
    const { admin, cookie, desk, suffix } = await setup()
    const res = await previewOf(`Name,Email\n"=cmd|' /C calc'!A0",f.${suffix}@example.com\n`, cookie)
    const body = res.body as Preview
    expect(body.confirm).toBeNull()
    expect(body.preview.rows[0]!.problems).toEqual([
      "Row 2: the name ‘=cmd|' /C calc'!A0’ starts with “=”, which a spreadsheet would run as a formula. Remove it.",
    ])
    // An address may start with + or - (valid, though rare): it is imported, and the team export shows it as text.
    const email = `-2+3.${suffix}@example.com`
    await applyPeopleImport({ id: admin.id, role: 'admin', ledTeamIds: [] }, `Name,Email,Team\nMinus,${email},${desk.name}\n`)
    const csv = await call(teamCsv.loader, get(`/readiness/team.csv?teamId=${desk.id}`, cookie))
    expect(csv.body).toContain(`"'${email}"`)
  })

  it('is for admins only; the template lists the columns', async () => {
    const { cookie } = await setup()
    const leader = await cookieFor((await createPerson({ role: 'leader' })).id)
    expect((await call(importPage.loader, get('/admin/people/import', leader))).status).toBe(403)
    const res = await call(
      importPage.action,
      upload('/admin/people/import', { intent: 'preview', file: csvFile('Email\na@b.org') }, leader),
    )
    expect(res.status).toBe(403)
    expect((await call(template.loader, get('/admin/people/import/template.csv', leader))).status).toBe(403)
    const file = await call(template.loader, get('/admin/people/import/template.csv', cookie))
    expect(file.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(String(file.body).split('\r\n')[0]).toBe('Name,Email,Role,Team,Start date')
    // A crafted post: text where the file should be, and a confirm with a text past the limit.
    const notFile = await call(importPage.action, post('/admin/people/import', { intent: 'preview', file: 'Email\na@b.org' }, cookie))
    expect(notFile.status).toBe(400)
    expect(errorsOf(notFile.body).file).toBe('Choose a CSV file to upload.')
    const long = await call(
      importPage.action,
      upload('/admin/people/import', { intent: 'apply', text: 'x'.repeat(512 * 1024 + 1), signature: `${Date.now()}.x` }, cookie),
    )
    expect(long.status).toBe(400)
    expect(errorsOf(long.body).text).toBe('The previewed file is larger than a people file can be: upload it again.')
    // An unknown intent gets a plain 400.
    const odd = await call(importPage.action, post('/admin/people/import', { intent: 'delete-everyone' }, cookie))
    expect(odd.status).toBe(400)
  })
})

describe('a large file of learners, with the onboarding path', () => {
  it('gives each of 1,000 learners the path and the readiness rows one learner invited alone gets', async () => {
    await syncContent(readContentFiles(), readShippedFramework())
    const { admin, desk, suffix } = await setup()
    const { user: alone } = await invitePerson({
      email: `alone-${suffix}@example.com`,
      name: 'Alone',
      role: 'learner',
      teamIds: [],
      startDate: new Date('2026-12-07T00:00:00Z'),
      invitedById: admin.id,
    })
    // Inviting someone already invited again keeps their path.
    await invitePerson({ email: alone.email, name: 'Alone', role: 'learner', teamIds: [], invitedById: admin.id })
    const rows = Array.from({ length: 1000 }, (_, i) => `Learner ${i},bulk-${i}-${suffix}@example.com,learner,${desk.name},2026-12-07`)
    await applyPeopleImport({ id: admin.id, role: 'admin', ledTeamIds: [] }, `Name,Email,Role,Team,Start date\n${rows.join('\n')}\n`)

    const people = await db.user.findMany({ where: { email: { contains: `-${suffix}@example.com` } }, select: { id: true } })
    expect(people).toHaveLength(1001)
    const ids = people.map((p) => p.id)
    const [paths, pillarRows, pillars, summaries] = await Promise.all([
      db.pathAssignment.groupBy({ by: ['userId'], where: { userId: { in: ids.slice(0, 500) } }, _count: true }),
      db.pillarReadiness.count({ where: { userId: { in: ids.slice(0, 500) } } }),
      db.competency.findMany({ distinct: ['pillarId'], select: { pillarId: true } }),
      db.personReadiness.findMany({ where: { userId: { in: ids.slice(0, 500) } } }),
    ])
    expect(paths.every((p) => p._count === 1)).toBe(true)
    expect(paths).toHaveLength(500)
    expect(pillarRows).toBe(500 * pillars.length)
    const reference = await db.personReadiness.findUniqueOrThrow({ where: { userId: alone.id } })
    expect(reference.onboardingDueAt).not.toBeNull()
    expect(summaries).toHaveLength(500)
    for (const s of summaries) {
      expect({ ...s, userId: '', updatedAt: null }).toEqual({ ...reference, userId: '', updatedAt: null })
    }
    // The last of the file, past the first batches, too.
    const last = await db.user.findUniqueOrThrow({ where: { email: `bulk-999-${suffix}@example.com` }, include: { readiness: true } })
    expect(last.readiness?.onboardingDueAt).toEqual(reference.onboardingDueAt)
  })
})
