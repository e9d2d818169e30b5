// The rules of single sign-on (OpenID Connect) that need no network: which settings make a working
// configuration, and whose email may sign in. app/utils/oidc.server.ts talks to the provider.

export type SsoSettings = {
  issuer: string
  clientId: string
  clientSecret: string
  /** Lower-case email domains, exact (no subdomains). */
  allowedDomains: string[]
  /** Button text after "Sign in with", e.g. "Google Workspace". */
  label: string
}

export const DEFAULT_SSO_LABEL = 'single sign-on'

export type SsoSettingsSource = {
  OIDC_ISSUER?: string
  OIDC_CLIENT_ID?: string
  OIDC_CLIENT_SECRET?: string
  OIDC_ALLOWED_DOMAINS?: string
  OIDC_LABEL?: string
}

export type SettingIssue = { name: keyof SsoSettingsSource; message: string }

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])
// A DNS name of at least two labels: letters, digits and inner hyphens, no wildcards, no trailing dot.
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/

/** Whether an issuer address may be used: https, or http only to this machine (a test provider). */
export function issuerProblem(issuer: string): string | null {
  let url: URL
  try {
    url = new URL(issuer)
  } catch {
    return 'must be the provider’s https URL, e.g. https://accounts.google.com'
  }
  if (url.protocol === 'https:') return null
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return null
  return 'must be an https URL (http is allowed only for a provider on this machine: localhost or 127.0.0.1)'
}

/** The allow-list from a comma-separated setting: trimmed, lower-cased, de-duplicated; the bad entries apart. */
export function parseAllowedDomains(value: string): { domains: string[]; bad: string[] } {
  const entries = value
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e.length > 0)
  const bad = entries.filter((e) => !DOMAIN.test(e))
  return { domains: [...new Set(entries.filter((e) => DOMAIN.test(e)))], bad }
}

/**
 * The single sign-on settings, or null when no OIDC_ setting is given (single sign-on off). A
 * partial or malformed configuration gives one issue per setting, named.
 */
export function parseSsoSettings(source: SsoSettingsSource): { settings: SsoSettings | null; issues: SettingIssue[] } {
  const given = (v: string | undefined) => (v !== undefined && v.trim() !== '' ? v.trim() : undefined)
  const issuer = given(source.OIDC_ISSUER)
  const clientId = given(source.OIDC_CLIENT_ID)
  const clientSecret = given(source.OIDC_CLIENT_SECRET)
  const domainsValue = given(source.OIDC_ALLOWED_DOMAINS)
  const label = given(source.OIDC_LABEL)
  if (!issuer && !clientId && !clientSecret && !domainsValue) return { settings: null, issues: [] }
  const issues: SettingIssue[] = []
  if (!issuer) issues.push({ name: 'OIDC_ISSUER', message: 'is required when any other OIDC_ setting is given (the provider’s https URL)' })
  else {
    const problem = issuerProblem(issuer)
    if (problem) issues.push({ name: 'OIDC_ISSUER', message: problem })
  }
  if (!clientId) issues.push({ name: 'OIDC_CLIENT_ID', message: 'is required with OIDC_ISSUER (the client id the provider gave this app)' })
  if (!clientSecret)
    issues.push({ name: 'OIDC_CLIENT_SECRET', message: 'is required with OIDC_ISSUER (the client secret the provider gave this app)' })
  let domains: string[] = []
  if (!domainsValue) {
    issues.push({
      name: 'OIDC_ALLOWED_DOMAINS',
      message: 'is required with OIDC_ISSUER (comma-separated email domains, e.g. harbourlight.example)',
    })
  } else {
    const parsed = parseAllowedDomains(domainsValue)
    domains = parsed.domains
    if (parsed.bad.length > 0) {
      issues.push({ name: 'OIDC_ALLOWED_DOMAINS', message: `has entries that are not email domains: ${parsed.bad.join(', ')}` })
    } else if (domains.length === 0) {
      issues.push({ name: 'OIDC_ALLOWED_DOMAINS', message: 'must list at least one email domain' })
    }
  }
  if (label !== undefined && label.length > 60) issues.push({ name: 'OIDC_LABEL', message: 'must be at most 60 characters' })
  if (issues.length > 0 || !issuer || !clientId || !clientSecret) return { settings: null, issues }
  return {
    // The issuer is kept exactly as given: the provider's metadata must name the same string.
    settings: { issuer, clientId, clientSecret, allowedDomains: domains, label: label ?? DEFAULT_SSO_LABEL },
    issues: [],
  }
}

/** The lower-case domain of an email address (after its last @), or null when it has none. */
export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf('@')
  if (at < 1 || at === email.length - 1) return null
  return email.slice(at + 1).toLowerCase()
}

/** Whether an email's domain is exactly one on the allow-list (case-insensitive; no subdomains, no look-alikes). */
export function isAllowedEmailDomain(email: string, allowedDomains: readonly string[]): boolean {
  const domain = emailDomain(email.trim())
  return domain !== null && allowedDomains.includes(domain)
}

/** The refusal of a password sign-in, reset or invite password when the organisation requires single sign-on. */
export function ssoOnlyMessage(label: string) {
  return `Your organisation signs in with ${label}.`
}

export type SsoProblemReason =
  | 'state_missing'
  | 'state_mismatch'
  | 'provider_refused'
  | 'code_rejected'
  | 'token_invalid'
  | 'unavailable'
  | 'no_subject'
  | 'email_missing'
  | 'email_unverified'
  | 'domain'
  | 'unknown'
  | 'deactivated'
  | 'subject_mismatch'
  | 'subject_taken'

/** The words the password sign-in uses for a deactivated account, said the same way after single sign-on. */
export const DEACTIVATED_MESSAGE = 'This account has been deactivated. Ask an administrator if you need access again.'

/** What a refused single sign-on tells the person: a title, what happened and what to do, and the HTTP status. */
export function ssoProblem(
  reason: SsoProblemReason,
  context: { label: string; email?: string | null; allowedDomains: readonly string[] },
): { status: number; title: string; message: string } {
  const { label } = context
  const domains = context.allowedDomains.join(', ')
  const again = `Start again from the sign-in page.`
  switch (reason) {
    case 'state_missing':
      return {
        status: 400,
        title: 'This sign-in has expired',
        message: `This browser has no sign-in with ${label} in progress: it took longer than 10 minutes, was already finished, or was started in another browser. ${again}`,
      }
    case 'state_mismatch':
      return {
        status: 400,
        title: 'This sign-in does not match',
        message: `The answer from ${label} belongs to a different sign-in than the one this browser started, so it was not used. ${again}`,
      }
    case 'provider_refused':
      return { status: 400, title: 'Sign-in was not completed', message: `${label} did not sign you in. ${again}` }
    case 'code_rejected':
      return {
        status: 400,
        title: 'This sign-in has already been used',
        message: `${label} no longer accepts this sign-in: it was already used or has expired. ${again}`,
      }
    case 'token_invalid':
      return {
        status: 400,
        title: 'The sign-in could not be verified',
        message: `The answer from ${label} did not pass its checks (it was meant for another application, or has expired), so it was not used. ${again} If it keeps happening, tell your administrator.`,
      }
    case 'no_subject':
      return { status: 400, title: 'The sign-in could not be verified', message: `${label} did not say which account signed in. ${again}` }
    case 'unavailable':
      return {
        status: 503,
        title: `${label} is not answering`,
        message: `${label} is not answering right now. Try again in a few minutes; if it keeps happening, tell your administrator.`,
      }
    case 'email_missing':
      return {
        status: 403,
        title: 'No email address',
        message: `${label} did not share your email address, which is how Mission Ready finds your account. Ask your administrator.`,
      }
    case 'email_unverified':
      return {
        status: 403,
        title: 'Your email address is not verified',
        message: `${label} has not verified the email address ${context.email ?? ''} of your account, so it cannot be used to sign in here.`,
      }
    case 'domain':
      return {
        status: 403,
        title: 'This account cannot sign in here',
        message: `Signing in with ${label} is only for addresses at ${domains}; ${context.email ?? 'yours'} is not one of them. Sign in with your work account.`,
      }
    case 'unknown':
      return {
        status: 403,
        title: 'No account for this address',
        message: `There is no Mission Ready account for ${context.email ?? 'this address'}. Ask an administrator to invite you.`,
      }
    case 'deactivated':
      return { status: 403, title: 'This account has been deactivated', message: DEACTIVATED_MESSAGE }
    case 'subject_mismatch':
    case 'subject_taken':
      return {
        status: 403,
        title: 'This account is linked to someone else',
        message: `The Mission Ready account for ${context.email ?? 'this address'} is linked to a different ${label} account, so this sign-in was refused. Ask an administrator if this is your account.`,
      }
  }
}
