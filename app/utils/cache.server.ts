// Process caches for what nearly every page reads and rarely changes (the organisation, published
// lessons, the readiness basis). An entry lives ten seconds; a change made through this process
// forgets every cache at once (forgetCached), so its author sees it on the next page. Another
// server process on the same database sees it within the ten seconds.
const forgetters = new Set<() => void>()
export const CACHE_MS = 10_000
const MAX_ENTRIES = 500

/** `load`, remembered per key for CACHE_MS; a failed load is not remembered. */
export function cached<K, V>(load: (key: K) => Promise<V>): (key: K) => Promise<V> {
  const entries = new Map<K, { at: number; value: Promise<V> }>()
  forgetters.add(() => entries.clear())
  return (key) => {
    const hit = entries.get(key)
    if (hit && Date.now() - hit.at <= CACHE_MS) return hit.value
    const entry = { at: Date.now(), value: load(key) }
    entries.set(key, entry)
    entry.value.catch(() => entries.get(key) === entry && entries.delete(key))
    if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!)
    return entry.value
  }
}

/** Registers another cache's way to forget. */
export function onForget(forget: () => void) {
  forgetters.add(forget)
}

/** Call after changing the organisation, the framework, the settings or the published content. */
export function forgetCached() {
  for (const forget of forgetters) forget()
}
