import { afterEach, describe, expect, it, vi } from 'vitest'
import { CACHE_MS, cached, forgetCached, LruCache, remember } from './cache.server'

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

describe('LruCache', () => {
  it('drops the least recently used entry when full', () => {
    const cache = new LruCache<string, number>({ max: 2 })
    cache.set('a', 1)
    cache.set('b', 2)
    expect(cache.get('a')).toBe(1)
    cache.set('c', 3)
    expect(cache.get('b')).toBeUndefined()
    expect(cache.get('a')).toBe(1)
    expect(cache.get('c')).toBe(3)
    expect(cache.size).toBe(2)
    cache.set('a', 10)
    expect(cache.size).toBe(2)
    expect(cache.get('a')).toBe(10)
  })

  it('treats an entry older than its TTL as absent, and lives forever without one', () => {
    vi.useFakeTimers()
    const timed = new LruCache<string, number>({ max: 5, ttlMs: 1000 })
    const lasting = new LruCache<string, number>({ max: 5 })
    timed.set('a', 1)
    lasting.set('a', 1)
    vi.advanceTimersByTime(1000)
    expect(timed.get('a')).toBe(1)
    vi.advanceTimersByTime(1)
    expect(timed.get('a')).toBeUndefined()
    expect(timed.size).toBe(0)
    vi.advanceTimersByTime(1_000_000)
    expect(lasting.get('a')).toBe(1)
  })

  it('refuses a size below one', () => {
    expect(() => new LruCache({ max: 0 })).toThrow(/at least one/)
  })

  it('remembers a load, shares it while pending, and forgets a failure or a refused value', async () => {
    const cache = new LruCache<string, Promise<string>>({ max: 10 })
    let loads = 0
    const load = (value: string) => async () => {
      loads++
      if (value === 'fail') throw new Error('failed')
      return value
    }
    const first = remember(cache, 'k', load('one'))
    expect(remember(cache, 'k', load('two'))).toBe(first)
    expect(await first).toBe('one')
    expect(loads).toBe(1)

    await expect(remember(cache, 'f', load('fail'))).rejects.toThrow('failed')
    expect(cache.get('f')).toBeUndefined()

    expect(await remember(cache, 'r', load('bad'), (v) => v !== 'bad')).toBe('bad')
    expect(cache.get('r')).toBeUndefined()
    expect(await remember(cache, 'r', load('good'), (v) => v !== 'bad')).toBe('good')
    expect(await cache.get('r')).toBe('good')
  })
})
