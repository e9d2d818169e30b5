// Compiles MDX with mdx-bundler, after the untrusted-MDX validator. Compiled code is cached by the
// SHA-256 of the source, so a lesson version is compiled once, not per request; compiles run one at
// a time because esbuild is memory-hungry.
import crypto from 'node:crypto'
import { bundleMDX } from 'mdx-bundler'
import { validateMdx, type MdxProblem } from '~/domain/content/mdx-validator'

export type CompileResult = { ok: true; code: string; hash: string } | { ok: false; problems: MdxProblem[] }

const CACHE_ENTRIES = 500
const cache = new Map<string, Promise<CompileResult>>()
let queue: Promise<unknown> = Promise.resolve()

type JsxNode = { type: string; name?: string | null; attributes?: { type: string; name?: string; value?: unknown }[]; children?: JsxNode[] }

/**
 * Keeps the answers of lesson Checks out of the compiled code that goes to the browser: each
 * <Option> loses its `correct` and `explanation` attributes and gets its position as `index`.
 * The answers stay on the server (LessonVersion.checks) and are revealed only after answering.
 */
function remarkHideAnswers() {
  return (tree: JsxNode) => {
    const visit = (node: JsxNode, options: { next: number } | null) => {
      const isJsx = node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement'
      if (isJsx && node.name === 'Check') options = { next: 0 }
      if (isJsx && node.name === 'Option' && options) {
        node.attributes = [
          ...(node.attributes ?? []).filter((a) => a.name !== 'correct' && a.name !== 'explanation'),
          { type: 'mdxJsxAttribute', name: 'index', value: String(options.next++) },
        ]
      }
      for (const child of node.children ?? []) visit(child, options)
    }
    visit(tree, null)
  }
}

const refuseFrontMatter = () => {
  throw new Error('Front matter is not allowed in a lesson body or scenario text.')
}
/** gray-matter looks an engine up by the fence's name, then by its alias (js → javascript, yml → yaml, cson → coffee). */
const REFUSING_ENGINES = { yaml: refuseFrontMatter, json: refuseFrontMatter, javascript: refuseFrontMatter, coffee: refuseFrontMatter, toml: refuseFrontMatter }

/** The gray-matter options mdx-bundler gets: every engine refuses. */
export function safeGrayMatterOptions<O extends object>(options: O) {
  return { ...options, engines: REFUSING_ENGINES }
}

export function contentHash(source: string): string {
  return crypto.createHash('sha256').update(source).digest('hex')
}

/**
 * Validates, then compiles an MDX body; `lineOffset` makes line numbers match the whole file.
 * A cached result was validated when it was compiled, so a hit skips the validator too.
 */
export function compileMdx(body: string, { lineOffset = 0 } = {}): Promise<CompileResult> {
  const hash = contentHash(`${lineOffset}\n${body}`)
  const cached = cache.get(hash)
  if (cached) {
    // Refresh its place, so the least recently used entry is the one dropped.
    cache.delete(hash)
    cache.set(hash, cached)
    return cached
  }
  const problems = validateMdx(body, { lineOffset })
  if (problems.length > 0) return Promise.resolve({ ok: false, problems })
  const pending = (queue = queue.then(() => bundle(body, hash, lineOffset), () => bundle(body, hash, lineOffset))) as Promise<CompileResult>
  cache.set(hash, pending)
  if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!)
  pending.then((r) => !r.ok && cache.delete(hash))
  return pending
}

async function bundle(body: string, hash: string, lineOffset: number): Promise<CompileResult> {
  try {
    const { code } = await bundleMDX({
      source: body,
      // Bodies carry no front matter (it is split off and validated first; the validator refuses a
      // body that opens with a fence). Should one reach gray-matter all the same, every engine it
      // could pick refuses it: its JavaScript engine would evaluate the block.
      grayMatterOptions: safeGrayMatterOptions,
      mdxOptions(options) {
        options.remarkPlugins = [...(options.remarkPlugins ?? []), remarkHideAnswers]
        return options
      },
    })
    return { ok: true, code, hash }
  } catch (error) {
    const errors = (error as { errors?: { text: string; location?: { line: number; column: number } | null }[] }).errors
    if (errors?.length) {
      return { ok: false, problems: errors.map((e) => ({ line: (e.location?.line ?? 1) + lineOffset, column: (e.location?.column ?? 0) + 1, message: e.text })) }
    }
    return { ok: false, problems: [{ line: 1 + lineOffset, column: 1, message: `Could not compile: ${(error as Error).message}` }] }
  }
}

/** How many compiled versions are cached (for tests and diagnostics). */
export function compiledCacheSize() {
  return cache.size
}
