// The forms a learner answers a quiz with: one schema per form gives the server's parsing, the
// browser's validation and the input limits (app/utils/forms.ts), so they cannot disagree.
import { z } from 'zod'
import { OPTION_ID_PATTERN } from './option-ids'

export const FREE_TEXT_MIN_LENGTH = 10
export const FREE_TEXT_MAX_LENGTH = 2000

const NOT_UNDERSTOOD = 'That answer was not understood.'
const Index = z.coerce.number({ error: NOT_UNDERSTOOD }).int(NOT_UNDERSTOOD).min(0, NOT_UNDERSTOOD).max(100, NOT_UNDERSTOOD)
// Options are sent as the ids the page showed (app/utils/option-ids.server.ts), never as positions.
const OptionId = z.string().regex(OPTION_ID_PATTERN, NOT_UNDERSTOOD)

/**
 * A written answer. Line ends are counted as the browser counts them (a textarea's maxLength counts
 * a line break once, the form sends it as two characters), so a full field is never refused.
 */
export const FreeTextAnswer = z
  .string({ error: 'Write your answer before sending it.' })
  .overwrite((text) => text.replace(/\r\n?/g, '\n'))
  .trim()
  .min(FREE_TEXT_MIN_LENGTH, `Write at least ${FREE_TEXT_MIN_LENGTH} characters: what you would say or ask.`)
  .max(FREE_TEXT_MAX_LENGTH, 'Keep your answer to 2,000 characters or fewer.')

/** An answer to one item (or one turn of a conversation); which fields matter depends on the item's type. */
export const AnswerSchema = z.object({
  intent: z.literal('answer'),
  position: Index,
  option: z.array(OptionId).max(20, NOT_UNDERSTOOD).default([]),
  order: z
    .string()
    .max(400, NOT_UNDERSTOOD)
    .default('')
    .transform((s) => (s === '' ? [] : s.split(',')))
    .pipe(z.array(OptionId).max(20, NOT_UNDERSTOOD)),
  turn: Index.optional(),
  text: FreeTextAnswer.optional(),
})

/** The form of a free-text item: the same fields, the text required. */
export const FreeTextAnswerSchema = AnswerSchema.extend({ text: FreeTextAnswer })

/** Submitting the attempt once every item is answered. */
export const SubmitAttemptSchema = z.object({ intent: z.literal('submit') })

/** Everything an attempt's page may post. */
export const AttemptActionSchema = z.discriminatedUnion('intent', [AnswerSchema, SubmitAttemptSchema], {
  error: 'That request was not understood.',
})

/** Starting a quiz, or retaking it when the retake policy allows. */
export const StartAttemptSchema = z.object({ intent: z.literal('start', { error: 'That request was not understood.' }).default('start') })
