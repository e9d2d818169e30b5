import { createCookie } from 'react-router'
import { describe, expect, it } from 'vitest'
import { cookieValue, readSignedCookie } from './signed-cookie.server'

const secrets = ['a'.repeat(40)]
const cookie = createCookie('mr_test', { secrets })
const headerOf = async (value: unknown, c = cookie) => (await c.serialize(value)).split(';')[0]!

describe('readSignedCookie reads what React Router signs, as its parse does', () => {
  it.each([['xagtiddg7kwe7rjagmboegpmalj5np5y'], [''], [[{ id: 'd1', userId: 'u1' }]], ['naïve — ünïcode ✓']])('%j', async (value) => {
    const header = `other=1; ${await headerOf(value)}; last=2`
    expect(readSignedCookie(header, 'mr_test', secrets)).toEqual(await cookie.parse(header))
    expect(readSignedCookie(header, 'mr_test', secrets)).toEqual(value)
  })

  it('refuses a value signed with another secret, an altered value or signature, and a missing cookie', async () => {
    const other = await headerOf('token', createCookie('mr_test', { secrets: ['b'.repeat(40)] }))
    const good = await headerOf('token')
    const [name, signed] = good.split('=') as [string, string]
    const decoded = decodeURIComponent(signed)
    const dot = decoded.lastIndexOf('.')
    const alteredValue = `${name}=${encodeURIComponent(`${decoded.slice(0, dot - 2)}AA${decoded.slice(dot)}`)}`
    const alteredSignature = `${name}=${encodeURIComponent(`${decoded.slice(0, -1)}${decoded.endsWith('A') ? 'B' : 'A'}`)}`
    for (const header of [other, alteredValue, alteredSignature, `${name}=${encodeURIComponent(decoded.slice(0, dot))}`, 'x=1', '', null]) {
      expect(readSignedCookie(header, 'mr_test', secrets)).toBeNull()
      expect(await cookie.parse(header)).toBeNull()
    }
  })

  it('tries each secret in turn, so a rotated secret still reads the old cookies', async () => {
    const header = await headerOf('token')
    expect(readSignedCookie(header, 'mr_test', ['c'.repeat(40), ...secrets])).toBe('token')
  })
})

describe('cookieValue', () => {
  it('takes the first cookie of the name, trimmed, unquoted and percent-decoded', () => {
    expect(cookieValue(' a=1 ; mr_test = "x%3Dy" ; mr_test=2', 'mr_test')).toBe('x=y')
    expect(cookieValue('mr_testing=1; amr_test=2', 'mr_test')).toBeNull()
    expect(cookieValue('mr_test=%E0%A4%A', 'mr_test')).toBe('%E0%A4%A')
  })
})
