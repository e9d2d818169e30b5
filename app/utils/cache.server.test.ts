import { afterEach, describe, expect, it, vi } from 'vitest'
import { CACHE_MS, cached, forgetCached } from './cache.server'

afterEach(() => vi.useRealTimers())

describe('process caches', () => {
  it('loads once per key until the entry is older than CACHE_MS or forgotten', async () => {
    vi.useFakeTimers()
    let loads = 0
    const get = cached(async (key: string) => `${key}:${++loads}`)
    expect(await get('a')).toBe('a:1')
    expect(await get('a')).toBe('a:1')
    expect(await get('b')).toBe('b:2')
    vi.advanceTimersByTime(CACHE_MS + 1)
    expect(await get('a')).toBe('a:3')
    forgetCached()
    expect(await get('a')).toBe('a:4')
  })

  it('does not keep a failed load', async () => {
    let fail = true
    const get = cached(async () => {
      if (fail) throw new Error('database away')
      return 'ok'
    })
    await expect(get(null)).rejects.toThrow('database away')
    fail = false
    expect(await get(null)).toBe('ok')
  })
})
