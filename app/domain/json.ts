// JSON that arrives as text: a stored column (read through app/utils/stored-json.server.ts) or a
// form field that carries a structure (the scenario editor's definition). The one place text is
// parsed as JSON; what the value must look like is always a zod schema's say.
import { z } from 'zod'

/** Parses JSON text; text that is not JSON comes back with the parser's message instead of throwing. */
export function readJson(text: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch (error) {
    return { ok: false, problem: (error as Error).message }
  }
}

/** A schema for JSON sent as text: the text is parsed, then checked by `schema`; `message` is the error for text that is not JSON. */
export function jsonText<T extends z.ZodType>(schema: T, message: string) {
  return z
    .string({ error: message })
    .transform((text, ctx) => {
      const read = readJson(text)
      if (read.ok) return read.value
      ctx.addIssue({ code: 'custom', message })
      return z.NEVER
    })
    .pipe(schema)
}
