import { describe, expect, it } from 'vitest'
import { bankFigures, bankProblems, lintScenario } from './lint'
import { ScenarioSchema, type ScenarioDefinition, type ScenarioInput } from './scenario'

const base = { title: 'T', competencies: [{ id: 'c', weight: 1 }], stem: 'A guest asks.' }
const parse = (s: Partial<ScenarioInput>): ScenarioDefinition => ScenarioSchema.parse({ ...base, type: 'single', ...s })
const opt = (text: string, score?: number, redFlag = false) => ({ text, score, redFlag, explanation: 'Why.' })
const codes = (s: ScenarioDefinition) => lintScenario(s).map((w) => `${w.code}@${w.field}`)

// Four options of about the same length; the key is the second.
const balanced = parse({
  options: [
    opt('Offer to ring the shop for her and check', 0.4),
    opt('Ask her what she needs the dress for first', 1),
    opt('Tell her the sale ends today, no exception', 0.2),
    opt('Suggest she asks the manager about it right now', 0.5),
  ],
})

describe('lintScenario', () => {
  it('has nothing to say about a balanced item', () => {
    expect(lintScenario(balanced)).toEqual([])
  })
  it('warns when the key is over 1.25 times the distractors’ mean length', () => {
    const s = parse({
      options: [
        opt('Ask what she needs the dress for, when, and whether a hold until Monday would do', 1),
        opt('Offer to ring the shop for her', 0.4),
        opt('Tell her the sale ends today', 0.2),
      ],
    })
    expect(codes(s)).toContain('key-longest@options.0.text')
    expect(lintScenario(s).every((w) => w.level === 'warning')).toBe(true)
  })
  it('warns when only the key hedges', () => {
    const s = parse({
      options: [
        opt('Offer to hold it, if appropriate', 1),
        opt('Offer to ring the shop now', 0.4),
        opt('Tell her the sale ends today', 0.2),
      ],
    })
    expect(codes(s)).toContain('key-hedged@options.0.text')
  })
  it('fails a red flag that scores above an unflagged option', () => {
    const s = parse({
      options: [
        opt('Ask what she needs the dress for first', 1),
        opt('Tell her the rules are the rules here', 0.3, true),
        opt('Offer to ring the shop for her later on', 0.2),
      ],
    })
    expect(lintScenario(s)).toContainEqual(
      expect.objectContaining({ code: 'red-flag-above-unflagged', field: 'options.1.score', level: 'error' }),
    )
  })
  it('fails a red flag that only ties an unflagged option, except among the 0s of a multiple-response item', () => {
    const tie = parse({
      options: [
        opt('Ask what she needs the dress for first', 1),
        opt('Tell her the rules are the rules here', 0.2, true),
        opt('Offer to ring the shop for her later on', 0.2),
      ],
    })
    expect(codes(tie)).toContain('red-flag-above-unflagged@options.1.score')
    const multiple = parse({
      type: 'multiple',
      options: [opt('Note her name for next time', 1), opt('Read her card number aloud', 0, true), opt('Offer her the spa menu', 0)],
    })
    expect(codes(multiple)).not.toContain('red-flag-above-unflagged@options.1.score')
    const flaggedRight = parse({
      type: 'multiple',
      options: [opt('Note her name for next time', 1, true), opt('Offer her the spa menu', 0), opt('Ask about her trip home', 1)],
    })
    expect(codes(flaggedRight)).toContain('red-flag-above-unflagged@options.0.score')
  })
  it('fails a harmful option without a red flag', () => {
    const s = parse({
      options: [
        opt('Run the export she needs and log a ticket', 1),
        opt('Send her the whole database to search', 0.2),
        opt('Ask her to raise a ticket for it first', 0.3),
      ],
    })
    expect(lintScenario(s)).toContainEqual(expect.objectContaining({ code: 'harm-unflagged', field: 'options.1.redFlag', level: 'error' }))
  })
  it('warns about throwaway distractors: score 0 unflagged, or under 40% of the key', () => {
    const s = parse({
      options: [
        opt('Ask what she needs the dress for first', 1),
        opt('Shrug', 0.2),
        opt('Offer to ring the shop for her later on', 0, false),
      ],
    })
    expect(codes(s)).toEqual(expect.arrayContaining(['throwaway-distractor@options.1.text', 'throwaway-distractor@options.2.text']))
  })
  it('warns when the best-first ranking response is the longest', () => {
    const s = parse({
      type: 'ranking',
      options: [
        opt('Listen, check the charge yourself and come back with the fix'),
        opt('Walk him to reception now'),
        opt('Point him to reception'),
      ],
    })
    expect(codes(s)).toContain('ranking-best-longest@options.0.text')
  })
  it('treats a ranking red flag above an unflagged response as a contradiction', () => {
    const s = parse({
      type: 'ranking',
      options: [
        opt('Check the charge yourself and report back'),
        opt('Tell him it is normal and will pass', undefined, true),
        opt('Point him to the reception desk now'),
      ],
    })
    expect(codes(s)).toContain('red-flag-above-unflagged@options.1.score')
  })
  it('warns when every correct multiple-response option is longer than every wrong one', () => {
    const s = parse({
      type: 'multiple',
      options: [
        opt('Remember the name of the dog she mentioned', 1),
        opt('Send a card after the wedding she talked of', 1),
        opt('Upsell', 0),
        opt('Say hi', 0),
      ],
    })
    expect(codes(s)).toContain('multiple-length-aligned@options')
  })
  it('lints each turn of a conversation under its own path', () => {
    const s = parse({
      type: 'branching',
      nodes: [
        {
          id: 'a',
          stem: 'Hi',
          choices: [opt('Ask about the conference the week after next and what she needs to wear there', 1), opt('Offer a discount', 0.3)],
        },
        { id: 'b', stem: 'x', choices: [opt('ok', 1), opt('no', 0.5)] },
      ],
    })
    expect(codes(s)).toContain('key-longest@nodes.0.choices.0.text')
  })
})

describe('bankFigures', () => {
  const longKey = parse({
    options: [
      opt('Ask what she needs the dress for, by when, and offer to hold it till Monday', 1),
      opt('Offer to ring the shop', 0.4),
      opt('Quote the policy', 0.2),
      opt('Ask the manager', 0.5),
    ],
  })
  it('counts the key as longest, its position, and the bots’ mean scores', () => {
    const f = bankFigures([longKey, balanced])
    expect(f.keyLongest).toEqual({ items: 2, longest: 1, share: 0.5, chance: 0.25 })
    expect(f.keyPosition).toEqual({ 0: 1, 1: 1 })
    expect(f.bots.longest).toBeCloseTo((1 + 0.5) / 2) // balanced: the fourth option is its longest
    expect(f.bots.first).toBeCloseTo((1 + 0.4) / 2)
    expect(f.bots.blind).toBeCloseTo((2.1 / 4 + 2.1 / 4) / 2)
  })
  it('reports a multiple-response item’s correct count and scores a blind guess over every non-empty choice', () => {
    const m = parse({ type: 'multiple', options: [opt('a', 1), opt('b', 0), opt('c', 0)] })
    const f = bankFigures([m])
    expect(f.multipleCorrect).toEqual({ 1: 1 })
    // Subsets of {a,b,c}: a=1, b=0, c=0, ab=0, ac=0, bc=0, abc=0 → 1/7.
    expect(f.bots.blind).toBeCloseTo(1 / 7)
  })
  it('fails a bank whose keys are the longest far above chance, and passes one near it', () => {
    expect(bankProblems(bankFigures([longKey, longKey, longKey]))).toEqual(
      expect.arrayContaining([expect.stringContaining('longest in 3 of 3')]),
    )
    const shuffled = [
      balanced,
      parse({
        options: [
          opt('Tell her the sale ends today, no exception', 0.2),
          opt('Offer to ring the shop for her and check', 0.4),
          opt('Ask her what she needs the dress for first', 1),
          opt('Suggest she asks the manager about it right now', 0.5),
        ],
      }),
    ]
    expect(bankProblems(bankFigures(shuffled))).toEqual([])
  })
  it('fails a bank where every multiple-response item has the same number of correct options', () => {
    const m = parse({
      type: 'multiple',
      options: [opt('Note her name', 1), opt('Note the dog', 1), opt('Skip it all', 0), opt('Upsell a spa', 0)],
    })
    expect(bankProblems(bankFigures([m, m, m, m]))).toEqual(expect.arrayContaining([expect.stringContaining('exactly 2 correct')]))
  })
})
