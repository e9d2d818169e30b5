import { describe, expect, it } from 'vitest'
import { drawItems, fitsRoles } from './quiz'

describe("a draw prefers the learner's work", () => {
  const bank = [
    { slug: 'desk', roles: ['front-desk'] },
    { slug: 'kitchen', roles: ['restaurant'] },
    { slug: 'everyone', roles: ['any'] },
    { slug: 'untagged', roles: undefined },
    { slug: 'rooms', roles: ['housekeeping'] },
  ]
  it('fits: tagged for one of the roles, for any, or untagged; a learner with no role fits everything', () => {
    expect(bank.filter((b) => fitsRoles(b.roles, ['housekeeping'])).map((b) => b.slug)).toEqual(['everyone', 'untagged', 'rooms'])
    expect(bank.filter((b) => fitsRoles(b.roles, [])).length).toBe(5)
  })
  it('a partial draw takes fitting items first, in random order; a full draw takes everything', () => {
    for (let seed = 1; seed <= 20; seed++) {
      let x = seed
      const random = () => (x = (x * 16807) % 2147483647) / 2147483647
      const drawn = drawItems(bank, { draw: 3, shuffleItems: true }, random, (b) => fitsRoles(b.roles, ['housekeeping']))
      expect(drawn.map((d) => d.slug).sort()).toEqual(['everyone', 'rooms', 'untagged'])
    }
    expect(
      drawItems(bank, { draw: 4, shuffleItems: true }, Math.random, (b) => fitsRoles(b.roles, ['housekeeping'])).filter((d) =>
        ['everyone', 'rooms', 'untagged'].includes(d.slug),
      ),
    ).toHaveLength(3)
    expect(drawItems(bank, { shuffleItems: true }, Math.random, () => false)).toHaveLength(5)
  })
})
