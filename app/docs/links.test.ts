// Every relative link and image in the project's Markdown resolves to a file or folder inside the
// repository, and no link leaves it (a `../` that climbs above the root).
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')
const SKIP = new Set(['node_modules', 'build', '.git', '.react-router', 'test-results', 'playwright-report'])

function markdownFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name) || entry.name.startsWith('.')) return []
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return full === path.join(root, 'tests', '.tmp') ? [] : markdownFiles(full)
    return entry.name.endsWith('.md') ? [full] : []
  })
}

/** The targets of inline links and images, `[text](target)`, outside fenced code blocks and code spans. */
export function linkTargets(markdown: string): string[] {
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '')
  return [...prose.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1])
}

const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target)

describe('Markdown links', () => {
  const files = markdownFiles(root)

  it('finds the documentation', () => {
    const names = files.map((f) => path.relative(root, f))
    expect(names).toEqual(expect.arrayContaining(['README.md', 'app/README.md', 'app/docs/decisions/README.md', 'tests/bench/README.md']))
  })

  it('reads inline links and leaves code alone', () => {
    expect(linkTargets('See [a](b.md) and ![c](d.png "t"), `[x](y)`\n```\n[p](q)\n```\n[e](f.md#part)')).toEqual([
      'b.md',
      'd.png',
      'f.md#part',
    ])
  })

  it.each(files.map((f) => [path.relative(root, f), f]))('%s: every relative link resolves inside the repository', (_name, file) => {
    const broken: string[] = []
    for (const target of linkTargets(fs.readFileSync(file, 'utf8'))) {
      if (isExternal(target) || target.startsWith('#')) continue
      const relative = decodeURIComponent(target.split('#')[0])
      const resolved = path.resolve(path.dirname(file), relative)
      if (!resolved.startsWith(root + path.sep) && resolved !== root) broken.push(`${target} (outside the repository)`)
      else if (!fs.existsSync(resolved)) broken.push(`${target} (no such file)`)
    }
    expect(broken).toEqual([])
  })
})
