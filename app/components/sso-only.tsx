import { Link } from 'react-router'

/** In place of a password form when the organisation signs in with single sign-on only. */
export function SsoOnly({ message, title = 'Passwords are not used here' }: { message: string; title?: string }) {
  return (
    <div className="card narrow" data-sso-only>
      <h1>{title}</h1>
      <p>{message} Sign in with your work account from the sign-in page; there is no password to set or reset.</p>
      <p>
        <Link to="/login">Go to sign in</Link>
      </p>
    </div>
  )
}
