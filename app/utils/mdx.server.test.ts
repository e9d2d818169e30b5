import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { compileMdx, compiledCacheSize } from './mdx.server'

describe('compileMdx', () => {
  it('compiles allowed MDX to code that calls the allow-listed components', async () => {
    const result = await compileMdx('# Hello\n\n<Callout tone="tip">Ask again.</Callout>\n\n<Mission />')
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.code).toContain('Callout')
    expect(result.code).toContain('Mission')
    expect(result.hash).toMatch(/^[0-9a-f]{64}$/)
  })

  it('keeps Check answers and explanations out of the compiled code', async () => {
    const result = await compileMdx(`<Check id="c" question="Pick one">\n  <Option correct explanation="SECRET-WHY-RIGHT">Right answer</Option>\n  <Option explanation="SECRET-WHY-WRONG">Wrong answer</Option>\n</Check>`)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.code).toContain('Right answer')
    expect(result.code).not.toContain('SECRET-WHY')
    expect(result.code).not.toMatch(/correct/)
    expect(result.code).toMatch(/index:\s*"1"/)
  })

  it('compiles a version once: the same source comes from the cache', async () => {
    const source = `# Cached ${Date.now()}\n\nText.`
    const first = compileMdx(source)
    const size = compiledCacheSize()
    const second = compileMdx(source)
    expect(second).toBe(first)
    expect(compiledCacheSize()).toBe(size)
  })

  it('refuses hostile MDX before compiling, so nothing in it runs', async () => {
    const marker = path.join(os.tmpdir(), `mdx-executed-${process.pid}-${Date.now()}`)
    const hostile = [
      `export const x = require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran')`,
      '',
      `{require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran')}`,
    ].join('\n')
    const result = await compileMdx(hostile, { lineOffset: 7 })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems.map((p) => p.line)).toEqual([8, 10])
    expect(fs.existsSync(marker)).toBe(false)
  })
})
