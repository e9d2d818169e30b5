import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { requireContentManager } from '~/utils/auth.server'

export const meta: MetaFunction = () => [{ title: 'Content · Mission Ready' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireContentManager(request)
  return null
}

export default function Content() {
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>Content</h1>
          <p>Lessons, scenarios and onboarding paths.</p>
        </div>
      </div>
      <div className="card empty">
        <h2>No lessons yet</h2>
        <p>Lessons and scenario quizzes will be listed here, ready to edit and publish.</p>
      </div>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
