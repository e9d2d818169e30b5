import remarkMdx from 'remark-mdx'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { MDX_COMPONENTS, type ComponentSpec } from './mdx-components'

/** One reason an MDX source is refused, at a 1-based line and column of the source. */
export type MdxProblem = { line: number; column: number; message: string }

type Point = { line: number; column: number }
type Node = {
  type: string
  name?: string | null
  url?: string
  value?: unknown
  attributes?: Attribute[]
  children?: Node[]
  position?: { start: Point }
}
type Attribute = { type: string; name?: string; value?: unknown; position?: { start: Point } }

const UNSAFE_URL = /^(javascript|data|vbscript|file):/i
const ALLOWED = Object.keys(MDX_COMPONENTS).filter((n) => !('parent' in MDX_COMPONENTS[n as keyof typeof MDX_COMPONENTS]))

function unsafeUrl(url: string): boolean {
  // Browsers ignore control characters and spaces inside a scheme ("java\tscript:").
  // eslint-disable-next-line no-control-regex -- control characters are what this strips
  return UNSAFE_URL.test(url.replace(/[\u0000-\u0020\u007f-\u009f]/g, ''))
}

/** Blank lines, a byte-order mark or spaces before a `---` fence: gray-matter sees front matter in all of them. */
const FENCE_FIRST = /^[\uFEFF\s]*---/

/**
 * How big one lesson body or scenario text may be. Compiling costs memory far out of proportion
 * to the text (about 100 KB of dense Markdown filled a 4 GB heap), so these are checked before any
 * compile; the largest shipped lesson is a small fraction of each.
 */
export const MDX_LIMITS = {
  /** Characters in one body or text. */
  characters: 20_000,
  /** Lines in one body or text. */
  lines: 1_000,
  /** Markdown and component nodes (paragraphs, emphasis, links, components...) in one body or text. */
  nodes: 4_000,
  /** Components and Markdown blocks inside one another (a Callout in a Callout in a list...). */
  depth: 20,
} as const

const number = (n: number) => n.toLocaleString('en-GB')

/** The size limits (MDX_LIMITS) a source breaks, cheapest first: characters and lines before it is parsed. */
function sizeProblem(source: string): string | null {
  if (source.length > MDX_LIMITS.characters) {
    return `The text is too long: ${number(source.length)} characters, and the limit is ${number(MDX_LIMITS.characters)} characters. Split it into shorter lessons or scenarios.`
  }
  let lines = 1
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) lines++
  if (lines > MDX_LIMITS.lines)
    return `The text has too many lines: ${number(lines)}, and the limit is ${number(MDX_LIMITS.lines)} lines. Split it into shorter lessons or scenarios.`
  return null
}

function treeProblem(tree: Node): { point: Point | undefined; message: string } | null {
  let nodes = 0
  // Iterative, so a deep tree cannot overflow the stack before it is measured.
  const stack: { node: Node; depth: number }[] = [{ node: tree, depth: 0 }]
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!
    nodes++
    if (depth > MDX_LIMITS.depth) {
      return {
        point: node.position?.start,
        message: `The text is nested too deeply: more than ${MDX_LIMITS.depth} levels of components or blocks inside one another (the limit is ${MDX_LIMITS.depth}). Close some of them first.`,
      }
    }
    if (nodes > MDX_LIMITS.nodes) {
      return {
        point: node.position?.start,
        message: `The text has too many parts: more than ${number(MDX_LIMITS.nodes)} MDX nodes (paragraphs, emphasis, links, components...), and the limit is ${number(MDX_LIMITS.nodes)}. Split it into shorter lessons or scenarios.`,
      }
    }
    for (const child of node.children ?? []) stack.push({ node: child, depth: depth + 1 })
  }
  return null
}

/**
 * Checks untrusted MDX before it is compiled. Only Markdown and the allow-listed components with
 * literal attribute values pass: no import/export, no {expressions}, no raw HTML elements, no event
 * handlers, no javascript: or data: links. `lineOffset` shifts line numbers, for a body that
 * follows frontmatter. Nothing in the source is executed. A source over MDX_LIMITS gets one
 * problem naming the limit, found before the source is parsed (characters, lines) or walked.
 */
export function validateMdx(source: string, { lineOffset = 0 } = {}): MdxProblem[] {
  const problems: MdxProblem[] = []
  const at = (point: Point | undefined, message: string) =>
    problems.push({ line: (point?.line ?? 1) + lineOffset, column: point?.column ?? 1, message })

  const tooBig = sizeProblem(source)
  if (tooBig) {
    at({ line: 1, column: 1 }, tooBig)
    return problems
  }

  // A body that opens with a fence would reach gray-matter (inside mdx-bundler) as front matter,
  // and its `---js` engine evaluates what follows: front matter is never part of a body.
  if (FENCE_FIRST.test(source)) {
    at(
      { line: 1, column: 1 },
      'A lesson body or scenario text cannot start with a front-matter fence (---). Remove that line; the title and other details go in the form fields.',
    )
    return problems
  }

  let tree: Node
  try {
    tree = unified().use(remarkParse).use(remarkMdx).parse(source) as Node
  } catch (error) {
    const e = error as { line?: number; column?: number; reason?: string; message: string }
    at({ line: e.line ?? 1, column: e.column ?? 1 }, `Could not read the MDX: ${e.reason ?? e.message}`)
    return problems
  }
  const tooComplex = treeProblem(tree)
  if (tooComplex) {
    at(tooComplex.point, tooComplex.message)
    return problems
  }

  const walk = (node: Node, parent: string | null) => {
    const start = node.position?.start
    switch (node.type) {
      case 'mdxjsEsm':
        at(start, 'import and export statements are not allowed.')
        return
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
        at(start, 'JavaScript expressions in braces ({…}) are not allowed. Write the text itself, or escape the brace as \\{.')
        return
      case 'link':
      case 'image':
      case 'definition':
        if (typeof node.url === 'string' && unsafeUrl(node.url))
          at(start, `Links to "${node.url.split(':')[0]}:" addresses are not allowed.`)
        break
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement': {
        if (!checkElement(node, parent, at)) return
        for (const child of node.children ?? []) walk(child, node.name!)
        return
      }
    }
    for (const child of node.children ?? []) walk(child, parent)
  }
  walk(tree, null)
  return problems
}

function checkElement(node: Node, parent: string | null, at: (p: Point | undefined, m: string) => void): boolean {
  const start = node.position?.start
  const name = node.name
  if (!name) {
    at(start, 'Fragments (<>…</>) are not allowed.')
    return false
  }
  // Own properties only: `valueOf` or `constructor` must not find Object.prototype's members.
  const spec = Object.hasOwn(MDX_COMPONENTS, name) ? (MDX_COMPONENTS as Record<string, ComponentSpec>)[name] : undefined
  if (!spec) {
    const hint = /^[a-z]/.test(name) ? `HTML elements such as <${name}> are not allowed; use Markdown.` : `Unknown component <${name}>.`
    at(start, `${hint} Allowed components: ${ALLOWED.join(', ')}.`)
    return false
  }
  if (spec.parent && parent !== spec.parent) {
    at(start, `<${name}> may only appear inside <${spec.parent}>.`)
    return false
  }
  const seen = new Set<string>()
  for (const attribute of node.attributes ?? []) {
    const where = attribute.position?.start ?? start
    if (attribute.type !== 'mdxJsxAttribute' || !attribute.name) {
      at(where, `Spread attributes ({...}) are not allowed on <${name}>.`)
      continue
    }
    const attr = attribute.name
    seen.add(attr)
    if (/^on/i.test(attr) || attr === 'dangerouslySetInnerHTML') {
      at(where, `The attribute ${attr} is not allowed: components take text, not code.`)
      continue
    }
    const rule = Object.hasOwn(spec.attributes, attr) ? spec.attributes[attr] : undefined
    if (!rule) {
      const known = Object.keys(spec.attributes)
      at(where, `<${name}> has no attribute "${attr}".${known.length ? ` It accepts: ${known.join(', ')}.` : ' It takes no attributes.'}`)
      continue
    }
    const value = attribute.value
    if (value !== null && value !== undefined && typeof value !== 'string') {
      at(where, `The value of ${attr} must be plain text in quotes, not an expression.`)
      continue
    }
    if (rule.boolean) {
      if (typeof value === 'string') at(where, `${attr} is a flag: write it alone, as <${name} ${attr}>.`)
      continue
    }
    if (typeof value !== 'string') {
      at(where, `${attr} needs a value in quotes.`)
      continue
    }
    if (unsafeUrl(value.trim())) at(where, `The value of ${attr} may not be a "${value.trim().split(':')[0]}:" address.`)
    if (rule.oneOf && !rule.oneOf.includes(value)) at(where, `${attr} must be one of: ${rule.oneOf.join(', ')}.`)
    if (rule.maxLength && value.length > rule.maxLength) at(where, `${attr} is too long (at most ${rule.maxLength} characters).`)
  }
  for (const [attr, rule] of Object.entries(spec.attributes)) {
    if (rule.required && !seen.has(attr)) at(start, `<${name}> needs a ${attr} attribute.`)
  }
  return true
}
