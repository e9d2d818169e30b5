// The rules for deactivating leavers from a file: each row names a person by email; the same rules
// as deactivating one person (not yourself, never the last active admin), checked for the whole file.
import { EmailSchema } from '~/domain/auth/schemas'
import { cellOf, extraValuesProblem, matchColumns, normalisedEmail, parsePeopleCsv, shown, type CsvTable } from './people-file'

export type LeaverContext = {
  /** People here, by email address in lower case. */
  people: ReadonlyMap<string, { id: string; name: string; role: string; status: string }>
  viewerId: string
  /** Every active admin's id. */
  activeAdminIds: readonly string[]
}

export type LeaverRow = { row: number; email: string; personId: string | null; name: string; problems: string[] }

export type LeaversPreview =
  { ok: false; problem: string } | { ok: true; rows: LeaverRow[]; ready: number; withProblems: number; problems: number }

/** Checks a leavers file: each email belongs to someone here who is not yet deactivated, not you, and an admin remains. */
export function checkLeavers(table: CsvTable, ctx: LeaverContext): LeaversPreview {
  // Any other columns are ignored, so the file an import used can name the same people.
  const matched = matchColumns(table.header, { required: ['email'], ignoreOthers: true })
  if (!matched.ok) return matched
  if (table.rows.length === 0) return { ok: false, problem: 'The file has a header row but no people under it.' }
  const firstRowOf = new Map<string, number>()
  const rows = table.rows.map(({ row, cells }): LeaverRow => {
    const problems: string[] = []
    const say = (text: string) => problems.push(`Row ${row}: ${text}`)
    const raw = cellOf(cells, matched.columns.email)
    const email = normalisedEmail(raw)
    let person = null
    if (!raw) say('no email address.')
    else if (!EmailSchema.safeParse(raw).success) say(`${shown(raw)} is not an email address.`)
    else {
      const first = firstRowOf.get(email)
      if (first !== undefined) say(`the same email as row ${first}.`)
      else firstRowOf.set(email, row)
      person = ctx.people.get(email) ?? null
      if (!person) say(`nobody here has the email ${shown(raw)}.`)
      else if (person.status === 'deactivated') say('already deactivated.')
      else if (person.id === ctx.viewerId) say('that is you: you cannot deactivate your own account.')
    }
    const extra = extraValuesProblem(cells, table.header)
    if (extra) say(`it ${extra}`)
    return { row, email, personId: person?.id ?? null, name: person?.name ?? '', problems }
  })
  // Never the last active admin: if every active admin would go, each admin row says so.
  const leaving = new Set(rows.filter((r) => r.problems.length === 0 && r.personId).map((r) => r.personId!))
  if (ctx.activeAdminIds.length > 0 && ctx.activeAdminIds.every((id) => leaving.has(id))) {
    for (const r of rows) {
      if (r.personId && ctx.activeAdminIds.includes(r.personId)) {
        r.problems.push(`Row ${r.row}: an admin, and with every active admin in this file nobody could run the app: keep at least one.`)
      }
    }
  }
  const withProblems = rows.filter((r) => r.problems.length > 0).length
  return { ok: true, rows, ready: rows.length - withProblems, withProblems, problems: rows.reduce((n, r) => n + r.problems.length, 0) }
}

/** Reads and checks a leavers file's text. */
export function previewLeavers(text: string, ctx: LeaverContext): LeaversPreview {
  const parsed = parsePeopleCsv(text)
  return parsed.ok ? checkLeavers(parsed.table, ctx) : parsed
}
