import remarkMdx from 'remark-mdx'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { z } from 'zod'
import type { MdxProblem } from './mdx-validator'

export type CheckOption = { text: string; correct: boolean; explanation: string }
export type CheckDefinition = { key: string; question: string; options: CheckOption[] }
export type ReflectionPrompt = { key: string; prompt: string }
/** The Checks and Reflection prompts of a lesson version, as stored with it. */
export const CheckDefinitionsSchema: z.ZodType<CheckDefinition[]> = z.array(
  z.object({
    key: z.string(),
    question: z.string(),
    options: z.array(z.object({ text: z.string(), correct: z.boolean(), explanation: z.string() })),
  }),
)
export const ReflectionPromptsSchema: z.ZodType<ReflectionPrompt[]> = z.array(z.object({ key: z.string(), prompt: z.string() }))
/** What a learner sees after answering a Check: their choice, and every option's verdict and explanation. */
export type CheckFeedback = { chosen: number; correct: boolean; options: { correct: boolean; explanation: string }[] }

type Node = {
  type: string
  name?: string | null
  value?: string
  attributes?: { type: string; name?: string; value?: unknown }[]
  children?: Node[]
  position?: { start: { line: number; column: number } }
}

function attr(node: Node, name: string): string | null | undefined {
  const a = node.attributes?.find((x) => x.type === 'mdxJsxAttribute' && x.name === name)
  if (!a) return undefined
  return typeof a.value === 'string' ? a.value : null
}

function text(node: Node): string {
  if (typeof node.value === 'string' && node.type !== 'mdxjsEsm') return node.value
  return (node.children ?? []).map(text).join('')
}

function isElement(node: Node, name: string) {
  return (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name === name
}

/**
 * The Checks (with their answers, kept on the server) and Reflection prompts of a validated MDX
 * body. A Check needs two or more options and at least one correct one; keys are unique.
 */
export function extractInteractions(
  body: string,
  { lineOffset = 0 } = {},
): { checks: CheckDefinition[]; prompts: ReflectionPrompt[]; problems: MdxProblem[] } {
  const tree = unified().use(remarkParse).use(remarkMdx).parse(body) as Node
  const checks: CheckDefinition[] = []
  const prompts: ReflectionPrompt[] = []
  const problems: MdxProblem[] = []
  const keys = new Set<string>()
  const at = (node: Node, message: string) =>
    problems.push({ line: (node.position?.start.line ?? 1) + lineOffset, column: node.position?.start.column ?? 1, message })
  const claim = (node: Node, key: string) => {
    if (keys.has(key)) at(node, `The id "${key}" is used twice in this lesson; each Check and Reflection needs its own.`)
    keys.add(key)
  }
  const walk = (node: Node) => {
    if (isElement(node, 'Check')) {
      const key = attr(node, 'id') ?? ''
      claim(node, key)
      const options: CheckOption[] = []
      const visit = (n: Node) => {
        if (isElement(n, 'Option'))
          options.push({ text: text(n).trim(), correct: attr(n, 'correct') === null, explanation: attr(n, 'explanation') ?? '' })
        else (n.children ?? []).forEach(visit)
      }
      ;(node.children ?? []).forEach(visit)
      if (options.length < 2) at(node, `The Check "${key}" needs at least two <Option>s.`)
      else if (!options.some((o) => o.correct)) at(node, `The Check "${key}" needs one <Option correct …>.`)
      if (options.some((o) => o.text === '')) at(node, `Every <Option> of "${key}" needs its answer text between the tags.`)
      checks.push({ key, question: attr(node, 'question') ?? '', options })
      return
    }
    if (isElement(node, 'Reflection')) {
      const key = attr(node, 'id') ?? ''
      claim(node, key)
      prompts.push({ key, prompt: attr(node, 'prompt') ?? '' })
    }
    ;(node.children ?? []).forEach(walk)
  }
  walk(tree)
  return { checks, prompts, problems }
}

export function checkFeedback(check: CheckDefinition, chosen: number): CheckFeedback {
  return {
    chosen,
    correct: check.options[chosen]?.correct ?? false,
    options: check.options.map((o) => ({ correct: o.correct, explanation: o.explanation })),
  }
}

/** The score of an answer to a Check: 1 for a correct option, 0 otherwise; null for an option that does not exist. */
export function scoreCheck(check: CheckDefinition, optionIndex: number): number | null {
  const option = check.options[optionIndex]
  if (!Number.isInteger(optionIndex) || !option) return null
  return option.correct ? 1 : 0
}
