import { Link } from 'react-router'

const TEXT = {
  invite: {
    unknown: [
      'This invite link is not valid',
      'The link may be mistyped or incomplete. Copy it again from the mail, or ask your administrator to invite you again.',
    ],
    used: [
      'This invite has already been used',
      'Your account is set up: sign in with the password you chose. Forgot it? Reset it from the sign-in page.',
    ],
    expired: ['This invite has expired', 'Invite links work for 7 days. Ask your administrator to send you a new one.'],
  },
  reset: {
    unknown: ['This reset link is not valid', 'The link may be mistyped or incomplete. Copy it again from the mail, or ask for a new one.'],
    used: ['This reset link has already been used', 'Each link works once. If you still need to change your password, ask for a new link.'],
    expired: ['This reset link has expired', 'Reset links work for 1 hour. Ask for a new one; it takes a moment.'],
  },
} as const

/** The page shown for an unknown, used or expired invite or reset link: which, and what to do. */
export function TokenProblem({ purpose, state }: { purpose: 'invite' | 'reset'; state: 'unknown' | 'used' | 'expired' }) {
  const [title, body] = TEXT[purpose][state]
  return (
    <div className="card narrow" data-token-state={state}>
      <h1>{title}</h1>
      <p>{body}</p>
      <p>
        {purpose === 'reset' && state !== 'used' ? (
          <Link to="/forgot-password">Ask for a new reset link</Link>
        ) : (
          <Link to="/login">Go to sign in</Link>
        )}
      </p>
    </div>
  )
}
