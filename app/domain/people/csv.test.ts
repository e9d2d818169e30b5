import { describe, expect, it } from 'vitest'
import { detectDelimiter, parseCsv, type CsvLimits } from './csv'

const limits: CsvLimits = { maxRows: 100, maxColumns: 10, maxCellChars: 50 }
const read = (text: string, l: Partial<CsvLimits> = {}) => {
  const result = parseCsv(text, { ...limits, ...l })
  if (!result.ok) throw new Error(result.problem)
  return result.table
}
const problemOf = (text: string, l: Partial<CsvLimits> = {}) => {
  const result = parseCsv(text, { ...limits, ...l })
  return result.ok ? null : result.problem
}

describe('parseCsv', () => {
  it('reads a header and rows, numbering rows as a spreadsheet does (header is row 1)', () => {
    const table = read('Name,Email\nAda,ada@example.com\nBo,bo@example.com\n')
    expect(table.header).toEqual(['Name', 'Email'])
    expect(table.rows).toEqual([
      { row: 2, cells: ['Ada', 'ada@example.com'] },
      { row: 3, cells: ['Bo', 'bo@example.com'] },
    ])
    expect(table.delimiter).toBe(',')
  })

  it('reads CRLF, LF and CR line ends alike, and a last row without a line end', () => {
    for (const end of ['\r\n', '\n', '\r']) {
      expect(read(['a,b', '1,2', '3,4'].join(end)).rows.map((r) => r.cells)).toEqual([
        ['1', '2'],
        ['3', '4'],
      ])
    }
  })

  it('drops a byte-order mark so the first column is still "Name"', () => {
    expect(read('\uFEFFName,Email\nA,a@x.org').header).toEqual(['Name', 'Email'])
  })

  it('reads quoted values with commas, doubled quotes and line breaks (kept as \\n), counting rows by record', () => {
    const table = read('Name,Note\r\n"Okafor, Amara","She said ""hi""\r\nand left"\r\nNext,one\r\n')
    expect(table.rows).toEqual([
      { row: 2, cells: ['Okafor, Amara', 'She said "hi"\nand left'] },
      { row: 3, cells: ['Next', 'one'] },
    ])
  })

  it('keeps empty values, and a quoted empty value', () => {
    expect(read('a,b,c\n,"",x').rows[0]!.cells).toEqual(['', '', 'x'])
  })

  it('detects semicolons (European Excel) and tabs from the header row, ignoring separators inside quotes', () => {
    expect(detectDelimiter('Name;Email;Team\n')).toBe(';')
    expect(detectDelimiter('"Name, full";Email\n')).toBe(';')
    expect(detectDelimiter('Name\tEmail\n')).toBe('\t')
    expect(detectDelimiter('Name,Email\n"a;b;c;d",x')).toBe(',')
    const table = read('Name;Email\n"Weber; Daniel";d@example.com\nMüller, Jo;j@example.com')
    expect(table.delimiter).toBe(';')
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['Weber; Daniel', 'd@example.com'],
      ['Müller, Jo', 'j@example.com'],
    ])
  })

  it('skips blank rows (and rows of bare separators) but keeps the row numbers of the others', () => {
    const table = read('a;b\n\n;;\n1;2\n\n')
    expect(table.rows).toEqual([{ row: 4, cells: ['1', '2'] }])
  })

  it('accepts spaces around a quoted value', () => {
    expect(read('a,b\n "x, y" ,z').rows[0]!.cells).toEqual(['x, y', 'z'])
  })

  it('keeps a quote in the middle of an unquoted value as text', () => {
    expect(read('a,b\n5" screen,z').rows[0]!.cells).toEqual(['5" screen', 'z'])
  })

  it('names the row of a quote that is never closed', () => {
    expect(problemOf('a,b\n1,2\n"open,3\n4,5\n')).toMatch(/^Row 3: a value opens a quote \("\) that is never closed/)
  })

  it('names the row of text after a closing quote', () => {
    expect(problemOf('a,b\n"x"y,2')).toMatch(/^Row 2: a quoted value must end at its closing quote, but "y" follows it/)
  })

  it('refuses more rows than the limit, without counting blank rows', () => {
    const rows = (n: number) => ['Email', ...Array.from({ length: n }, (_, i) => `p${i}@x.org`)].join('\n')
    expect(problemOf(rows(3), { maxRows: 3 })).toBeNull()
    expect(problemOf(`${rows(3)}\n\n\n`, { maxRows: 3 })).toBeNull()
    expect(problemOf(rows(4), { maxRows: 3 })).toBe('This file has more than 3 rows of people: split it into files of at most 3 rows.')
    expect(problemOf(rows(50_000), { maxRows: 2000 })).toBe(
      'This file has more than 2,000 rows of people: split it into files of at most 2,000 rows.',
    )
  })

  it('refuses an over-long value and too many columns, naming the row', () => {
    expect(problemOf(`a,b\n1,2\nx,${'y'.repeat(51)}`)).toBe('Row 3: a value is longer than 50 characters.')
    expect(problemOf(`a,b\n${'x,'.repeat(20)}`)).toBe('Row 2 has more than 10 columns.')
  })

  it('says a file with nothing in it is empty, and an empty first row cannot be the header', () => {
    expect(problemOf('')).toBe('The file is empty.')
    expect(problemOf('\uFEFF\r\n  \r\n')).toBe('The file is empty.')
    expect(problemOf(',,\na,b')).toBe('Row 1 is empty: the first row must name the columns.')
  })
})
