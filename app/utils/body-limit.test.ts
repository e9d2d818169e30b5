import { describe, expect, it } from 'vitest'
import { BODY_LIMIT_TEXT, encodedFormSize, largestField, longestTextPath, MAX_BODY_BYTES, sizeText, tooLargeToSend } from './body-limit'

/** What a browser sends for a form: URLSearchParams encodes as application/x-www-form-urlencoded does, CRLF line breaks aside. */
const sent = (entries: [string, string][]) =>
  new URLSearchParams(entries.map(([k, v]) => [k, v.replace(/\r?\n/g, '\r\n')])).toString().length

describe('body limit', () => {
  it('counts a form’s bytes as the browser encodes them', () => {
    const cases: [string, string][][] = [
      [['body', 'plain words and spaces']],
      [
        ['title', 'Café – “quoted” & more = 100%'],
        ['body', 'emoji 🙂 and 中文\nnew line\r\nand CRLF'],
      ],
      [
        ['a', ''],
        ['b', "*-._~!'()"],
      ],
    ]
    for (const entries of cases) expect(encodedFormSize(entries)).toBe(sent(entries))
  })

  it('names the limit as people read it', () => {
    expect(BODY_LIMIT_TEXT).toBe('1 MB')
    expect(sizeText(MAX_BODY_BYTES * 1.5)).toBe('1.5 MB')
    expect(sizeText(300 * 1024)).toBe('300 KB')
    expect(tooLargeToSend(1.3 * MAX_BODY_BYTES)).toMatch(
      /the form comes to 1\.3 MB and the limit is 1 MB\. Nothing was sent and your text is still here/,
    )
  })

  it('finds the field that holds most of a form, and the longest text of a structure', () => {
    expect(
      largestField([
        ['title', 'short'],
        ['body', 'x'.repeat(100)],
        ['sources', 'y'.repeat(50)],
      ]),
    ).toBe('body')
    expect(longestTextPath({ title: 'T', stem: 'a bit', options: [{ text: 'x' }, { text: 'y'.repeat(40), explanation: 'z' }] })?.path).toBe(
      'options.1.text',
    )
  })
})
