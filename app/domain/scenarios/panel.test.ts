import { describe, expect, it } from 'vitest'
import { krippendorffAlpha, panelAgreement, scoredChoices, withPanelKey, type Rating } from './panel'
import { ScenarioSchema } from './scenario'

const opt = (text: string, score: number) => ({ text, score, explanation: 'Because.' })
const single = ScenarioSchema.parse({
  title: 'T',
  type: 'single',
  competencies: [{ id: 'empowered-to-help', weight: 1 }],
  stem: 'A guest asks.',
  options: [opt('Fix it now', 1), opt('Call the manager', 0.5), opt('Log it for tomorrow', 0), opt('Quote the policy', 0)],
})
const choices = scoredChoices(single)
const rating = (raterId: string, scores: number[], texts = single.options.map((o) => o.text)): Rating => ({
  raterId,
  scores: Object.fromEntries(scores.map((score, i) => [`options.${i}`, { text: texts[i]!, score }])),
})

describe("Krippendorff's alpha (interval)", () => {
  it('matches the published example (Krippendorff 2011: four observers, twelve units, missing values): 0.849', () => {
    // Units are columns of the example's table; its missing values are left out.
    const units = [
      [1, 1, 1],
      [2, 2, 3, 2],
      [3, 3, 3, 3],
      [3, 3, 3, 3],
      [2, 2, 2, 2],
      [1, 2, 3, 4],
      [4, 4, 4, 4],
      [1, 1, 2, 1],
      [2, 2, 2, 2],
      [5, 5, 5],
      [1, 1],
      [3],
    ]
    expect(krippendorffAlpha(units)).toBeCloseTo(0.849, 3)
  })
  it('is 1 for identical scores and negative for systematic disagreement; null with nothing to compare', () => {
    expect(
      krippendorffAlpha([
        [1, 1],
        [0, 0],
        [0.5, 0.5],
      ]),
    ).toBe(1)
    expect(
      krippendorffAlpha([
        [0, 1],
        [1, 0],
      ]),
    ).toBeCloseTo(-0.5, 6)
    expect(krippendorffAlpha([[1], [0]])).toBeNull()
  })
})

describe('panel agreement', () => {
  it('per option: the raters’ scores, mean, mean difference and range; an option more than 0.3 apart is a disagreement', () => {
    const a = panelAgreement(choices, [rating('ana', [1, 0.5, 0, 0]), rating('ben', [1, 0.4, 0, 0.5])])
    expect(a.raters).toBe(2)
    expect(a.options.map((o) => [o.mean, o.meanDifference, o.disagree])).toEqual([
      [1, 0, false],
      [0.45, 0.1, false],
      [0, 0, false],
      [0.25, 0.5, true],
    ])
    expect(a.meanDifference).toBe(0.15)
    expect(a.disagrees).toBe(true)
  })

  it('agrees when the raters agree closely, and a single rater is no panel', () => {
    const close = panelAgreement(choices, [
      rating('ana', [1, 0.5, 0, 0]),
      rating('ben', [1, 0.6, 0.1, 0]),
      rating('cy', [0.9, 0.5, 0, 0.1]),
    ])
    expect(close.alpha).toBeGreaterThan(0.9)
    expect(close.disagrees).toBe(false)
    expect(panelAgreement(choices, [rating('ana', [0, 1, 1, 1])]).disagrees).toBe(false)
  })

  it('a score given to an option whose text has changed since is not counted', () => {
    const old = rating('ben', [0, 1, 0, 0], ['Fix it now', 'Call the manager (old wording)', 'Log it for tomorrow', 'Quote the policy'])
    const a = panelAgreement(choices, [rating('ana', [1, 0.5, 0, 0]), old])
    expect(a.options[1]!.scores).toEqual([0.5])
    expect(a.options[0]!.scores).toEqual([1, 0])
  })
})

describe("the panel's key", () => {
  it('each choice scored by two or more raters gets their mean, to the nearest 0.05', () => {
    const keyed = withPanelKey(single, [rating('ana', [1, 0.5, 0, 0.2]), rating('ben', [1, 0.6, 0, 0])])
    expect(keyed.options.map((o) => o.score)).toEqual([1, 0.55, 0, 0.1])
    expect(withPanelKey(single, [rating('ana', [0, 0, 0, 1])])).toBe(single)
  })
  it('multiple response: in or out by majority; conversations: every reply of every turn', () => {
    const multiple = ScenarioSchema.parse({
      ...single,
      type: 'multiple',
      options: single.options.map((o, i) => ({ ...o, score: i < 2 ? 1 : 0 })),
    })
    const keyed = withPanelKey(multiple, [rating('ana', [1, 0, 0, 1]), rating('ben', [1, 1, 0, 0]), rating('cy', [1, 0, 1, 0])])
    expect(keyed.options.map((o) => o.score)).toEqual([1, 0, 0, 0])
    const conversation = ScenarioSchema.parse({
      ...single,
      type: 'branching',
      options: [],
      nodes: [{ id: 'start', stem: 'S', choices: [opt('Ask why', 1), opt('Sell', 0)] }],
    })
    expect(scoredChoices(conversation).map((c) => c.key)).toEqual(['nodes.0.choices.0', 'nodes.0.choices.1'])
  })
})
