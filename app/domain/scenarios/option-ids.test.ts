import { describe, expect, it } from 'vitest'
import { indicesOf, nodeGroup, publicResponse, type OptionIds } from './option-ids'

// Ids that make the mapping visible: "group#index".
const fake: OptionIds = {
  id: (group, index) => `${group}#${index}`,
  index: (group, id, count) => {
    const [g, i] = id.split('#')
    const n = Number(i)
    return g === group && Number.isInteger(n) && n >= 0 && n < count ? n : null
  },
}

describe('public responses', () => {
  it('name options by id and conversation turns by number, never by node or index', () => {
    expect(publicResponse({ type: 'single', option: 2 }, fake)).toEqual({ type: 'single', option: '#2' })
    expect(publicResponse({ type: 'multiple', options: [0, 3] }, fake)).toEqual({ type: 'multiple', options: ['#0', '#3'] })
    expect(publicResponse({ type: 'ranking', order: [1, 0] }, fake)).toEqual({ type: 'ranking', order: ['#1', '#0'] })
    expect(
      publicResponse(
        {
          type: 'branching',
          path: [
            { node: 'start', choice: 1 },
            { node: 'he-hesitates', choice: 0 },
          ],
        },
        fake,
      ),
    ).toEqual({
      type: 'branching',
      path: [
        { turn: 0, choice: `${nodeGroup('start')}#1` },
        { turn: 1, choice: `${nodeGroup('he-hesitates')}#0` },
      ],
    })
    expect(publicResponse({ type: 'free-text', text: 'Who is coming?' }, fake)).toEqual({ type: 'free-text', text: 'Who is coming?' })
  })

  it('translate submitted ids back, refusing the whole list if any id is not one of the options', () => {
    expect(indicesOf(fake, '', ['#2', '#0'], 4)).toEqual([2, 0])
    expect(indicesOf(fake, '', [], 4)).toEqual([])
    expect(indicesOf(fake, '', ['#2', '#4'], 4)).toBeNull()
    expect(indicesOf(fake, '', ['node:x#1'], 4)).toBeNull()
  })
})
