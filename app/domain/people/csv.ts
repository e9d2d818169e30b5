// A CSV reader for files people export from spreadsheets (RFC 4180 and what Excel does around it):
// quoted values with doubled quotes, commas and line breaks inside; CRLF, LF or CR line ends; a
// byte-order mark; comma, semicolon (European Excel) or tab, whichever the header row uses. It is
// written here rather than taken from a library so every problem names its row, and so the limits
// (rows, columns, value length) hold while reading, not after.

export type Delimiter = ',' | ';' | '\t'

export type CsvLimits = {
  /** Data rows after the header (blank rows are not counted). */
  maxRows: number
  maxColumns: number
  maxCellChars: number
}

/** A data row: its number as a spreadsheet shows it (the header is row 1) and its values. */
export type CsvRow = { row: number; cells: string[] }

export type CsvTable = { delimiter: Delimiter; header: string[]; rows: CsvRow[] }

export type CsvResult = { ok: true; table: CsvTable } | { ok: false; problem: string }

const DELIMITER_NAMES: Record<Delimiter, string> = { ',': 'commas', ';': 'semicolons', '\t': 'tabs' }

/** How the file separates its values, in words ("commas"). */
export function delimiterName(delimiter: Delimiter) {
  return DELIMITER_NAMES[delimiter]
}

/** The separator the header row uses most, outside quotes: comma unless semicolons or tabs outnumber commas. */
export function detectDelimiter(text: string): Delimiter {
  const counts: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0 }
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (c === '"') quoted = !quoted
    else if (!quoted && (c === '\n' || c === '\r')) break
    else if (!quoted && (c === ',' || c === ';' || c === '\t')) counts[c]++
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';'
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t'
  return ','
}

const rowsText = (n: number) => n.toLocaleString('en-GB')

/** Reads CSV text into a header and data rows, or names the first problem that stops it being read. */
export function parseCsv(input: string, limits: CsvLimits): CsvResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input
  if (text.trim() === '') return { ok: false, problem: 'The file is empty.' }
  const delimiter = detectDelimiter(text)
  const records: CsvRow[] = []
  let record: string[] = []
  let cell = ''
  let cellLength = 0
  let quoted = false
  // Whether the current value began with a quote, and whether that quote has closed.
  let inQuotes = false
  let recordNumber = 1
  let quoteOpenedAt = 0
  let overlong: number | null = null
  let wide: number | null = null

  const endCell = () => {
    if (record.length < limits.maxColumns) record.push(cell)
    else wide ??= recordNumber
    cell = ''
    cellLength = 0
    quoted = false
  }
  const endRecord = () => {
    endCell()
    // Rows with no value at all (a blank line, or ";;;;" from a spreadsheet's empty rows) are skipped.
    if (record.some((v) => v.trim() !== '')) records.push({ row: recordNumber, cells: record })
    else if (recordNumber === 1) records.push({ row: 1, cells: record })
    record = []
    recordNumber++
  }
  const add = (c: string) => {
    if (++cellLength > limits.maxCellChars) {
      overlong ??= recordNumber
      return
    }
    cell += c
  }

  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          add('"')
          i++
        } else inQuotes = false
      } else if (c === '\r') {
        // A line break inside a value is kept as one "\n", whichever the file used.
        add('\n')
        if (text[i + 1] === '\n') i++
      } else add(c)
      continue
    }
    if (c === delimiter) endCell()
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      endRecord()
      if (records.length > limits.maxRows + 1) {
        return {
          ok: false,
          problem: `This file has more than ${rowsText(limits.maxRows)} rows of people: split it into files of at most ${rowsText(limits.maxRows)} rows.`,
        }
      }
    } else if (c === '"' && !quoted && cell.length === cellLength && cell.trim() === '') {
      // A quote opens a quoted value at its start, after any spaces ( "a, b").
      cell = ''
      cellLength = 0
      inQuotes = true
      quoted = true
      quoteOpenedAt = recordNumber
    } else if (quoted && c !== ' ') {
      return {
        ok: false,
        problem: `Row ${recordNumber}: a quoted value must end at its closing quote, but "${c}" follows it. Put the whole value in quotes and double any quote inside it ("").`,
      }
    } else if (!quoted) add(c)
  }
  if (inQuotes) {
    return {
      ok: false,
      problem: `Row ${quoteOpenedAt}: a value opens a quote (") that is never closed, so the rest of the file would be read as one value. Close the quote, or double a quote that is part of the text ("").`,
    }
  }
  if (cellLength > 0 || quoted || record.length > 0) endRecord()
  if (records.length - 1 > limits.maxRows) {
    return {
      ok: false,
      problem: `This file has more than ${rowsText(limits.maxRows)} rows of people: split it into files of at most ${rowsText(limits.maxRows)} rows.`,
    }
  }
  if (overlong !== null) {
    return { ok: false, problem: `Row ${overlong}: a value is longer than ${rowsText(limits.maxCellChars)} characters.` }
  }
  if (wide !== null) {
    return { ok: false, problem: `Row ${wide} has more than ${limits.maxColumns} columns.` }
  }
  const [header, ...rows] = records
  if (!header || header.cells.every((v) => v.trim() === '')) {
    return { ok: false, problem: 'Row 1 is empty: the first row must name the columns.' }
  }
  return { ok: true, table: { delimiter, header: header.cells, rows } }
}
