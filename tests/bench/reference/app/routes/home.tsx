import type { MetaFunction } from 'react-router'
import { Form, Link } from 'react-router'

export const meta: MetaFunction = () => [{ title: 'Reset your password · Reference' }]

// One page with no loader and no action, about the size of the app's /forgot-password: a heading,
// a sentence, a form with one field and a link.
export default function Home() {
  return (
    <main id="main">
      <div className="card narrow">
        <h1>Reset your password</h1>
        <p className="muted">Enter the email you sign in with and we will send you a link to choose a new password.</p>
        <Form method="post">
          <div className="field">
            <label htmlFor="email">Email</label>
            <input id="email" name="email" type="email" required maxLength={254} autoComplete="email" />
          </div>
          <button type="submit">Send reset link</button>
        </Form>
        <p style={{ marginTop: '1rem' }}>
          <Link to="/">Back to sign in</Link>
        </p>
      </div>
    </main>
  )
}
