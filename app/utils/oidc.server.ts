// OpenID Connect sign-in (authorisation code + PKCE) through openid-client: the provider's metadata
// (fetched on first use and kept), the signed short-lived cookie that carries state, nonce and the
// PKCE verifier from the sign-in button to the callback, and the code exchange in which openid-client
// checks the ID token (issuer, audience, expiry, nonce). Who may then sign in is app/models/sso.server.ts.
import * as client from 'openid-client'
import { createCookie } from 'react-router'
import { z } from 'zod'
import type { SsoSettings } from '~/domain/auth/sso'
import { safeRedirect } from '~/domain/auth/safe-redirect'
import { env } from './env.server'
import { log } from './logger.server'
import { COOKIE_SECRETS, secureCookie } from './session.server'
import { readSignedCookie } from './signed-cookie.server'

export const SSO_CALLBACK_PATH = '/auth/sso/callback'
/** How long a started sign-in may take at the provider (the state cookie's life). */
export const SSO_STATE_TTL_MS = 10 * 60 * 1000
/** How long to wait for the provider before telling the person it is not answering. */
const PROVIDER_TIMEOUT_SECONDS = 10

/** The single sign-on settings, or null when it is not configured. */
export function ssoSettings(): SsoSettings | null {
  return env().SSO
}

// SameSite=Lax: the provider sends the browser back with a cross-site top-level GET, which carries
// Lax cookies (Strict ones would be left behind). Signed, so its values cannot be chosen by anyone
// else; httpOnly, so no script reads the verifier; sent only to the callback.
const stateCookie = createCookie('mr_sso', {
  httpOnly: true,
  sameSite: 'lax',
  path: '/auth/sso',
  secure: secureCookie(),
  secrets: COOKIE_SECRETS,
  maxAge: SSO_STATE_TTL_MS / 1000,
})

const StateSchema = z.object({
  state: z.string().min(16).max(200),
  nonce: z.string().min(16).max(200),
  verifier: z.string().min(43).max(128),
  redirectTo: z.string().max(2048),
  startedAt: z.number(),
})
type SsoState = z.infer<typeof StateSchema>

const configurations = new Map<string, Promise<client.Configuration>>()
// The origin of each discovered authorisation endpoint, by configuration key, once discovery has answered.
const authorizationOrigins = new Map<string, string>()

const configurationKey = (settings: SsoSettings) => [settings.issuer, settings.clientId, settings.clientSecret].join('\n')

/** The provider's configuration, discovered once per process; a failed discovery is tried again next time. */
function providerConfiguration(settings: SsoSettings): Promise<client.Configuration> {
  const key = configurationKey(settings)
  let found = configurations.get(key)
  if (!found) {
    const issuer = new URL(settings.issuer)
    found = client
      .discovery(issuer, settings.clientId, undefined, client.ClientSecretPost(settings.clientSecret), {
        // Plain http only reaches a provider on this machine (domain/auth/sso: issuerProblem).
        execute: issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [],
        timeout: PROVIDER_TIMEOUT_SECONDS,
      })
      .then((configuration) => {
        configuration.timeout = PROVIDER_TIMEOUT_SECONDS
        const endpoint = configuration.serverMetadata().authorization_endpoint
        if (endpoint) authorizationOrigins.set(key, new URL(endpoint).origin)
        return configuration
      })
    configurations.set(key, found)
    found.catch(() => configurations.delete(key))
  }
  return found
}

/** Forgets the discovered metadata (tests that restart a provider). */
export function forgetProviderConfigurations() {
  configurations.clear()
  authorizationOrigins.clear()
}

/**
 * The origins a sign-in form may be sent on to (the Content-Security-Policy's form-action, beside
 * 'self'): none without single sign-on; else the issuer's origin, and the authorisation endpoint's
 * once discovery has named it, if that differs. Only origins: no path, nothing from the request.
 */
export function ssoFormOrigins(settings: SsoSettings | null = ssoSettings()): string[] {
  if (!settings) return []
  const origins = new Set([new URL(settings.issuer).origin])
  const discovered = authorizationOrigins.get(configurationKey(settings))
  if (discovered) origins.add(discovered)
  return [...origins]
}

/** Discovers the provider's metadata ahead of the first sign-in (at start-up), so the form-action above names its authorisation endpoint; a failure is only logged. */
export async function warmSsoDiscovery(settings: SsoSettings | null = ssoSettings()) {
  if (!settings) return
  try {
    await providerConfiguration(settings)
  } catch (error) {
    log.error('single sign-on: provider discovery failed', { issuer: settings.issuer, error: describe(error) })
  }
}

export class SsoUnavailableError extends Error {}

/**
 * Starts a sign-in: the provider's authorisation URL to send the browser to, and the Set-Cookie that
 * keeps state, nonce and PKCE verifier until the callback. Throws SsoUnavailableError when the
 * provider's metadata cannot be had.
 */
export async function startSsoSignIn(settings: SsoSettings, redirectTo: string | undefined, now = Date.now()) {
  let configuration: client.Configuration
  try {
    configuration = await providerConfiguration(settings)
  } catch (error) {
    log.error('single sign-on: provider discovery failed', { issuer: settings.issuer, error: describe(error) })
    throw new SsoUnavailableError(describe(error))
  }
  const saved: SsoState = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    verifier: client.randomPKCECodeVerifier(),
    // As the password form's schema: an address longer than 2,048 characters is not kept (nor would it fit the cookie).
    redirectTo: safeRedirect(redirectTo && redirectTo.length <= 2048 ? redirectTo : null),
    startedAt: now,
  }
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: `${env().APP_URL}${SSO_CALLBACK_PATH}`,
    scope: 'openid email profile',
    state: saved.state,
    nonce: saved.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(saved.verifier),
    code_challenge_method: 'S256',
  })
  return { url: url.href, cookie: await stateCookie.serialize(saved) }
}

/** The Set-Cookie that ends a started sign-in (after its callback, whatever the outcome). */
export function clearedSsoStateCookie() {
  return stateCookie.serialize('', { maxAge: 0 })
}

export type SsoIdentity = { subject: string; email: string | null; emailVerified: boolean; redirectTo: string }

export type SsoCallbackFailure =
  'state_missing' | 'state_mismatch' | 'provider_refused' | 'code_rejected' | 'token_invalid' | 'unavailable' | 'no_subject'

/**
 * Finishes a sign-in at the callback: the state must match this browser's cookie; the code is
 * exchanged with the PKCE verifier, and openid-client checks the ID token's signature, issuer,
 * audience, expiry and nonce. The email comes from the ID token, or from userinfo when the provider
 * keeps it there.
 */
export async function finishSsoSignIn(
  settings: SsoSettings,
  request: Request,
  now = Date.now(),
): Promise<{ ok: true; identity: SsoIdentity } | { ok: false; reason: SsoCallbackFailure; detail?: string; redirectTo?: string }> {
  const params = new URL(request.url).searchParams
  const parsed = StateSchema.safeParse(readSignedCookie(request.headers.get('Cookie'), stateCookie.name, COOKIE_SECRETS))
  if (!parsed.success || now - parsed.data.startedAt > SSO_STATE_TTL_MS || parsed.data.startedAt > now + 60_000) {
    return { ok: false, reason: 'state_missing' }
  }
  const saved = parsed.data
  if (params.get('state') !== saved.state) return { ok: false, reason: 'state_mismatch' }
  const providerError = params.get('error')
  if (providerError) return { ok: false, reason: 'provider_refused', detail: providerError.slice(0, 100), redirectTo: saved.redirectTo }
  // The address the provider sent the browser back to, as registered, whatever proxy the request came through.
  const currentUrl = new URL(`${env().APP_URL}${SSO_CALLBACK_PATH}`)
  currentUrl.search = params.toString()
  try {
    const configuration = await providerConfiguration(settings)
    const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: saved.verifier,
      expectedState: saved.state,
      expectedNonce: saved.nonce,
      idTokenExpected: true,
    })
    const claims = tokens.claims()
    if (!claims || typeof claims.sub !== 'string' || claims.sub.length === 0) return { ok: false, reason: 'no_subject' }
    let email = typeof claims.email === 'string' ? claims.email : null
    let verified = claims.email_verified === true
    if (email === null) {
      // Providers that follow the spec strictly put scope claims in userinfo, not the ID token.
      const info = await client.fetchUserInfo(configuration, tokens.access_token, claims.sub)
      email = typeof info.email === 'string' ? info.email : null
      verified = info.email_verified === true
    }
    return { ok: true, identity: { subject: claims.sub, email, emailVerified: verified, redirectTo: saved.redirectTo } }
  } catch (error) {
    const reason = classify(error)
    log.error('single sign-on: code exchange failed', { reason, error: describe(error) })
    return { ok: false, reason, detail: describe(error), redirectTo: saved.redirectTo }
  }
}

function classify(error: unknown): SsoCallbackFailure {
  if (error instanceof client.ResponseBodyError) return error.error === 'invalid_grant' ? 'code_rejected' : 'provider_refused'
  if (error instanceof client.AuthorizationResponseError) return 'provider_refused'
  if (error instanceof TypeError) return 'unavailable'
  if (error instanceof client.ClientError) {
    const unavailable = ['OAUTH_TIMEOUT', 'OAUTH_ABORT', 'OAUTH_RESPONSE_IS_NOT_CONFORM', 'OAUTH_RESPONSE_IS_NOT_JSON']
    if (error.code && unavailable.includes(error.code)) return 'unavailable'
  }
  return 'token_invalid'
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const code = (error as { code?: unknown }).code
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : ''
  return `${typeof code === 'string' ? `${code} ` : ''}${error.message}${cause}`.slice(0, 500)
}
