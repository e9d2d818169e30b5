import { describe, expect, it } from 'vitest'
import { extractInteractions, scoreCheck } from './interactions'

const body = `Intro

<Reflection id="r1" prompt="How does your job serve the mission?" />

<Check id="c1" question="Which is a check-in?">
  <Option correct explanation="It asks for nothing.">"How did the day go?"</Option>
  <Option explanation="That is a promotion.">"Book now for 10% off."</Option>
</Check>
`

describe('extractInteractions', () => {
  it('reads Checks with their answers and Reflection prompts', () => {
    const { checks, prompts, problems } = extractInteractions(body)
    expect(problems).toEqual([])
    expect(prompts).toEqual([{ key: 'r1', prompt: 'How does your job serve the mission?' }])
    expect(checks).toEqual([
      {
        key: 'c1',
        question: 'Which is a check-in?',
        options: [
          { text: '"How did the day go?"', correct: true, explanation: 'It asks for nothing.' },
          { text: '"Book now for 10% off."', correct: false, explanation: 'That is a promotion.' },
        ],
      },
    ])
  })

  it('refuses a Check without a correct option, with one option, or a reused id', () => {
    const bad = `<Check id="a" question="q">\n  <Option explanation="x">A</Option>\n  <Option explanation="y">B</Option>\n</Check>\n\n<Check id="b" question="q">\n  <Option correct explanation="x">A</Option>\n</Check>\n\n<Reflection id="a" prompt="p" />\n`
    const { problems } = extractInteractions(bad, { lineOffset: 10 })
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [11, 'The Check "a" needs one <Option correct …>.'],
      [16, 'The Check "b" needs at least two <Option>s.'],
      [20, 'The id "a" is used twice in this lesson; each Check and Reflection needs its own.'],
    ])
  })
})

describe('scoreCheck', () => {
  const check = extractInteractions(body).checks[0]!
  it('scores the correct option 1 and another 0', () => {
    expect(scoreCheck(check, 0)).toBe(1)
    expect(scoreCheck(check, 1)).toBe(0)
  })
  it('refuses an option that is not in the Check', () => {
    expect(scoreCheck(check, 2)).toBeNull()
    expect(scoreCheck(check, -1)).toBeNull()
    expect(scoreCheck(check, 0.5)).toBeNull()
  })
})
