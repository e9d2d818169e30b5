// Option ids derived from the server's secret (HMAC-SHA-256), so they need no storage: the same on
// every reload and in every process, and two racing requests see the same ids. An id names one
// option of one attempt item (or of one learner's lesson Check): an id seen in one attempt says
// nothing about another, and without the secret no id can be linked to an option's place in the file.
// Rotating SESSION_SECRET changes the ids of open attempts: a page loaded before then asks for a reload.
import { createHmac } from 'node:crypto'
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding'
import { OPTION_ID_PATTERN, type OptionIds } from '~/domain/scenarios/option-ids'
import { LruCache } from './cache.server'
import { env } from './env.server'

// The same fallback as the session cookie's: production requires SESSION_SECRET (env.server.ts).
const DEV_SECRET = 'development-only-secret-not-for-production-use'

// One key per secret in use (the server's; tests pass others).
const rootKeys = new LruCache<string, Buffer>({ max: 8 })
function rootKey(secret: string) {
  let key = rootKeys.get(secret)
  if (!key) {
    key = createHmac('sha256', secret).update('mission-ready option ids').digest()
    rootKeys.set(secret, key)
  }
  return key
}

const mac = (key: Buffer, message: string) => createHmac('sha256', key).update(message).digest()

/** The option ids of one scope (an attempt item, a learner's lesson version). `secret` defaults to the server's. */
export function optionIds(
  scope: string,
  secret: string = env().SESSION_SECRET ?? DEV_SECRET,
): OptionIds & { order(group: string, count: number): number[] } {
  const key = mac(rootKey(secret), scope)
  const id = (group: string, index: number) => encodeBase32LowerCaseNoPadding(mac(key, `id\n${group}\n${index}`).subarray(0, 8))
  return {
    id,
    index(group, submitted, count) {
      if (!OPTION_ID_PATTERN.test(submitted)) return null
      for (let i = 0; i < count; i++) if (id(group, i) === submitted) return i
      return null
    },
    /** A display order of `count` options, the same on every visit: sorted by a keyed hash of each index. */
    order(group, count) {
      const ranks = Array.from({ length: count }, (_, i) => ({ i, rank: mac(key, `order\n${group}\n${i}`).toString('hex') }))
      return ranks.sort((a, b) => (a.rank < b.rank ? -1 : 1)).map((r) => r.i)
    },
  }
}

/** The ids of an attempt item's options (and of its conversation's replies). */
export const attemptItemOptionIds = (itemId: string, secret?: string) => optionIds(`attempt-item\n${itemId}`, secret)

/** The ids of one learner's options in the Checks of one lesson version. */
export const checkOptionIds = (userId: string, lessonVersionId: string, secret?: string) =>
  optionIds(`check\n${userId}\n${lessonVersionId}`, secret)
