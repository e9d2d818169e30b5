// The HTTP server's security policy, as Express middleware: security headers and the
// Content-Security-Policy, the request-size limit, the cross-site check for state-changing requests,
// and how a refused request is answered. app/cli/server.ts wires them in order.
import type express from 'express'
import { MAX_BODY_BYTES, TOO_LARGE_MESSAGE } from '~/utils/body-limit'

/**
 * The Content-Security-Policy of every response. Scripts run only from this origin or with this
 * response's nonce: no inline scripts otherwise. 'unsafe-eval' is the trade-off of mdx-bundler, which
 * turns a lesson's compiled (validated) code into a component with `new Function`; pages reached by
 * client-side navigation keep the first page's policy, so every page carries it. Inline style
 * attributes (progress bars) need 'unsafe-inline' for styles only. Forms post only to this origin,
 * and to the single sign-on provider's origins when it is configured (`formOrigins`, from
 * app/utils/oidc.server.ts): without JavaScript, "Sign in with …" is a native form post answered by a
 * redirect to the provider, and browsers check form-action on every redirect of a form submission.
 */
export function contentSecurityPolicy(nonce: string, formOrigins: readonly string[] = []) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'unsafe-eval'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    ["form-action 'self'", ...formOrigins].join(' '),
    "frame-ancestors 'none'",
  ].join('; ')
}

/** Security headers on a response; Strict-Transport-Security only when the app is served over https. */
export function setSecurityHeaders(
  res: express.Response,
  { nonce, hsts, formOrigins = [] }: { nonce: string; hsts: boolean; formOrigins?: readonly string[] },
) {
  res.setHeader('Content-Security-Policy', contentSecurityPolicy(nonce, formOrigins))
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('X-Frame-Options', 'DENY')
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin')
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()')
  if (hsts) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
}

/**
 * Refuses a request that announces a body over the limit before any of it is read (a body without
 * a length is counted as it arrives, by readBody). A moment's grace lets the client read the answer
 * before its connection goes.
 */
export function bodySizeGuard(): express.RequestHandler {
  return (req, res, next) => {
    const length = Number(req.get('content-length') ?? 0)
    if (length > MAX_BODY_BYTES) {
      refuse(req, res, 413, TOO_LARGE_MESSAGE)
      res.on('finish', () => setTimeout(() => req.destroy(), 200).unref())
      return
    }
    next()
  }
}

/**
 * The origin policy: an address (Origin or Referer) is this app's when its origin is APP_URL's, or
 * its host is the Host the request was sent to.
 */
export function isSameOrigin(address: string | undefined, host: string | undefined, appOrigin: string) {
  if (!address) return false
  try {
    const url = new URL(address)
    return url.origin === appOrigin || url.host === host
  } catch {
    return false
  }
}

/**
 * Cross-site form posts: a state-changing request whose Origin is neither the configured address nor
 * the host it was sent to is refused (SameSite=Lax cookies are the first line). Without an Origin
 * (older browsers, some privacy tools), the browser's Sec-Fetch-Site or a same-site Referer must say
 * the form came from here; a request with none of them is refused.
 */
export function crossSiteGuard(appOrigin: string): express.RequestHandler {
  const sameSite = (address: string | undefined, req: express.Request) => isSameOrigin(address, req.get('host'), appOrigin)
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next()
    const origin = req.get('origin')
    const fetchSite = req.get('sec-fetch-site')
    const allowed = origin
      ? sameSite(origin, req)
      : fetchSite === 'same-origin' || fetchSite === 'none' || sameSite(req.get('referer'), req)
    if (allowed) return next()
    res.status(403).type('text/plain').send('Cross-site request refused: this form must be sent from Mission Ready itself.')
  }
}

function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

// The app's look without its stylesheet (whose hashed name the server does not know): the same
// tokens as app/styles/app.css. The CSP allows inline styles.
const REFUSAL_STYLE =
  '<style>body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b2430;background:#f6f4ef}' +
  'header{background:#08444a;color:#fff;font-weight:700;padding:.7rem 1rem}' +
  'main{max-width:32rem;margin:3rem auto;padding:1.25rem 1.5rem;background:#fff;border:1px solid #d9d5cc;border-radius:10px}h1{font-size:1.5rem;margin:0 0 .5rem}</style>'

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
}

/**
 * An error response as React Router's client reads a `.data` answer (single fetch, turbo-stream): the
 * route's error boundary then shows this status and message, not "Something went wrong" (the
 * client cannot decode plain text). The encoding is the one react-router's server runtime's
 * encodeViaTurboStream writes for `{ error: ErrorResponse }`; server.test.ts decodes it with the
 * client's decoder.
 */
export function singleFetchError(status: number, message: string) {
  return `${JSON.stringify([{ _1: 2 }, 'error', ['ErrorResponse', 3, 4, 5], message, status, STATUS_TEXT[status] ?? ''])}\n`
}

/** A refusal in the form the client asked for: a page for a document request, an error React Router's client shows for `.data`, text otherwise. */
export function refuse(req: express.Request, res: express.Response, status: number, message: string) {
  res.setHeader('Cache-Control', 'no-store')
  if (status === 413) res.setHeader('Connection', 'close')
  if (req.path.endsWith('.data')) {
    res.status(status).type('text/x-script').send(singleFetchError(status, message))
    return
  }
  const wantsPage = (req.get('accept') ?? '').includes('text/html')
  if (wantsPage) {
    const title = status === 413 ? 'Too large' : 'Not accepted'
    res
      .status(status)
      .type('html')
      .send(
        `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title} · Mission Ready</title>${REFUSAL_STYLE}</head>` +
          `<body><header>Mission Ready</header><main role="alert"><h1>${title}</h1><p>${escapeHtml(message)}</p><p>Go back to keep what you wrote, shorten it, and send it again.</p></main></body></html>`,
      )
  } else {
    res.status(status).type('text/plain').send(message)
  }
}
