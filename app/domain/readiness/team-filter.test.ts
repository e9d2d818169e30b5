import { describe, expect, it } from 'vitest'
import { csvCell, parseTeamFilter } from './team-filter'

describe('team filter', () => {
  it('reads known filters and ignores the rest', () => {
    expect(parseTeamFilter(new URL('http://x/?level=ready&redFlag=1&sort=name&page=2&teamId=t1'))).toEqual({
      level: 'ready',
      redFlag: true,
      sort: 'name',
      page: 2,
      teamId: 't1',
    })
    expect(parseTeamFilter(new URL('http://x/?level=genius&page=-3&sort=random'))).toEqual({ sort: 'weakest', page: 1 })
  })
})

describe('CSV cells', () => {
  it('quotes, doubles quotes, and defuses formulas', () => {
    expect(csvCell('Ana "the best"')).toBe('"Ana ""the best"""')
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`)
    expect(csvCell('+1')).toBe(`"'+1"`)
    expect(csvCell('@cmd')).toBe(`"'@cmd"`)
    expect(csvCell(3)).toBe('"3"')
  })
})
