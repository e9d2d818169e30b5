// No two modules of app/domain, app/models and app/utils import each other, directly or through others:
// in a cycle one module runs before the other has finished loading, so an exported constant can be read
// as undefined at start-up, and the two can no longer be understood (or tested) apart. Type-only
// imports are erased from the build and do not count; nor does a dynamic `import()` (it runs later).
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')
const FOLDERS = ['app/domain', 'app/models', 'app/utils']

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return /\.(ts|tsx|mjs)$/.test(entry.name) && !/\.test\.|\.d\.m?ts$/.test(entry.name) ? [full] : []
  })
}

/** The specifiers a module imports or re-exports at run time (not `import type`, not all-`type` braces). */
export function runtimeImports(source: string): string[] {
  const statements = source.matchAll(/^\s*(?:import|export)\s+(type\s+)?(?:([^'";]*?)\s+from\s+)?['"]([^'"]+)['"]/gm)
  return [...statements]
    .filter(([, typeOnly, clause]) => {
      if (typeOnly) return false
      const named = clause?.match(/^\{([^}]*)\}$/)
      if (!named) return true
      const names = named[1]
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean)
      return !names.every((name) => name.startsWith('type '))
    })
    .map(([, , , specifier]) => specifier)
}

function resolveImport(specifier: string, from: string): string | null {
  const base = specifier.startsWith('~/')
    ? path.join(root, 'app', specifier.slice(2))
    : specifier.startsWith('.')
      ? path.resolve(path.dirname(from), specifier)
      : null
  if (!base) return null
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate
  }
  return null
}

/** Groups of modules that reach each other through imports (Tarjan's strongly connected components). */
export function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const groups: string[][] = []
  const visit = (node: string) => {
    index.set(node, next)
    low.set(node, next++)
    stack.push(node)
    onStack.add(node)
    for (const dep of graph.get(node) ?? []) {
      if (!index.has(dep)) {
        visit(dep)
        low.set(node, Math.min(low.get(node)!, low.get(dep)!))
      } else if (onStack.has(dep)) low.set(node, Math.min(low.get(node)!, index.get(dep)!))
    }
    if (low.get(node) !== index.get(node)) return
    const group: string[] = []
    let member: string
    do {
      member = stack.pop()!
      onStack.delete(member)
      group.push(member)
    } while (member !== node)
    if (group.length > 1 || graph.get(node)?.includes(node)) groups.push(group.sort())
  }
  for (const node of graph.keys()) if (!index.has(node)) visit(node)
  return groups
}

describe('import cycles', () => {
  it('reads run-time imports and skips type-only ones', () => {
    const source = [
      "import { a } from '~/models/a.server'",
      "import type { B } from './b'",
      "import { type C, type D } from './c'",
      "import { type E, f } from './e'",
      "export { g } from './g'",
      "import './side-effect'",
      "const lazy = await import('./lazy')",
    ].join('\n')
    expect(runtimeImports(source)).toEqual(['~/models/a.server', './e', './g', './side-effect'])
  })

  it('finds a cycle through several modules and ignores a chain', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ])
    expect(cycles(graph)).toEqual([['a', 'b', 'c']])
    expect(
      cycles(
        new Map([
          ['a', ['b']],
          ['b', []],
        ]),
      ),
    ).toEqual([])
  })

  it('finds none among the domain, models and utils', () => {
    const files = FOLDERS.flatMap((folder) => sourceFiles(path.join(root, folder)))
    expect(files.length).toBeGreaterThan(40)
    const known = new Set(files)
    const graph = new Map(
      files.map((file) => [
        file,
        runtimeImports(fs.readFileSync(file, 'utf8'))
          .map((specifier) => resolveImport(specifier, file))
          .filter((dep): dep is string => dep !== null && known.has(dep)),
      ]),
    )
    expect(graph.get(path.join(root, 'app/models/learning.server.ts'))).toContain(path.join(root, 'app/models/readiness.server.ts'))
    expect(cycles(graph).map((group) => group.map((file) => path.relative(root, file)))).toEqual([])
  })
})
