// What a people file (CSV) may be, before its rows are checked: its size, its encoding, its rows
// and columns, and which of its columns are which. Shared by the import and the leavers' file.
import { parseCsv, type CsvLimits, type CsvTable } from './csv'

/** The largest file accepted (well inside the server's body limit, so the confirm form can carry it back). */
export const MAX_PEOPLE_FILE_BYTES = 512 * 1024
export const MAX_PEOPLE_ROWS = 2000
export const PEOPLE_FILE_LIMITS: CsvLimits = { maxRows: MAX_PEOPLE_ROWS, maxColumns: 30, maxCellChars: 500 }

/** "512 KB", "60 MB": a size as people read it. */
function sizeText(bytes: number) {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`
}

/** The message for a file over the size limit. */
export function fileTooLarge(bytes: number) {
  const limit = sizeText(MAX_PEOPLE_FILE_BYTES)
  const size = sizeText(bytes) === limit ? `over ${limit}` : sizeText(bytes)
  return `This file is ${size}; a people file can be at most ${limit} (about ${MAX_PEOPLE_ROWS.toLocaleString('en-GB')} rows). Split it into smaller files.`
}

const SAVE_AS_CSV = 'In Excel choose File › Save a copy › “CSV UTF-8 (comma delimited)”.'

/** The file's text, or why it cannot be read as a CSV file (size, a workbook, another encoding). */
export function decodePeopleFile(bytes: Uint8Array): { ok: true; text: string } | { ok: false; problem: string } {
  if (bytes.length > MAX_PEOPLE_FILE_BYTES) return { ok: false, problem: fileTooLarge(bytes.length) }
  if (bytes.length === 0) return { ok: false, problem: 'The file is empty.' }
  const starts = (...b: number[]) => b.every((v, i) => bytes[i] === v)
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0xd0, 0xcf, 0x11, 0xe0)) {
    return { ok: false, problem: `This is a spreadsheet workbook, not a CSV file. ${SAVE_AS_CSV}` }
  }
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff)) {
    return { ok: false, problem: `This file is UTF-16 (“Unicode text”), which is not read here. ${SAVE_AS_CSV}` }
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return {
      ok: false,
      problem: `This file is not UTF-8 text (perhaps an older “CSV (comma delimited)” from Excel, or not a text file at all). ${SAVE_AS_CSV}`,
    }
  }
  if (text.includes('\u0000')) return { ok: false, problem: 'This is not a text file.' }
  return { ok: true, text }
}

/** Reads CSV text with the people file's limits. */
export function parsePeopleCsv(text: string) {
  return parseCsv(text, PEOPLE_FILE_LIMITS)
}

export const PEOPLE_COLUMNS = { name: 'Name', email: 'Email', role: 'Role', team: 'Team', startDate: 'Start date' } as const
export type PeopleColumn = keyof typeof PEOPLE_COLUMNS

// Header spellings people use, compared by their letters only ("E-mail", "start_date", "Start Date").
const ALIASES: Record<string, PeopleColumn> = {
  name: 'name',
  fullname: 'name',
  email: 'email',
  emailaddress: 'email',
  role: 'role',
  team: 'team',
  teams: 'team',
  startdate: 'startDate',
  start: 'startDate',
}
const headerKey = (heading: string) =>
  heading
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z]/g, '')

const COLUMN_LIST = Object.values(PEOPLE_COLUMNS).join(', ')

/**
 * Which column of the file holds what, matched by name whatever its case or spacing. Unknown
 * columns are a problem (a typo would otherwise drop a column silently) unless `ignoreOthers`.
 */
export function matchColumns(
  header: readonly string[],
  { required, ignoreOthers = false }: { required: readonly PeopleColumn[]; ignoreOthers?: boolean },
): { ok: true; columns: Partial<Record<PeopleColumn, number>> } | { ok: false; problem: string } {
  const columns: Partial<Record<PeopleColumn, number>> = {}
  for (const [index, heading] of header.entries()) {
    if (heading.trim() === '') continue
    const column = ALIASES[headerKey(heading)]
    if (!column) {
      if (ignoreOthers) continue
      return { ok: false, problem: `Row 1: ${shown(heading)} is not a column read here; the columns are ${COLUMN_LIST}.` }
    }
    if (columns[column] !== undefined) return { ok: false, problem: `Row 1: the ${PEOPLE_COLUMNS[column]} column appears twice.` }
    columns[column] = index
  }
  const missing = required.filter((c) => columns[c] === undefined)
  if (missing.length > 0) {
    const names = missing.map((c) => PEOPLE_COLUMNS[c]).join(' and ')
    return {
      ok: false,
      problem: `Row 1 has no ${names} column. The first row must name the columns (${COLUMN_LIST}); it reads: ${header.map(shown).join(', ')}.`,
    }
  }
  return { ok: true, columns }
}

/** A value from the file quoted in a message: on one line and cut short, so a huge cell cannot flood the page. */
export function shown(value: string, max = 40) {
  const line = value.replace(/\s+/g, ' ').trim()
  return `‘${line.length > max ? `${line.slice(0, max)}…` : line}’`
}

/** The value of a column in a row ('' when the file has no such column or the row stops short). */
export function cellOf(cells: readonly string[], index: number | undefined) {
  return index === undefined ? '' : (cells[index] ?? '').trim()
}

/** A problem for extra values past the header's columns (often a comma inside an unquoted value). */
export function extraValuesProblem(cells: readonly string[], header: readonly string[]) {
  const extra = cells.slice(header.length).filter((v) => v.trim() !== '')
  return extra.length > 0
    ? `has more values than the header has columns (${extra.map((v) => shown(v)).join(', ')}): put a value that holds a comma or semicolon in quotes.`
    : null
}

/** An email address as stored: trimmed and in lower case. */
export function normalisedEmail(email: string) {
  return email.trim().toLowerCase()
}

/** The email addresses a file names (in lower case), to look up the people they belong to. */
export function emailsIn(table: CsvTable): string[] {
  const matched = matchColumns(table.header, { required: ['email'], ignoreOthers: true })
  if (!matched.ok) return []
  return [...new Set(table.rows.map((r) => normalisedEmail(cellOf(r.cells, matched.columns.email))).filter((e) => e.includes('@')))]
}

/** A file's text as previewed and as confirmed: no byte-order mark, line ends as \n (a form sends them back as CRLF). */
export function normalisedText(text: string) {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
}

export type { CsvTable }
