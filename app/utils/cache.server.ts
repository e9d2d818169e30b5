// Process caches for what nearly every page reads and rarely changes (the organisation, published
// lessons, the readiness basis). An entry lives ten seconds; a change made through this process
// forgets every cache at once (forgetCached), so its author sees it on the next page. Another
// server process on the same database sees it within the ten seconds.
const forgetters = new Set<() => void>()
export const CACHE_MS = 10_000
const MAX_ENTRIES = 500

/**
 * A size-bounded map that drops its least recently used entry when full and, with `ttlMs`, treats
 * an entry older than that as absent. The one cache structure of the server: `cached` below, the
 * readiness basis, compiled MDX and the option-id keys use it.
 */
export class LruCache<K, V> {
  // A Map iterates in insertion order: re-inserting on every hit keeps the least recently used first.
  private readonly entries = new Map<K, { at: number; value: V }>()

  constructor(private readonly options: { max: number; ttlMs?: number }) {
    if (!(options.max >= 1)) throw new Error('An LruCache holds at least one entry.')
  }

  get size() {
    return this.entries.size
  }

  get(key: K): V | undefined {
    const entry = this.entries.get(key)
    if (!entry) return undefined
    if (this.options.ttlMs !== undefined && Date.now() - entry.at > this.options.ttlMs) {
      this.entries.delete(key)
      return undefined
    }
    this.entries.delete(key)
    this.entries.set(key, entry)
    return entry.value
  }

  set(key: K, value: V) {
    this.entries.delete(key)
    this.entries.set(key, { at: Date.now(), value })
    if (this.entries.size > this.options.max) this.entries.delete(this.entries.keys().next().value!)
  }

  delete(key: K) {
    return this.entries.delete(key)
  }

  clear() {
    this.entries.clear()
  }
}

/**
 * The cached promise for `key`, or `load`'s, cached; a load that fails, or whose value `keep`
 * refuses (a compile with problems), is forgotten so the next call tries again.
 */
export function remember<K, T>(cache: LruCache<K, Promise<T>>, key: K, load: () => Promise<T>, keep: (value: T) => boolean = () => true) {
  const hit = cache.get(key)
  if (hit) return hit
  const pending = load()
  cache.set(key, pending)
  const forget = () => {
    if (cache.get(key) === pending) cache.delete(key)
  }
  pending.then((value) => keep(value) || forget(), forget)
  return pending
}

/** `load`, remembered per key for CACHE_MS (at most MAX_ENTRIES keys); a failed load is not remembered. */
export function cached<K, V>(load: (key: K) => Promise<V>): (key: K) => Promise<V> {
  const entries = new LruCache<K, Promise<V>>({ max: MAX_ENTRIES, ttlMs: CACHE_MS })
  forgetters.add(() => entries.clear())
  return (key) => remember(entries, key, () => load(key))
}

/** Registers another cache's way to forget. */
export function onForget(forget: () => void) {
  forgetters.add(forget)
}

/** Call after changing the organisation, the framework, the settings or the published content. */
export function forgetCached() {
  for (const forget of forgetters) forget()
}
