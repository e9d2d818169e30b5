import type { DomainError } from '~/domain/errors'
import { type DefaultValue, type Submission, type SubmissionResult, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data } from 'react-router'
import { useMemo } from 'react'
import { toJSONSchema, type z } from 'zod'

// Forms with conform (conform.guru): one zod schema per form gives the server's validation, the
// field errors, the browser's validation as the person types, and the limits as input attributes.

/** Parses a submitted form with its schema (empty fields read as missing, numbers and checkboxes coerced). */
export function parseSubmission<S extends z.ZodType>(formData: FormData, schema: S) {
  return parseWithZod(formData, { schema })
}

/**
 * The answer to a form that cannot be accepted: field and form errors with what was typed (password
 * fields dropped), as `{ result }` for `useSchemaForm`'s `lastResult`.
 */
export function replyInvalid(
  submission: Submission<unknown>,
  {
    status = 400,
    formErrors,
    fieldErrors,
    headers,
  }: { status?: number; formErrors?: string[]; fieldErrors?: Record<string, string[]>; headers?: HeadersInit } = {},
) {
  const hideFields = Object.keys(submission.payload).filter((name) => /password/i.test(name))
  return data({ result: submission.reply({ formErrors, fieldErrors, hideFields }) }, { status, headers })
}

/**
 * A DomainError as the form's answer: its message under its field when it names one, else above the
 * form, with its status.
 */
export function replyDomainError(submission: Submission<unknown>, error: DomainError, { headers }: { headers?: HeadersInit } = {}) {
  return error.field
    ? replyInvalid(submission, { status: error.status, fieldErrors: { [error.field]: [error.message] }, headers })
    : replyInvalid(submission, { status: error.status, formErrors: [error.message], headers })
}

type JsonNode = {
  properties?: Record<string, JsonNode>
  items?: JsonNode
  oneOf?: JsonNode[]
  anyOf?: JsonNode[]
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
}
type Constraint = ReturnType<typeof getZodConstraint>[string]
const limitsCache = new WeakMap<z.ZodType, Record<string, Constraint>>()

/**
 * The limits a schema sets on each field (maxLength, minLength, min, max), read from its JSON Schema:
 * conform's getZodConstraint misses them on this zod version, which keeps limits in a schema's checks.
 */
export function limitsOf(schema: z.ZodType): Record<string, Constraint> {
  const cached = limitsCache.get(schema)
  if (cached) return cached
  const limits: Record<string, Constraint> = {}
  const visit = (node: JsonNode, name: string) => {
    for (const branch of [...(node.oneOf ?? []), ...(node.anyOf ?? [])]) visit(branch, name)
    for (const [key, child] of Object.entries(node.properties ?? {})) visit(child, name ? `${name}.${key}` : key)
    if (node.items) visit(node.items, `${name}[]`)
    if (!name) return
    const limit: Constraint = (limits[name] ??= {})
    if (node.minLength !== undefined) limit.minLength = node.minLength
    if (node.maxLength !== undefined) limit.maxLength = node.maxLength
    if (node.minimum !== undefined) limit.min = node.minimum
    if (node.maximum !== undefined) limit.max = node.maximum
  }
  visit(toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonNode, '')
  limitsCache.set(schema, limits)
  return limits
}

/** conform's constraints (required, patterns, multiple) with the schema's limits. */
export function constraintOf(schema: z.ZodType): Record<string, Constraint> {
  const required = getZodConstraint(schema)
  const limits = limitsOf(schema)
  return Object.fromEntries(
    [...new Set([...Object.keys(required), ...Object.keys(limits)])].map((name) => [name, { ...required[name], ...limits[name] }]),
  )
}

/**
 * A form bound to its schema: validated in the browser when sent, then again as the person corrects
 * it (checking on blur would flag an empty first field as soon as someone clicks a link away).
 */
export function useSchemaForm<S extends z.ZodType<Record<string, unknown>, Record<string, unknown>>>(
  schema: S,
  {
    lastResult,
    id,
    defaultValue,
  }: { lastResult?: SubmissionResult<string[]> | null; id?: string; defaultValue?: DefaultValue<z.input<S>> } = {},
) {
  const constraint = useMemo(() => constraintOf(schema), [schema])
  return useForm<z.input<S>, z.output<S>>({
    id,
    lastResult,
    defaultValue,
    constraint,
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
}
