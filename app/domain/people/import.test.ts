import { describe, expect, it } from 'vitest'
import { previewImport, type ImportContext } from './import'
import { previewLeavers, type LeaverContext } from './leavers'
import { decodePeopleFile, matchColumns, MAX_PEOPLE_FILE_BYTES } from './people-file'

const ctx: ImportContext = {
  teams: [
    { id: 't1', name: 'Front Desk' },
    { id: 't2', name: 'Housekeeping' },
  ],
  existing: new Map([
    ['amara@example.com', { status: 'active' }],
    ['ivan@example.com', { status: 'invited' }],
  ]),
  today: '2026-12-05',
}

const preview = (text: string) => {
  const result = previewImport(text, ctx)
  if (!result.ok) throw new Error(result.problem)
  return result
}
const problemsOf = (text: string) => preview(text).rows.flatMap((r) => r.problems)

describe('people import: columns', () => {
  it('matches headers whatever their case, spacing or spelling', () => {
    const m = matchColumns(['E-mail', ' full name ', 'ROLE', 'Teams', 'start_date'], { required: ['email'] })
    expect(m).toEqual({ ok: true, columns: { email: 0, name: 1, role: 2, team: 3, startDate: 4 } })
  })

  it('names an unknown column, a repeated one and a missing Email column', () => {
    expect(previewImport('Name,Emial\nA,a@x.org', ctx)).toEqual({
      ok: false,
      problem: 'Row 1: ‘Emial’ is not a column read here; the columns are Name, Email, Role, Team, Start date.',
    })
    expect(previewImport('Email,email\na@x.org,b@x.org', ctx)).toEqual({ ok: false, problem: 'Row 1: the Email column appears twice.' })
    expect(previewImport('Name\nAda', ctx)).toMatchObject({ ok: false, problem: expect.stringMatching(/^Row 1 has no Email column/) })
    expect(previewImport('Email\n', ctx)).toEqual({ ok: false, problem: 'The file has a header row but no people under it.' })
  })
})

describe('people import: rows', () => {
  it('reads a good file: names, lower-cased emails, roles by label, teams by name, start dates, defaults', () => {
    const result = preview(
      'Name,Email,Role,Team,Start date\r\n' +
        '"Okafor, Bea",Bea@Example.com,Trainer,front desk,2027-01-04\r\n' +
        'Cy,cy@example.com,,,\r\n' +
        'Di,di@example.com,admin,Front Desk; Housekeeping,\r\n',
    )
    expect(result).toMatchObject({ ok: true, ready: 3, withProblems: 0, problems: 0 })
    expect(result.rows[0]!.given).toEqual({ role: 'Trainer', teams: 'front desk', startDate: '2027-01-04' })
    expect(result.rows).toMatchObject([
      {
        row: 2,
        name: 'Okafor, Bea',
        email: 'bea@example.com',
        role: 'trainer',
        teams: [ctx.teams[0]],
        startDate: '2027-01-04',
        problems: [],
      },
      {
        row: 3,
        name: 'Cy',
        email: 'cy@example.com',
        role: 'learner',
        teams: [],
        startDate: '2026-12-05',
        given: expect.any(Object),
        problems: [],
      },
      {
        row: 4,
        name: 'Di',
        email: 'di@example.com',
        role: 'admin',
        teams: [...ctx.teams],
        startDate: '2026-12-05',
        given: expect.any(Object),
        problems: [],
      },
    ])
  })

  it('reads a semicolon file from European Excel with a BOM', () => {
    const result = preview('\uFEFFName;Email;Team\r\nMüller, Jo;jo@example.com;Housekeeping\r\n')
    expect(result.delimiter).toBe(';')
    expect(result.rows[0]).toMatchObject({ name: 'Müller, Jo', email: 'jo@example.com', teams: [ctx.teams[1]] })
  })

  it('names each row’s problem: bad email, unknown team, unknown role, bad dates, missing email', () => {
    expect(
      problemsOf(
        [
          'Name,Email,Role,Team,Start date',
          'Bob,bob@,,,',
          'Kim,kim@example.com,,Kitchen,',
          'Lu,lu@example.com,manager,,',
          'Mo,mo@example.com,,,05/12/2026',
          'Ng,ng@example.com,,,2026-02-30',
          'Oz,,,,',
        ].join('\n'),
      ),
    ).toEqual([
      'Row 2: ‘bob@’ is not an email address.',
      'Row 3: no team called ‘Kitchen’ (teams: Front Desk, Housekeeping).',
      'Row 4: ‘manager’ is not a role (roles: Learner, Trainer, Leader, Admin).',
      'Row 5: ‘05/12/2026’ is not a date in the form yyyy-mm-dd (for example 2026-12-05).',
      'Row 6: ‘2026-02-30’ is not a day on the calendar.',
      'Row 7: no email address.',
    ])
  })

  it('names duplicates inside the file (any case) and people already here', () => {
    expect(problemsOf('Email\nx@example.com\namara@example.com\nIVAN@example.com\nX@Example.com\n')).toEqual([
      'Row 3: already a person here (active).',
      'Row 4: already a person here (invited, not yet accepted: send a new link from their page).',
      'Row 5: the same email as row 2.',
    ])
  })

  it('refuses a name a spreadsheet would run as a formula, a name with a line break, and an over-long name', () => {
    const problems = problemsOf(
      `Name,Email\n"=cmd|' /C calc'!A0",a@example.com\n"@SUM(A1)",b@example.com\n"Two\nlines",c@example.com\n${'N'.repeat(101)},d@example.com`,
    )
    expect(problems).toEqual([
      "Row 2: the name ‘=cmd|' /C calc'!A0’ starts with “=”, which a spreadsheet would run as a formula. Remove it.",
      'Row 3: the name ‘@SUM(A1)’ starts with “@”, which a spreadsheet would run as a formula. Remove it.',
      'Row 4: the name ‘Two lines’ has a line break or another control character in it.',
      'Row 5: the name is longer than 100 characters.',
    ])
  })

  it('names extra values past the header (a comma in an unquoted name)', () => {
    expect(problemsOf('Name,Email\nOkafor, Bea,bea@example.com')).toEqual([
      'Row 2: it has more values than the header has columns (‘bea@example.com’): put a value that holds a comma or semicolon in quotes.',
      'Row 2: ‘Bea’ is not an email address.',
    ])
  })

  it('cuts a long value short when quoting it in a message', () => {
    const [problem] = problemsOf(`Email,Team\na@example.com,${'K'.repeat(300)}`)
    expect(problem).toBe(`Row 2: no team called ‘${'K'.repeat(40)}…’ (teams: Front Desk, Housekeeping).`)
  })

  it('counts rows ready and rows with problems', () => {
    expect(preview('Email\na@example.com\nbad\nb@example.com\n')).toMatchObject({ ready: 2, withProblems: 1, problems: 1 })
  })
})

describe('people file bytes', () => {
  const bytes = (text: string) => new TextEncoder().encode(text)
  it('reads UTF-8, and names a workbook, UTF-16, another encoding and an over-large file', () => {
    expect(decodePeopleFile(bytes('Email\nä@example.com'))).toEqual({ ok: true, text: 'Email\nä@example.com' })
    expect(decodePeopleFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^This is a spreadsheet workbook, not a CSV file\. In Excel choose/),
    })
    expect(decodePeopleFile(new Uint8Array([0xff, 0xfe, 0x45, 0]))).toMatchObject({ problem: expect.stringMatching(/UTF-16/) })
    expect(decodePeopleFile(new Uint8Array([0x4d, 0xfc, 0x6c]))).toMatchObject({
      problem: expect.stringMatching(/^This file is not UTF-8 text/),
    })
    expect(decodePeopleFile(new Uint8Array(MAX_PEOPLE_FILE_BYTES + 1))).toEqual({
      ok: false,
      problem: 'This file is over 512 KB; a people file can be at most 512 KB (about 2,000 rows). Split it into smaller files.',
    })
    expect(decodePeopleFile(new Uint8Array(60 * 1024 * 1024))).toMatchObject({
      problem: expect.stringMatching(/^This file is 60 MB; a people file can be at most 512 KB/),
    })
    expect(decodePeopleFile(new Uint8Array(0))).toEqual({ ok: false, problem: 'The file is empty.' })
  })
})

describe('leavers file', () => {
  const people: LeaverContext['people'] = new Map([
    ['me@example.com', { id: 'me', name: 'Me', role: 'admin', status: 'active' }],
    ['ann@example.com', { id: 'ann', name: 'Ann', role: 'learner', status: 'active' }],
    ['old@example.com', { id: 'old', name: 'Old', role: 'learner', status: 'deactivated' }],
    ['boss@example.com', { id: 'boss', name: 'Boss', role: 'admin', status: 'active' }],
  ])
  const leavers = (text: string, activeAdminIds = ['me', 'boss']) => {
    const result = previewLeavers(text, { people, viewerId: 'me', activeAdminIds })
    if (!result.ok) throw new Error(result.problem)
    return result
  }

  it('reads emails (other columns ignored, so the import file can be reused) and names every problem', () => {
    const result = leavers(
      'Name,Email,Notes\nAnn,ANN@example.com,x\n,nobody@example.com,\n,old@example.com,\n,me@example.com,\n,ann@example.com,\n,not-an-email,\n',
    )
    expect(result.rows[0]).toEqual({ row: 2, email: 'ann@example.com', personId: 'ann', name: 'Ann', problems: [] })
    expect(result.rows.flatMap((r) => r.problems)).toEqual([
      'Row 3: nobody here has the email ‘nobody@example.com’.',
      'Row 4: already deactivated.',
      'Row 5: that is you: you cannot deactivate your own account.',
      'Row 6: the same email as row 2.',
      'Row 7: ‘not-an-email’ is not an email address.',
    ])
    expect(result).toMatchObject({ ready: 1, withProblems: 5 })
  })

  it('never lets the last active admin go', () => {
    expect(leavers('Email\nboss@example.com').rows[0]!.problems).toEqual([])
    expect(leavers('Email\nboss@example.com', ['boss']).rows[0]!.problems).toEqual([
      'Row 2: an admin, and with every active admin in this file nobody could run the app: keep at least one.',
    ])
  })
})
