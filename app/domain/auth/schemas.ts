import { z } from 'zod'
import { PASSWORD_MAX_LENGTH, passwordProblem } from './password-policy'

export const EmailSchema = z
  .string()
  .trim()
  .min(1, 'Enter an email address.')
  .max(254, 'That email address is too long.')
  .pipe(z.email('Enter an email address like name@example.com.'))

export const NameSchema = z.string().trim().min(1, 'Enter a name.').max(100, 'Use at most 100 characters.')

/** A new password and its confirmation, checked against the password policy. */
export const NewPasswordFields = {
  password: z.string().max(PASSWORD_MAX_LENGTH * 4, `Use at most ${PASSWORD_MAX_LENGTH} characters.`),
  confirmPassword: z.string().max(PASSWORD_MAX_LENGTH * 4),
}

export function checkNewPassword(value: { password: string; confirmPassword: string }, ctx: z.RefinementCtx, email?: string) {
  const problem = passwordProblem(value.password, email)
  if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem })
  else if (value.password !== value.confirmPassword) {
    ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'The two passwords do not match.' })
  }
}
