// Calls route loaders and actions directly with real Request objects, as React Router would.
import type { ActionFunctionArgs, LoaderFunctionArgs } from 'react-router'
import { DomainError } from '~/domain/errors'
import { domainErrorResponse } from '~/utils/domain-errors.server'
import { requestContext } from '~/utils/request-context.server'

const BASE = 'http://localhost:3000'

type Handler = (args: LoaderFunctionArgs | ActionFunctionArgs) => unknown

export function get(path: string, cookie?: string) {
  return new Request(BASE + path, { headers: cookie ? { Cookie: cookie } : {} })
}

export function post(path: string, form: Record<string, string | string[]>, cookie?: string) {
  const body = new URLSearchParams()
  for (const [k, v] of Object.entries(form)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item)
  return new Request(BASE + path, {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: BASE, ...(cookie ? { Cookie: cookie } : {}) },
  })
}

/**
 * Runs a loader or action and returns a Response-like result: thrown Responses (redirects, 403,
 * 404) are caught and returned; `data()` results and plain objects are normalised.
 */
let nextAddress = 1
/** A different client address per call unless one is given (the sign-in throttle counts per address). */
export async function call(handler: Handler, request: Request, params: Record<string, string> = {}, ip = `192.0.2.${nextAddress++ % 250}`) {
  const context = { requestId: 'test', ip, setCookies: [] }
  try {
    const result = await requestContext.run(context, () =>
      handler({ request, url: new URL(request.url), params, pattern: new URL(request.url).pathname, context: {} }),
    )
    return normalise(result)
  } catch (thrown) {
    // As the server's build does (withDomainErrorResponses): an uncaught DomainError is its Response.
    const response = thrown instanceof DomainError ? domainErrorResponse(thrown) : thrown
    if (response instanceof Response)
      return { status: response.status, headers: response.headers, body: (await response.text()) as unknown }
    throw thrown
  }
}

async function normalise(result: unknown): Promise<{ status: number; headers: Headers; body: unknown }> {
  if (result instanceof Response) return { status: result.status, headers: result.headers, body: await result.text() }
  if (result && typeof result === 'object' && 'type' in result && (result as { type: unknown }).type === 'DataWithResponseInit') {
    const d = result as unknown as { data: unknown; init?: ResponseInit }
    return { status: d.init?.status ?? 200, headers: new Headers(d.init?.headers), body: d.data }
  }
  return { status: 200, headers: new Headers(), body: result }
}

/** The `name=value` part of a response's session cookie. */
export function sessionCookieFrom(headers: Headers) {
  const raw = headers.get('Set-Cookie') ?? ''
  const match = /mr_session=[^;]*/.exec(raw)
  return match ? match[0] : null
}

type FormReply = { result?: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> | null } }

/** A form action's errors, the first message per field and the form's own under `form` (conform's reply, or the older `{ errors }`). */
export function errorsOf(body: unknown): Record<string, string | undefined> {
  const old = (body as { errors?: Record<string, string | undefined> }).errors
  if (old) return old
  const error = (body as FormReply).result?.error ?? {}
  return Object.fromEntries(Object.entries(error).map(([name, messages]) => [name === '' ? 'form' : name, messages?.[0]]))
}

/** The values a refused form sends back to be shown again (conform's reply, or the older `{ values }`). */
export function valuesOf(body: unknown): Record<string, unknown> {
  return (body as { values?: Record<string, unknown> }).values ?? (body as FormReply).result?.initialValue ?? {}
}

/** The toast a redirect carries to the next page, read as the root loader reads it, and the cookie that carries it. */
export async function toastOf(response: { headers: Headers }) {
  const cookie = /mr_toast=[^;]*/.exec(response.headers.get('Set-Cookie') ?? '')?.[0]
  if (!cookie) return { toast: null, cookie: null }
  const { readToast } = await import('~/utils/toast.server')
  return { toast: (await readToast(get('/', cookie))).toast, cookie }
}
