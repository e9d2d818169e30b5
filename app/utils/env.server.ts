import { z } from 'zod'
import { SESSION_MAX_DAYS } from '~/domain/auth/session-expiry'
import { parseSsoSettings, type SsoSettings } from '~/domain/auth/sso'
import { databaseKind, defaultDatabaseUrl } from './database-url'

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['production', 'development', 'test']).default('development'),
    DATABASE_URL: z
      .string()
      .default(defaultDatabaseUrl)
      .superRefine((url, ctx) => {
        try {
          databaseKind(url)
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: (error as Error).message.replace(/^DATABASE_URL /, '') })
        }
      }),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    APP_URL: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://localhost:3000' })
      .transform((u) => u.replace(/\/+$/, ''))
      .optional(),
    PORT: z.coerce.number({ error: 'must be a port number' }).int().min(1).max(65535).default(3000),
    SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must look like smtp://user:pass@host:587 or smtps://host:465' }).optional(),
    MAIL_FROM: z.string().min(3).default('Mission Ready <no-reply@localhost>'),
    LOG_LEVEL: z.enum(['silent', 'error', 'info']).default('info'),
    // Which proxies may say who the client is (X-Forwarded-For): the sign-in throttle counts by address.
    TRUST_PROXY: z
      .string()
      .default('loopback')
      .transform((value, ctx) => {
        const v = value.trim().toLowerCase()
        if (v === 'false' || v === 'none') return false
        if (/^\d{1,2}$/.test(v)) return Number(v)
        const entries = v.split(',').map((e) => e.trim())
        const ok = entries.every((e) => ['loopback', 'linklocal', 'uniquelocal'].includes(e) || /^[0-9a-f.:]+(\/\d{1,3})?$/.test(e))
        if (ok) return entries.join(',')
        ctx.addIssue({
          code: 'custom',
          message: 'must be false, a number of proxy hops, or a comma-separated list of addresses or subnets (loopback, 10.0.0.0/8, ...)',
        })
        return z.NEVER
      }),
    // The server's own recurring work (app/models/jobs.server.ts): off when cron runs `npm run daily` instead.
    SCHEDULER: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
    SCHEDULER_INTERVAL_SECONDS: z.coerce
      .number({ error: 'must be a number of seconds' })
      .int('must be a whole number of seconds')
      .min(1)
      .max(3600)
      .default(60),
    SESSION_MAX_DAYS: z.coerce
      .number({ error: 'must be a number of days' })
      .int('must be a whole number of days')
      .min(1)
      .max(365)
      .default(SESSION_MAX_DAYS),
    // Single sign-on (OpenID Connect): all of issuer, client id, secret and allowed domains, or none.
    OIDC_ISSUER: z.string().optional(),
    OIDC_CLIENT_ID: z.string().optional(),
    OIDC_CLIENT_SECRET: z.string().optional(),
    OIDC_ALLOWED_DOMAINS: z.string().optional(),
    OIDC_LABEL: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'is required in production (32+ random characters)' })
    }
    if (env.SMTP_URL && !/<?[^\s@<>]+@[^\s@<>]+>?$/.test(env.MAIL_FROM)) {
      ctx.addIssue({ code: 'custom', path: ['MAIL_FROM'], message: 'must contain a sender address when SMTP_URL is set' })
    }
    for (const issue of parseSsoSettings(env).issues) ctx.addIssue({ code: 'custom', path: [issue.name], message: issue.message })
  })

export type Env = Omit<z.infer<typeof EnvSchema>, 'APP_URL'> & {
  APP_URL: string
  /** Single sign-on, or null when no OIDC_ setting is given. */
  SSO: SsoSettings | null
}

/** Parses settings; throws one message naming every bad setting. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''))
  const result = EnvSchema.safeParse(cleaned)
  // Without APP_URL, the app is where it listens on this machine.
  if (result.success) {
    const { settings } = parseSsoSettings(result.data)
    return { ...result.data, APP_URL: result.data.APP_URL ?? `http://localhost:${result.data.PORT}`, SSO: settings }
  }
  const lines = result.error.issues.map((i) => `  ${i.path.join('.') || 'settings'}: ${i.message}`)
  throw new Error(`Invalid configuration:\n${lines.join('\n')}`)
}

let cached: Env | undefined
export function env(): Env {
  cached ??= parseEnv(process.env)
  return cached
}

/** Reads process.env again at the next env() (tests that change a setting such as OIDC_ISSUER). */
export function reloadEnv() {
  cached = undefined
}
