import { z } from 'zod'
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblem } from './password-policy'

// `{ error }` on each string: a form field left empty arrives as missing (conform), and gets this message.
export const EmailSchema = z
  .string({ error: 'Enter an email address.' })
  .trim()
  .min(1, 'Enter an email address.')
  .max(254, 'That email address is too long.')
  .pipe(z.email('Enter an email address like name@example.com.'))

export const NameSchema = z.string({ error: 'Enter a name.' }).trim().min(1, 'Enter a name.').max(100, 'Use at most 100 characters.')

/** A new password and its confirmation; the same limits in the browser (maxLength) as on the server. */
export const NewPasswordFields = {
  password: z
    .string({ error: 'Choose a password.' })
    .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
    .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`),
  confirmPassword: z.string({ error: 'Repeat the password.' }).max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`),
}

/** The confirmation must repeat the new password (checked in the browser too: it needs no server data). */
export function checkPasswordsMatch(value: { password: string; confirmPassword: string }, ctx: z.RefinementCtx) {
  if (value.password !== value.confirmPassword) {
    ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'The two passwords do not match.' })
  }
}

/** The password policy (common passwords, the email address) and the confirmation; on the server. */
export function checkNewPassword(value: { password: string; confirmPassword: string }, ctx: z.RefinementCtx, email?: string) {
  const problem = passwordProblem(value.password, email)
  if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem })
  else checkPasswordsMatch(value, ctx)
}
