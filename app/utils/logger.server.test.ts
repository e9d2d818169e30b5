import { describe, expect, it } from 'vitest'
import { redactTokens } from './logger.server'

describe('redactTokens', () => {
  it('hides reset and invite tokens in paths', () => {
    expect(redactTokens('/reset-password/abcdefghijklmnopqrstuvwxyz234567?x=1')).toBe('/reset-password/[redacted]?x=1')
    expect(redactTokens('Set it here: http://localhost:3000/invite/abcdefghijklmnop')).toBe(
      'Set it here: http://localhost:3000/invite/[redacted]',
    )
  })

  it('hides query values named like secrets, and long base32 or base64url values whatever their name', () => {
    expect(redactTokens('?token=abc&code=123456&api_key=k&KEY=x&client_secret=s&password=p&sig=1')).toBe(
      '?token=[redacted]&code=[redacted]&api_key=[redacted]&KEY=[redacted]&client_secret=[redacted]&password=[redacted]&sig=[redacted]',
    )
    expect(redactTokens('?next=abcdefghijklmnopqrstuvwxyz234567&jwt=eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl')).toBe(
      '?next=[redacted]&jwt=[redacted]',
    )
    expect(redactTokens('?v=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA%3D%3D&u=aGVsbG8td29ybGQtMTIzNDU2Nzg5MA')).toBe('?v=[redacted]&u=[redacted]')
  })

  it('keeps ordinary query values readable', () => {
    const ordinary =
      '?redirectTo=%2Flearn%2Fthe-check-in-call&teamId=front&level=developing&q=grace+kim&page=2&slug=the-check-in-call-for-new-staff'
    expect(redactTokens(ordinary)).toBe(ordinary)
    expect(redactTokens('?empty=&flag')).toBe('?empty=&flag')
  })
})
