import { type DefaultValue, type Submission, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data } from 'react-router'
import type { z } from 'zod'
import { schemaConstraint } from './form-constraint'

export type FieldErrors = Record<string, string | undefined>
export type FormFailure = { ok: false; errors: FieldErrors; values: Record<string, string | string[]> }

/**
 * Reads a form into a plain object in one pass over its entries (a getAll per key made a form of
 * n fields cost n² steps); keys in `arrays` keep every value (checkbox groups).
 */
export function formToObject(formData: FormData, arrays: readonly string[] = []) {
  const out: Record<string, string | string[]> = {}
  const many = new Set(arrays)
  const set = new Set<string>()
  for (const [key, value] of formData.entries()) {
    if (many.has(key)) {
      const list = (out[key] as string[] | undefined) ?? []
      if (typeof value === 'string') list.push(value)
      out[key] = list
    } else if (!set.has(key)) {
      // the first string value wins (a file field reads as ''), as getAll(key)[0] did
      out[key] = typeof value === 'string' ? value : ''
      if (typeof value === 'string') set.add(key)
    }
  }
  for (const key of arrays) out[key] ??= []
  return out
}

/**
 * Parses a form with a zod schema. On failure returns the first message per field and the typed
 * values (passwords left out) so the form can show errors beside the fields and keep the input.
 */
export function parseForm<S extends z.ZodType>(
  schema: S,
  formData: FormData,
  { arrays = [] as readonly string[] } = {},
): { ok: true; data: z.infer<S> } | FormFailure {
  const raw = formToObject(formData, arrays)
  const result = schema.safeParse(raw)
  if (result.success) return { ok: true, data: result.data }
  const errors: FieldErrors = {}
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? 'form')
    errors[key] ??= issue.message
  }
  return { ok: false, errors, values: keepValues(raw) }
}

export function keepValues(raw: Record<string, string | string[]>) {
  return Object.fromEntries(Object.entries(raw).filter(([k]) => !/password/i.test(k)))
}

export function failure(errors: FieldErrors, values: Record<string, string | string[]> = {}): FormFailure {
  return { ok: false, errors, values: keepValues(values) }
}

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

/** A form bound to its schema: validated in the browser on blur and again as the person corrects it. */
export function useSchemaForm<S extends z.ZodObject>(
  schema: S,
  {
    lastResult,
    id,
    defaultValue,
  }: { lastResult?: SubmissionResult<string[]> | null; id?: string; defaultValue?: DefaultValue<z.input<S>> } = {},
) {
  return useForm<z.input<S>, z.output<S>>({
    id,
    lastResult,
    defaultValue,
    constraint: schemaConstraint(schema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
}
