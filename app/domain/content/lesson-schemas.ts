// The forms inside a lesson (a Reflection, a Check, reading progress and completion): one schema
// per form gives the server's parsing, the browser's validation and the input limits.
import { z } from 'zod'
import { OPTION_ID_PATTERN } from '~/domain/scenarios/option-ids'

export const REFLECTION_MAX_LENGTH = 4000

const NOT_UNDERSTOOD = 'That request was not understood.'
const Key = z.string({ error: NOT_UNDERSTOOD }).min(1, NOT_UNDERSTOOD).max(60, NOT_UNDERSTOOD)

export const ReflectionSchema = z.object({
  intent: z.literal('reflect'),
  key: Key,
  // Line ends counted once, as the browser's maxLength counts them.
  text: z
    .string({ error: 'Write something before saving.' })
    .overwrite((text) => text.replace(/\r\n?/g, '\n'))
    .trim()
    .min(1, 'Write something before saving.')
    .max(REFLECTION_MAX_LENGTH, 'Keep it to 4,000 characters or fewer.'),
})

// An option is sent as this learner's id for it (app/utils/option-ids.server.ts), never its position.
export const CheckAnswerSchema = z.object({
  intent: z.literal('check'),
  key: Key,
  option: z.string({ error: 'Choose an answer.' }).regex(OPTION_ID_PATTERN, 'Choose an answer.'),
})

/** Reading progress saved in the background, and marking the lesson complete; odd numbers read as nothing read. */
export const LessonProgressSchema = z.object({
  intent: z.enum(['progress', 'complete']),
  position: z.coerce.number().min(0).max(1).catch(0),
  seconds: z.coerce.number().min(0).catch(0),
})

export const LessonActionSchema = z.discriminatedUnion('intent', [ReflectionSchema, CheckAnswerSchema, LessonProgressSchema], {
  error: NOT_UNDERSTOOD,
})
