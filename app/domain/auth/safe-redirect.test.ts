import { describe, expect, it } from 'vitest'
import { safeRedirect } from './safe-redirect'

describe('safeRedirect', () => {
  it('follows same-site relative paths', () => {
    expect(safeRedirect('/team?teamId=1')).toBe('/team?teamId=1')
    expect(safeRedirect('/admin/people')).toBe('/admin/people')
  })

  it.each([
    'https://evil.example',
    '//evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    'javascript:alert(1)',
    '/\t/evil.example',
    '',
    null,
    undefined,
  ])('refuses %s', (to) => {
    expect(safeRedirect(to, '/')).toBe('/')
  })
})
