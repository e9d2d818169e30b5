import { z } from 'zod'
import { parseSubmission, replyInvalid } from './forms'

export const UNAVAILABLE_ACTION = 'That action is not available here.'

/** The form's `intent` when it is one of this page's, else null (a stale page or a crafted request). */
export function intentOf<const T extends readonly string[]>(formData: FormData, intents: T): T[number] | null {
  const intent = formData.get('intent')
  return typeof intent === 'string' && intents.includes(intent) ? intent : null
}

/** The 400 answer to an intent the page does not have, in the shape of any other refused form. */
export function replyUnavailable(formData: FormData) {
  return replyInvalid(parseSubmission(formData, z.object({})), { formErrors: [UNAVAILABLE_ACTION] })
}
