import { describe, expect, it } from 'vitest'
import { MDX_LIMITS, validateMdx } from './mdx-validator'

const ok = (source: string) => expect(validateMdx(source)).toEqual([])

describe('validateMdx accepts lessons written with the allow-list', () => {
  it('passes Markdown and allowed components with literal attributes', () => {
    ok(`# Probing for the real need

Valerie did not stop at the first answer. **She asked one more question.**

<Story title="The clothes held for the sale" source="Mary Gersema">
A client could not come back on sale day, so the clerk offered to ring the sale up for her.
</Story>

<Callout tone="tip" title="Try it">Ask a second, open question.</Callout>

<Mission />

<Reflection id="my-job" prompt="How does your job serve the mission?" />

<Check id="valerie-1" question="What did the clerk do after the first no?">
  <Option correct explanation="She probed for the real need.">She asked whether the clothes were needed for the trip.</Option>
  <Option explanation="That stops at the first answer.">She said the sale price could not be held.</Option>
</Check>

[A safe link](https://example.com/page) and [a relative one](/lessons/next).
`)
  })
})

type Case = [name: string, source: string, line: number, message: RegExp]

const HOSTILE: Case[] = [
  ['an import of fs', `# Title\n\nimport fs from 'fs'\n`, 3, /import and export/],
  ['an import of child_process', `import { exec } from 'child_process'\n\nText`, 1, /import and export/],
  ['an export statement', `Hello\n\nexport const secret = process.env.SESSION_SECRET\n`, 3, /import and export/],
  ['an expression in text', `Your key is {process.env.SESSION_SECRET} today.`, 1, /expressions in braces/],
  ['a flow expression', `Intro\n\n{require('child_process').execSync('id')}\n`, 3, /expressions in braces/],
  ['an expression in an attribute', `<Callout title={process.env.DATABASE_URL}>x</Callout>`, 1, /must be plain text in quotes/],
  ['a spread attribute', `<Callout {...process.env}>x</Callout>`, 1, /Spread attributes/],
  ['a script element', `Text\n\n<script>alert(document.cookie)</script>\n`, 3, /HTML elements such as <script>/],
  ['an iframe', `<iframe src="https://evil.example" />`, 1, /HTML elements such as <iframe>/],
  ['a style element', `<style>{'body{display:none}'}</style>`, 1, /HTML elements such as <style>/],
  ['an onClick handler', `<Callout onClick="steal()">x</Callout>`, 1, /onClick is not allowed/],
  ['an onError handler', `<Story title="t" onError="alert(1)">x</Story>`, 1, /onError is not allowed/],
  [
    'dangerouslySetInnerHTML',
    `<Callout dangerouslySetInnerHTML="<img src=x onerror=alert(1)>">x</Callout>`,
    1,
    /dangerouslySetInnerHTML is not allowed/,
  ],
  ['a javascript: link', `Click [here](javascript:alert(1)) now.`, 1, /"javascript:" addresses/],
  ['a mixed-case javascript: link', `Click [here](JaVaScRiPt:alert(1)).`, 1, /addresses are not allowed/],
  ['an entity-encoded javascript: link', `Click [here](&#x6A;avascript:alert(1)).`, 1, /"javascript:" addresses/],
  ['a data: link', `See [this](data:text/html;base64,PHNjcmlwdD4=).`, 1, /"data:" addresses/],
  ['a data: image', `![x](data:image/svg+xml;base64,PHN2Zz4=)`, 1, /"data:" addresses/],
  ['a javascript: reference definition', `[a][r]\n\n[r]: javascript:alert(1)\n`, 3, /"javascript:" addresses/],
  ['a javascript: attribute value', `<Story title="javascript:alert(1)">x</Story>`, 1, /may not be a "javascript:" address/],
  ['an unknown component', `Intro\n\n<Quiz id="x" />`, 3, /Unknown component <Quiz>/],
  ['a fragment', `<>hidden</>`, 1, /Fragments/],
  ['an Option outside a Check', `<Option explanation="x">A</Option>`, 1, /only appear inside <Check>/],
  ['a missing required attribute', `<Reflection prompt="Why?" />`, 1, /needs a id attribute/],
  ['an unknown attribute', `<Mission style="color:red" />`, 1, /takes no attributes/],
  ['a broken tag', `<Callout title="x">\n\nNever closed`, 1, /Could not read the MDX/],
]

describe('validateMdx refuses hostile input with line and column', () => {
  it.each(HOSTILE)('%s', (_name, source, line, message) => {
    const problems = validateMdx(source)
    expect(problems.length).toBeGreaterThan(0)
    const match = problems.find((p) => message.test(p.message))
    expect(match, JSON.stringify(problems)).toBeDefined()
    expect(match!.line).toBe(line)
    expect(match!.column).toBeGreaterThanOrEqual(1)
  })

  it('reports a column inside the line', () => {
    const [problem] = validateMdx('Some text {1 + 1} here')
    expect(problem).toMatchObject({ line: 1, column: 11 })
  })

  it('shifts lines by the frontmatter it follows', () => {
    const [problem] = validateMdx('ok\n\n{danger}', { lineOffset: 6 })
    expect(problem!.line).toBe(9)
  })

  it('refuses a lowercase HTML look-alike of an allowed component', () => {
    expect(validateMdx('<mission />')[0]!.message).toMatch(/HTML elements such as <mission>/)
  })

  it.each(['valueOf', 'constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'refuses <%s /> as an unknown component, without throwing',
    (name) => {
      const problems = validateMdx(`Text\n\n<${name} />`)
      expect(problems).toHaveLength(1)
      expect(problems[0]!.message).toMatch(/not allowed|Unknown component/)
    },
  )

  it.each(['constructor', '__proto__', 'hasOwnProperty', 'toString'])('refuses the attribute %s on an allowed component', (attr) => {
    const problems = validateMdx(`<Callout tone="tip" ${attr}="x">Ask again.</Callout>`)
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining(`has no attribute "${attr}"`)])
  })

  it('refuses a body that opens with a front-matter fence, however it is spelt', () => {
    for (const fence of ['---', '---js', '--- js', '---JS', '---javascript', '\uFEFF---js', '\n  ---js']) {
      expect(validateMdx(`${fence}\nrequire("fs")\n---\n# Hi`)[0], fence).toMatchObject({
        line: 1,
        message: expect.stringMatching(/front-matter fence/),
      })
    }
  })
})

describe('the size limits (MDX_LIMITS)', () => {
  const paragraph = (i: number) => `Paragraph ${i} asks the customer one open question.\n\n`
  const upTo = (chars: number) => {
    let text = ''
    for (let i = 0; text.length + paragraph(i).length <= chars; i++) text += paragraph(i)
    return text
  }
  const nested = (levels: number) => `${'<Callout tone="tip">\n\n'.repeat(levels)}Deep.\n\n${'</Callout>\n\n'.repeat(levels)}`

  it('are the figures the README states', () => {
    expect(MDX_LIMITS).toEqual({ characters: 20_000, lines: 1_000, nodes: 4_000, depth: 20 })
  })

  it('passes a text at the character limit and refuses one character more, naming the limit', () => {
    const text = upTo(MDX_LIMITS.characters).padEnd(MDX_LIMITS.characters, 'x')
    expect(validateMdx(text)).toEqual([])
    const problems = validateMdx(`${text}x`, { lineOffset: 4 })
    expect(problems).toEqual([
      { line: 5, column: 1, message: expect.stringContaining('20,001 characters, and the limit is 20,000 characters') },
    ])
  })

  it('refuses ~96 KB of dense Markdown by its size, before parsing it', () => {
    let dense = ''
    for (let i = 0; dense.length < 96_000; i++) dense += `*a${i}* **b** [link](https://example.com/${i}) \`code\` _d_\n`
    const started = performance.now()
    expect(validateMdx(dense)).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/too long: 96,\d{3} characters, and the limit is 20,000/) }),
    ])
    expect(performance.now() - started).toBeLessThan(50)
  })

  it('refuses more lines than the limit, naming it', () => {
    expect(validateMdx('a\n'.repeat(MDX_LIMITS.lines - 1))).toEqual([])
    expect(validateMdx('a\n'.repeat(MDX_LIMITS.lines))[0]!.message).toBe(
      'The text has too many lines: 1,001, and the limit is 1,000 lines. Split it into shorter lessons or scenarios.',
    )
  })

  it('refuses more MDX nodes than the limit, naming it', () => {
    // Each "*a* " is an emphasis, its text and the space after: three nodes in four characters.
    const emphasis = (n: number) => '*a* '.repeat(n)
    expect(validateMdx(emphasis(1_000))).toEqual([])
    const problems = validateMdx(emphasis(1_500))
    expect(problems).toHaveLength(1)
    expect(problems[0]!.message).toMatch(/too many parts: more than 4,000 MDX nodes .*the limit is 4,000/)
  })

  it('refuses components nested deeper than the limit, at the element that goes too deep', () => {
    expect(validateMdx(nested(MDX_LIMITS.depth - 2))).toEqual([])
    const problems = validateMdx(nested(MDX_LIMITS.depth + 5))
    expect(problems).toHaveLength(1)
    expect(problems[0]!.message).toMatch(/nested too deeply: more than 20 levels .*the limit is 20/)
    expect(problems[0]!.line).toBeGreaterThan(MDX_LIMITS.depth)
  })

  it('refuses ~57 KB of nested Callouts by its size', () => {
    expect(validateMdx(nested(1_800))[0]!.message).toMatch(/too long: .* the limit is 20,000 characters/)
  })
})
