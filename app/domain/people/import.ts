// The rules of a people import: each row of the file checked against the organisation (its teams,
// the people already here) and against the other rows, every problem named with its row number.
import { parseDayKey, type DayKey } from '~/domain/calendar/dates'
import { EmailSchema } from '~/domain/auth/schemas'
import { ROLE_LABELS, ROLES, type Role } from '~/domain/permissions/permissions'
import { cellOf, extraValuesProblem, matchColumns, normalisedEmail, parsePeopleCsv, shown, type CsvTable } from './people-file'

export const NAME_MAX_CHARS = 100
/** Teams listed in a message before "and N more". */
const TEAMS_LISTED = 12

export type ImportContext = {
  teams: readonly { id: string; name: string }[]
  /** People already here, by email address in lower case. */
  existing: ReadonlyMap<string, { status: string }>
  /** The organisation's today: the start date of a row that gives none. */
  today: DayKey
}

/** One row of the file as it will be imported, or its problems. Problems are full sentences starting "Row N:". */
export type ImportRow = {
  row: number
  name: string
  email: string
  role: Role
  teams: { id: string; name: string }[]
  startDate: DayKey
  /** What the file says for role, teams and start date (shown beside a row's problems). */
  given: { role: string; teams: string; startDate: string }
  problems: string[]
}

export type ImportPreview =
  { ok: false; problem: string } | { ok: true; rows: ImportRow[]; ready: number; withProblems: number; problems: number; delimiter: string }

const FORMULA_START = /^[=+\-@]/

const hasControlCharacter = (text: string) => [...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)

function roleOf(value: string): Role | null {
  const key = value.trim().toLowerCase()
  return ROLES.find((r) => r === key || ROLE_LABELS[r].toLowerCase() === key) ?? null
}

function teamList(teams: readonly { name: string }[]) {
  if (teams.length === 0) return 'there are no teams yet'
  const names = teams.slice(0, TEAMS_LISTED).map((t) => t.name)
  return `teams: ${names.join(', ')}${teams.length > TEAMS_LISTED ? ` and ${teams.length - TEAMS_LISTED} more` : ''}`
}

function existingProblem(status: string) {
  if (status === 'invited') return 'already a person here (invited, not yet accepted: send a new link from their page).'
  if (status === 'deactivated') return 'already a person here (deactivated: reactivate them from their page).'
  return `already a person here (${status}).`
}

/** Checks a parsed people file: every row's values, duplicates inside the file, and people already here. */
export function checkImport(table: CsvTable, ctx: ImportContext): ImportPreview {
  const matched = matchColumns(table.header, { required: ['email'] })
  if (!matched.ok) return matched
  const { columns } = matched
  if (table.rows.length === 0) return { ok: false, problem: 'The file has a header row but no people under it.' }
  const teamsByName = new Map(ctx.teams.map((t) => [t.name.trim().toLowerCase(), t]))
  const firstRowOf = new Map<string, number>()
  const rows = table.rows.map(({ row, cells }): ImportRow => {
    const problems: string[] = []
    const say = (text: string) => problems.push(`Row ${row}: ${text}`)
    const extra = extraValuesProblem(cells, table.header)
    if (extra) say(`it ${extra}`)

    const rawEmail = cellOf(cells, columns.email)
    const email = normalisedEmail(rawEmail)
    if (!rawEmail) say('no email address.')
    else if (!EmailSchema.safeParse(rawEmail).success) say(`${shown(rawEmail)} is not an email address.`)
    else {
      const first = firstRowOf.get(email)
      if (first !== undefined) say(`the same email as row ${first}.`)
      else firstRowOf.set(email, row)
      const here = ctx.existing.get(email)
      if (here) say(existingProblem(here.status))
    }

    const name = cellOf(cells, columns.name)
    if (name.length > NAME_MAX_CHARS) say(`the name is longer than ${NAME_MAX_CHARS} characters.`)
    else if (hasControlCharacter(name)) say(`the name ${shown(name)} has a line break or another control character in it.`)
    else if (FORMULA_START.test(name)) {
      say(`the name ${shown(name)} starts with “${name[0]}”, which a spreadsheet would run as a formula. Remove it.`)
    }

    const rawRole = cellOf(cells, columns.role)
    const role = rawRole ? roleOf(rawRole) : 'learner'
    if (!role) say(`${shown(rawRole)} is not a role (roles: ${ROLES.map((r) => ROLE_LABELS[r]).join(', ')}).`)

    const teams: { id: string; name: string }[] = []
    const teamCell = cellOf(cells, columns.team)
    for (const teamName of teamCell
      .split(/[;|]/)
      .map((t) => t.trim())
      .filter(Boolean)) {
      const team = teamsByName.get(teamName.toLowerCase())
      if (!team) say(`no team called ${shown(teamName)} (${teamList(ctx.teams)}).`)
      else if (!teams.includes(team)) teams.push(team)
    }

    const rawDate = cellOf(cells, columns.startDate)
    let startDate = ctx.today
    if (rawDate) {
      const day = parseDayKey(rawDate)
      if (day) startDate = day
      else if (/^\d{4}-\d{2}-\d{2}$/.test(rawDate)) say(`${shown(rawDate)} is not a day on the calendar.`)
      else say(`${shown(rawDate)} is not a date in the form yyyy-mm-dd (for example ${ctx.today}).`)
    }
    const given = { role: rawRole, teams: teamCell, startDate: rawDate }
    return { row, name, email: rawEmail ? email : '', role: role ?? 'learner', teams, startDate, given, problems }
  })
  const withProblems = rows.filter((r) => r.problems.length > 0).length
  return {
    ok: true,
    rows,
    ready: rows.length - withProblems,
    withProblems,
    problems: rows.reduce((n, r) => n + r.problems.length, 0),
    delimiter: table.delimiter,
  }
}

/** Reads and checks a people file's text. */
export function previewImport(text: string, ctx: ImportContext): ImportPreview {
  const parsed = parsePeopleCsv(text)
  return parsed.ok ? checkImport(parsed.table, ctx) : parsed
}

/** The template file offered for download: the columns, and one example row. */
export function importTemplate(today: DayKey) {
  return `Name,Email,Role,Team,Start date\r\nAda Example,ada.example@example.com,Learner,,${today}\r\n`
}
