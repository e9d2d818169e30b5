// A real OpenID Connect provider (oidc-provider) on loopback for the single sign-on tests: two
// registered clients (the app, and another application for wrong-audience tokens), accounts whose
// claims each test chooses, and a minimal sign-in page of its own (GET shows a form, POST finishes
// login and consent through provider.interactionFinished), which tests drive over HTTP and the
// browser test fills in. Hooks on the token endpoint delay or alter real responses.
import crypto from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'

export type TestAccount = { email: string; email_verified: boolean; name?: string }

export const APP_CLIENT = { client_id: 'mission-ready', client_secret: 'mission-ready-test-secret-0123456789abcdef' }
export const OTHER_CLIENT = {
  client_id: 'other-app',
  client_secret: 'other-app-test-secret-0123456789abcdef',
  redirect_uri: 'http://127.0.0.1:9/other-app/callback',
}

type TokenHook = {
  /** Runs before the provider answers the token request (e.g. to hold it back). */
  before?: () => Promise<void> | void
  /** Shifts the provider's clock (milliseconds) while it issues the tokens. */
  clockShiftMs?: number
  /** Drops the connection instead of answering (a provider that went down). */
  drop?: boolean
  /** Rewrites the provider's JSON answer (e.g. to swap in another client's ID token). */
  rewrite?: (body: Record<string, unknown>) => Record<string, unknown>
}

export type TestProvider = Awaited<ReturnType<typeof startTestProvider>>

/**
 * Starts the provider on 127.0.0.1 (`port` 0 picks a free one). `redirectUris` are the app's
 * callback addresses.
 */
export async function startTestProvider(options: { port?: number; redirectUris: string[] }) {
  const accounts = new Map<string, TestAccount>()
  let tokenHook: TokenHook | null = null
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const issuer = `http://127.0.0.1:${port}`
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' }

  const provider = new Provider(issuer, {
    clients: [
      {
        ...APP_CLIENT,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
      {
        client_id: OTHER_CLIENT.client_id,
        client_secret: OTHER_CLIENT.client_secret,
        redirect_uris: [OTHER_CLIENT.redirect_uri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: ['oidc-test-cookie-key-0123456789'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 3600, IdToken: 3600 },
    findAccount: async (_ctx: unknown, id: string) => {
      const account = accounts.get(id)
      if (!account) return undefined
      return { accountId: id, claims: async () => ({ sub: id, ...account }) }
    },
  })

  provider.use(async (ctx, next) => {
    const hook = ctx.path === '/token' ? tokenHook : null
    if (!hook) return next()
    await hook.before?.()
    if (hook.drop) {
      ctx.respond = false
      ctx.req.socket.destroy()
      return
    }
    const realNow = Date.now
    if (hook.clockShiftMs) Date.now = () => realNow() + hook.clockShiftMs!
    try {
      await next()
    } finally {
      Date.now = realNow
    }
    if (hook.rewrite && ctx.body && typeof ctx.body === 'object') ctx.body = hook.rewrite(ctx.body as Record<string, unknown>)
  })

  const providerCallback = provider.callback()
  server.on('request', (req, res) => {
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(req.url ?? '')
    if (!match) return providerCallback(req, res)
    void interaction(req, res, match[2] === '/login').catch((error: unknown) => {
      res.statusCode = 500
      res.end(error instanceof Error ? error.message : String(error))
    })
  })

  // The provider's sign-in and consent page: pick an account by its id, consent is given with it.
  async function interaction(req: http.IncomingMessage, res: http.ServerResponse, submitted: boolean) {
    const details = await provider.interactionDetails(req, res)
    if (!submitted) {
      res.setHeader('Content-Type', 'text/html; charset=utf-8')
      res.end(`<!doctype html><html lang="en"><head><title>Test identity provider</title></head><body>
<h1>Test identity provider</h1>
<form method="post" action="/interaction/${details.uid}/login">
<label>Account <input name="account" autofocus></label>
<button type="submit">Continue</button>
</form></body></html>`)
      return
    }
    const body = new URLSearchParams(await readBody(req))
    const accountId = body.get('account') ?? ''
    if (!accounts.has(accountId)) {
      await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'unknown test account' }, {})
      return
    }
    const grant = new provider.Grant({ accountId, clientId: String(details.params.client_id) })
    grant.addOIDCScope('openid email profile')
    const grantId = await grant.save()
    await provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false })
  }

  /**
   * Follows an authorisation URL through the provider as a browser would (cookies kept), signs in
   * as `accountId`, and returns the address the provider sends the browser back to (the app's
   * callback with code and state).
   */
  async function authorize(authorizationUrl: string, accountId: string): Promise<URL> {
    const jar = new Map<string, string>()
    let url = new URL(authorizationUrl)
    let method = 'GET'
    let body: string | undefined
    for (let hop = 0; hop < 10; hop++) {
      if (url.origin !== issuer) return url
      const response = await fetch(url, {
        method,
        body,
        redirect: 'manual',
        headers: {
          Cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
          ...(body ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
        },
      })
      for (const cookie of response.headers.getSetCookie()) {
        const [pair] = cookie.split(';')
        const eq = pair!.indexOf('=')
        jar.set(pair!.slice(0, eq), pair!.slice(eq + 1))
      }
      await response.arrayBuffer()
      if (response.status < 300 || response.status >= 400) throw new Error(`provider answered ${response.status} at ${url.pathname}`)
      const next = new URL(response.headers.get('Location')!, url)
      if (next.origin === issuer && /^\/interaction\/[\w-]+$/.test(next.pathname)) {
        url = new URL(`${next.pathname}/login`, issuer)
        method = 'POST'
        body = new URLSearchParams({ account: accountId }).toString()
      } else {
        url = next
        method = 'GET'
        body = undefined
      }
    }
    throw new Error('too many redirects at the provider')
  }

  /** A real ID token the provider issues to the other application for `accountId`, with `nonce`. */
  async function idTokenForOtherClient(accountId: string, nonce: string): Promise<string> {
    const verifier = crypto.randomBytes(32).toString('base64url')
    const challenge = crypto.createHash('sha256').update(verifier).digest('base64url')
    const start = new URL('/auth', issuer)
    start.search = new URLSearchParams({
      client_id: OTHER_CLIENT.client_id,
      redirect_uri: OTHER_CLIENT.redirect_uri,
      response_type: 'code',
      scope: 'openid email',
      state: crypto.randomBytes(16).toString('base64url'),
      nonce,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }).toString()
    const back = await authorize(start.href, accountId)
    const code = back.searchParams.get('code')
    if (!code) throw new Error(`no code for the other client: ${back.href}`)
    const response = await fetch(new URL('/token', issuer), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: OTHER_CLIENT.redirect_uri,
        code_verifier: verifier,
        client_id: OTHER_CLIENT.client_id,
        client_secret: OTHER_CLIENT.client_secret,
      }),
    })
    const json = (await response.json()) as { id_token?: string }
    if (!json.id_token) throw new Error(`no ID token for the other client: ${JSON.stringify(json)}`)
    return json.id_token
  }

  return {
    issuer,
    port,
    /** Adds or replaces an account; its id is the subject (`sub`) the provider reports. */
    setAccount(id: string, account: TestAccount) {
      accounts.set(id, account)
    },
    /** Hooks the next token requests (null to stop). */
    onToken(hook: TokenHook | null) {
      tokenHook = hook
    },
    authorize,
    idTokenForOtherClient,
    async stop() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => {
      text += chunk
      if (text.length > 10_000) req.destroy(new Error('body too large'))
    })
    req.on('end', () => resolve(text))
    req.on('error', reject)
  })
}
