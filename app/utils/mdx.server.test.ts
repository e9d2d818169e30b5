import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { compileMdx, compiledCacheSize, compileValidated, COMPILE_LIMITS, mdxCompileCount } from './mdx.server'

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
    const result = await compileMdx(
      `<Check id="c" question="Pick one">\n  <Option correct explanation="SECRET-WHY-RIGHT">Right answer</Option>\n  <Option explanation="SECRET-WHY-WRONG">Wrong answer</Option>\n</Check>`,
    )
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

// The worker is called directly here, past the validator and its MDX_LIMITS, with what those would
// refuse: the compile must fail with a problem, the test process (the web process in production)
// must stay up, and the next compile must work in a fresh worker.
describe('the compile worker', () => {
  const dense = (chars: number) => {
    let text = ''
    for (let i = 0; text.length < chars; i++) text += `*a${i}* **b** [link](https://example.com/${i}) \`code\` _d_ ~e~\n`
    return text
  }

  it('runs with a heap limit and a timeout', () => {
    expect(COMPILE_LIMITS).toEqual({ heapMb: 96, timeoutMs: 20_000 })
  })

  it('answers a problem when a text exhausts its heap, and the next compile works', async () => {
    const heapBefore = process.memoryUsage().heapUsed
    const blown = await compileValidated(dense(400_000))
    expect(blown).toEqual({
      ok: false,
      problems: [
        {
          line: 1,
          column: 1,
          message: expect.stringContaining('needs more memory to compile than one lesson or scenario may use (96 MB)'),
        },
      ],
    })
    // The compile's memory was the worker's, not this process's.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024)
    const next = await compileMdx(`# After the crash ${Date.now()}\n\n<Callout tone="tip">Still here.</Callout>`)
    expect(next.ok).toBe(true)
    expect(next.ok && next.code).toContain('Still here.')
  }, 120_000)

  it('stops a compile that runs past its timeout, and the next compile works', async () => {
    const slow = await compileValidated(dense(15_000), { limits: { heapMb: COMPILE_LIMITS.heapMb, timeoutMs: 50 } })
    expect(slow).toEqual({
      ok: false,
      problems: [
        {
          line: 1,
          column: 1,
          message: 'Compiling this text took longer than 0.05 seconds, so it was stopped. Shorten it, or split it into several.',
        },
      ],
    })
    const next = await compileMdx(`# After the timeout ${Date.now()}`)
    expect(next.ok).toBe(true)
  }, 60_000)

  it('counts compiles, not cache hits', async () => {
    const source = `# Counted ${Date.now()}`
    const before = mdxCompileCount()
    await compileMdx(source)
    await compileMdx(source)
    expect(mdxCompileCount()).toBe(before + 1)
  })
})
