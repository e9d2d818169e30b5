import { describe, expect, it } from 'vitest'
import { parseEnv } from './env.server'

describe('parseEnv', () => {
  it('has working defaults for a laptop', () => {
    const env = parseEnv({})
    expect(env.DATABASE_URL).toBe('file:./prisma/data/mission-ready.db')
    expect(env.PORT).toBe(3000)
    expect(env.SMTP_URL).toBeUndefined()
    expect(env.APP_URL).toBe('http://localhost:3000')
    expect(parseEnv({ PORT: '3200' }).APP_URL).toBe('http://localhost:3200')
    expect(parseEnv({ APP_URL: 'https://training.example.com/' }).APP_URL).toBe('https://training.example.com')
  })

  it('names a database URL that is neither SQLite nor PostgreSQL', () => {
    expect(() => parseEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must start with "file:"/)
  })

  it('requires a session secret in production', () => {
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET: is required in production/)
    expect(() => parseEnv({ NODE_ENV: 'production', SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET: must be at least 32/)
    expect(parseEnv({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32) }).SESSION_SECRET).toHaveLength(32)
  })

  it('reads which proxies to trust: loopback by default, none, a hop count or addresses', () => {
    expect(parseEnv({}).TRUST_PROXY).toBe('loopback')
    expect(parseEnv({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false)
    expect(parseEnv({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2)
    expect(parseEnv({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).TRUST_PROXY).toBe('loopback,10.0.0.0/8')
    expect(() => parseEnv({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY: must be false, a number/)
  })

  it('names a malformed SMTP URL', () => {
    expect(() => parseEnv({ SMTP_URL: 'mail.example.com:25' })).toThrow(/SMTP_URL: must look like smtp:/)
    expect(parseEnv({ SMTP_URL: 'smtp://user:pass@mail.example.com:587' }).SMTP_URL).toBe('smtp://user:pass@mail.example.com:587')
  })

  it('lists every bad setting at once', () => {
    expect(() => parseEnv({ DATABASE_URL: 'nope', PORT: 'abc' })).toThrow(/DATABASE_URL[\s\S]*PORT/)
  })
})

describe('parseEnv: single sign-on', () => {
  const sso = {
    OIDC_ISSUER: 'https://accounts.google.com',
    OIDC_CLIENT_ID: 'client-1',
    OIDC_CLIENT_SECRET: 'secret-1',
    OIDC_ALLOWED_DOMAINS: 'HarbourLight.example',
  }

  it('is off without an issuer, and on with a full configuration', () => {
    expect(parseEnv({}).SSO).toBeNull()
    expect(parseEnv({ ...sso, OIDC_LABEL: 'Google Workspace' }).SSO).toMatchObject({
      issuer: 'https://accounts.google.com',
      allowedDomains: ['harbourlight.example'],
      label: 'Google Workspace',
    })
  })

  it('refuses to start on a partial configuration, naming what is missing', () => {
    expect(() => parseEnv({ OIDC_ISSUER: sso.OIDC_ISSUER, OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's' })).toThrow(
      /OIDC_ALLOWED_DOMAINS: is required with OIDC_ISSUER/,
    )
    expect(() => parseEnv({ ...sso, OIDC_ISSUER: '' })).toThrow(/OIDC_ISSUER: is required/)
    expect(() => parseEnv({ ...sso, OIDC_ISSUER: 'http://idp.example.com' })).toThrow(/OIDC_ISSUER: must be an https URL/)
  })
})
