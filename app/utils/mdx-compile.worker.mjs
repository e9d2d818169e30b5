// The MDX compile, run in a worker thread (app/utils/mdx.server.ts starts it with a heap limit and
// a timeout), so a text that needs too much memory or time ends the worker, never the web process.
// Plain JavaScript beside mdx.server.ts: the worker loads this file itself, the same under
// vitest, tsx and the production build (whose bundle is elsewhere), with no TypeScript step.
// mdx-bundler is loaded on the first compile, so the web process that imports the helpers below
// never loads it.
import { parentPort, workerData } from 'node:worker_threads'

/** The workerData that marks a thread as the MDX compiler. */
export const WORKER_ROLE = 'mission-ready-mdx-compile'

/**
 * Keeps the answers of lesson Checks out of the compiled code that goes to the browser: each
 * <Option> loses its `correct` and `explanation` attributes and gets its position as `index`.
 * The answers stay on the server (LessonVersion.checks) and are revealed only after answering.
 */
export function remarkHideAnswers() {
  return (tree) => {
    const visit = (node, options) => {
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
const REFUSING_ENGINES = {
  yaml: refuseFrontMatter,
  json: refuseFrontMatter,
  javascript: refuseFrontMatter,
  coffee: refuseFrontMatter,
  toml: refuseFrontMatter,
}

/** The gray-matter options mdx-bundler gets: every engine refuses. */
export function safeGrayMatterOptions(options) {
  return { ...options, engines: REFUSING_ENGINES }
}

/**
 * Compiles one validated body: { ok: true, code } or { ok: false, problems } with lines and
 * columns of the body (1-based).
 */
export async function bundle(body) {
  const { bundleMDX } = await import('mdx-bundler')
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
    return { ok: true, code }
  } catch (error) {
    const errors = error?.errors
    if (Array.isArray(errors) && errors.length > 0) {
      return {
        ok: false,
        problems: errors.map((e) => ({ line: e.location?.line ?? 1, column: (e.location?.column ?? 0) + 1, message: String(e.text) })),
      }
    }
    return { ok: false, problems: [{ line: 1, column: 1, message: `Could not compile: ${error?.message ?? String(error)}` }] }
  }
}

if (parentPort && workerData?.role === WORKER_ROLE) {
  const port = parentPort
  port.on('message', async ({ id, body }) => {
    port.postMessage({ id, result: await bundle(body) })
  })
}
