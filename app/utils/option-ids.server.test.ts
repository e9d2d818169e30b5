import { describe, expect, it } from 'vitest'
import { OPTION_ID_PATTERN } from '~/domain/scenarios/option-ids'
import { attemptItemOptionIds, checkOptionIds, optionIds } from './option-ids.server'

const SECRET = 'x'.repeat(40)

describe('option ids', () => {
  it('are the same on every call, and 13 base32 characters', () => {
    const a = attemptItemOptionIds('item-1', SECRET)
    const b = attemptItemOptionIds('item-1', SECRET)
    for (let i = 0; i < 6; i++) {
      expect(a.id('', i)).toBe(b.id('', i))
      expect(a.id('', i)).toMatch(OPTION_ID_PATTERN)
    }
    expect(new Set([0, 1, 2, 3, 4, 5].map((i) => a.id('', i))).size).toBe(6)
  })

  it('mean nothing outside their scope and group, or under another secret', () => {
    const item = attemptItemOptionIds('item-1', SECRET)
    expect(attemptItemOptionIds('item-2', SECRET).id('', 0)).not.toBe(item.id('', 0))
    expect(attemptItemOptionIds('item-1', 'y'.repeat(40)).id('', 0)).not.toBe(item.id('', 0))
    expect(item.id('node:start', 0)).not.toBe(item.id('', 0))
    expect(checkOptionIds('user-1', 'v1', SECRET).id('k', 0)).not.toBe(checkOptionIds('user-2', 'v1', SECRET).id('k', 0))
    expect(checkOptionIds('user-1', 'v1', SECRET).id('k', 0)).not.toBe(checkOptionIds('user-1', 'v2', SECRET).id('k', 0))
    // An id from another item, group or secret is not one of this item's options.
    expect(item.index('', attemptItemOptionIds('item-2', SECRET).id('', 0), 4)).toBeNull()
    expect(item.index('', item.id('node:start', 0), 4)).toBeNull()
  })

  it('map back to their index among the options, and nothing else does', () => {
    const ids = optionIds('scope', SECRET)
    for (let i = 0; i < 5; i++) expect(ids.index('g', ids.id('g', i), 5)).toBe(i)
    expect(ids.index('g', ids.id('g', 5), 5)).toBeNull()
    for (const bad of ['0', '1', '', 'aaaaaaaaaaaaa', ids.id('g', 0).toUpperCase(), `${ids.id('g', 0)}a`])
      expect(ids.index('g', bad, 5)).toBeNull()
  })

  it('give a display order that is a permutation, stable, and not the same for everyone', () => {
    const order = optionIds('a', SECRET).order('k', 5)
    expect([...order].sort()).toEqual([0, 1, 2, 3, 4])
    expect(optionIds('a', SECRET).order('k', 5)).toEqual(order)
    const orders = new Set(Array.from({ length: 40 }, (_, n) => optionIds(`user-${n}`, SECRET).order('k', 5).join()))
    expect(orders.size).toBeGreaterThan(20)
  })

  it('put each option first about equally often over many scopes', () => {
    const first = [0, 0, 0, 0]
    for (let n = 0; n < 2000; n++) {
      const ids = optionIds(`item-${n}`, SECRET)
      const sorted = [0, 1, 2, 3].map((i) => ids.id('', i)).sort()
      first[[0, 1, 2, 3].find((i) => ids.id('', i) === sorted[0])!]! += 1
    }
    // 500 expected each; 4 standard deviations is about ±78.
    for (const count of first) expect(Math.abs(count - 500)).toBeLessThan(80)
  })
})
