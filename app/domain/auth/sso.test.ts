import { describe, expect, it } from 'vitest'
import {
  DEACTIVATED_MESSAGE,
  DEFAULT_SSO_LABEL,
  emailDomain,
  isAllowedEmailDomain,
  issuerProblem,
  parseAllowedDomains,
  parseSsoSettings,
  ssoOnlyMessage,
  ssoProblem,
  type SsoProblemReason,
} from './sso'

const full = {
  OIDC_ISSUER: 'https://accounts.google.com',
  OIDC_CLIENT_ID: 'client-1',
  OIDC_CLIENT_SECRET: 'secret-1',
  OIDC_ALLOWED_DOMAINS: 'harbourlight.example',
}

describe('isAllowedEmailDomain', () => {
  const allowed = ['harbourlight.example', 'harbourlight-hotels.example']

  it('accepts an address at an allowed domain, whatever its case', () => {
    expect(isAllowedEmailDomain('amara@harbourlight.example', allowed)).toBe(true)
    expect(isAllowedEmailDomain('Amara@HarbourLight.EXAMPLE', allowed)).toBe(true)
    expect(isAllowedEmailDomain('tomas@harbourlight-hotels.example', allowed)).toBe(true)
  })

  it('refuses look-alikes: a prefix, a subdomain, a suffix, a trailing dot', () => {
    expect(isAllowedEmailDomain('mallory@evilharbourlight.example', allowed)).toBe(false)
    expect(isAllowedEmailDomain('mallory@mail.harbourlight.example', allowed)).toBe(false)
    expect(isAllowedEmailDomain('mallory@harbourlight.example.evil.test', allowed)).toBe(false)
    expect(isAllowedEmailDomain('mallory@harbourlight.example.', allowed)).toBe(false)
    expect(isAllowedEmailDomain('mallory@harbourlight.examplex', allowed)).toBe(false)
  })

  it('reads the domain after the last @, so a quoted local part cannot smuggle one in', () => {
    expect(isAllowedEmailDomain('"x@harbourlight.example"@evil.test', allowed)).toBe(false)
    expect(emailDomain('"x@harbourlight.example"@evil.test')).toBe('evil.test')
  })

  it('refuses what is not an address', () => {
    expect(isAllowedEmailDomain('harbourlight.example', allowed)).toBe(false)
    expect(isAllowedEmailDomain('@harbourlight.example', allowed)).toBe(false)
    expect(isAllowedEmailDomain('amara@', allowed)).toBe(false)
    expect(isAllowedEmailDomain('', allowed)).toBe(false)
    expect(isAllowedEmailDomain('amara@harbourlight.example', [])).toBe(false)
  })
})

describe('parseAllowedDomains', () => {
  it('trims, lower-cases and de-duplicates', () => {
    expect(parseAllowedDomains(' HarbourLight.example , harbourlight.example,,hl.example ')).toEqual({
      domains: ['harbourlight.example', 'hl.example'],
      bad: [],
    })
  })

  it('sets apart entries that are not domains: wildcards, addresses, single labels', () => {
    expect(parseAllowedDomains('*.harbourlight.example, amara@hl.example, localhost, hl.example').bad).toEqual([
      '*.harbourlight.example',
      'amara@hl.example',
      'localhost',
    ])
  })
})

describe('issuerProblem', () => {
  it('allows https anywhere and http only on this machine', () => {
    expect(issuerProblem('https://login.microsoftonline.com/tenant/v2.0')).toBeNull()
    expect(issuerProblem('http://127.0.0.1:4000')).toBeNull()
    expect(issuerProblem('http://localhost:4000')).toBeNull()
    expect(issuerProblem('http://idp.example.com')).toMatch(/must be an https URL/)
    expect(issuerProblem('http://127.0.0.1.evil.test')).toMatch(/must be an https URL/)
    expect(issuerProblem('accounts.google.com')).toMatch(/https URL/)
    expect(issuerProblem('ftp://idp.example.com')).toMatch(/https URL/)
  })
})

describe('parseSsoSettings', () => {
  it('is off when no OIDC_ setting is given (a label alone changes nothing)', () => {
    expect(parseSsoSettings({})).toEqual({ settings: null, issues: [] })
    expect(parseSsoSettings({ OIDC_LABEL: 'Google Workspace' })).toEqual({ settings: null, issues: [] })
    expect(parseSsoSettings({ OIDC_ISSUER: '  ' })).toEqual({ settings: null, issues: [] })
  })

  it('reads a full configuration, with the default label', () => {
    expect(parseSsoSettings(full)).toEqual({
      settings: {
        issuer: 'https://accounts.google.com',
        clientId: 'client-1',
        clientSecret: 'secret-1',
        allowedDomains: ['harbourlight.example'],
        label: DEFAULT_SSO_LABEL,
      },
      issues: [],
    })
    expect(parseSsoSettings({ ...full, OIDC_LABEL: 'Google Workspace' }).settings?.label).toBe('Google Workspace')
  })

  it('keeps the issuer exactly as given (its metadata must match it)', () => {
    expect(parseSsoSettings({ ...full, OIDC_ISSUER: 'https://tenant.example-idp.com/' }).settings?.issuer).toBe(
      'https://tenant.example-idp.com/',
    )
  })

  it('names each missing setting of a partial configuration', () => {
    const names = (source: Record<string, string>) => parseSsoSettings(source).issues.map((i) => i.name)
    expect(names({ OIDC_ISSUER: full.OIDC_ISSUER })).toEqual(['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_ALLOWED_DOMAINS'])
    expect(names({ ...full, OIDC_ALLOWED_DOMAINS: '' })).toEqual(['OIDC_ALLOWED_DOMAINS'])
    expect(names({ ...full, OIDC_ISSUER: '' })).toEqual(['OIDC_ISSUER'])
    expect(names({ OIDC_CLIENT_SECRET: 'x' })).toEqual(['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_ALLOWED_DOMAINS'])
    expect(parseSsoSettings({ OIDC_ISSUER: full.OIDC_ISSUER }).settings).toBeNull()
  })

  it('refuses a plain-http issuer elsewhere, bad domains and an over-long label', () => {
    expect(parseSsoSettings({ ...full, OIDC_ISSUER: 'http://idp.example.com' }).issues).toEqual([
      { name: 'OIDC_ISSUER', message: expect.stringMatching(/https/) },
    ])
    expect(parseSsoSettings({ ...full, OIDC_ALLOWED_DOMAINS: 'harbourlight.example, *.evil' }).issues).toEqual([
      { name: 'OIDC_ALLOWED_DOMAINS', message: 'has entries that are not email domains: *.evil' },
    ])
    expect(parseSsoSettings({ ...full, OIDC_ALLOWED_DOMAINS: ' , ' }).issues[0]?.name).toBe('OIDC_ALLOWED_DOMAINS')
    expect(parseSsoSettings({ ...full, OIDC_LABEL: 'x'.repeat(61) }).issues[0]?.name).toBe('OIDC_LABEL')
  })
})

describe('ssoProblem', () => {
  const context = { label: 'Google Workspace', email: 'amara@gmail.example', allowedDomains: ['harbourlight.example'] }
  const reasons: SsoProblemReason[] = [
    'state_missing',
    'state_mismatch',
    'provider_refused',
    'code_rejected',
    'token_invalid',
    'unavailable',
    'no_subject',
    'email_missing',
    'email_unverified',
    'domain',
    'unknown',
    'deactivated',
    'subject_mismatch',
    'subject_taken',
  ]

  it('gives every refusal a title and a message without internals, with a client-error or unavailable status', () => {
    for (const reason of reasons) {
      const problem = ssoProblem(reason, context)
      expect(problem.title.length, reason).toBeGreaterThan(5)
      expect(problem.message, reason).not.toMatch(/_|Error|undefined|null/)
      expect([400, 403, 503], reason).toContain(problem.status)
    }
  })

  it('says which domains are allowed, and words a deactivated account as the password form does', () => {
    expect(ssoProblem('domain', context).message).toContain('only for addresses at harbourlight.example; amara@gmail.example is not one')
    expect(ssoProblem('deactivated', context).message).toBe(DEACTIVATED_MESSAGE)
    expect(ssoProblem('unavailable', context).status).toBe(503)
    expect(ssoOnlyMessage('Google Workspace')).toBe('Your organisation signs in with Google Workspace.')
  })
})
