import type { LoaderFunctionArgs, MetaFunction } from 'react-router'
import { Link, useLoaderData } from 'react-router'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { OnboardingPath } from '~/components/onboarding-path'
import { getOnboarding } from '~/models/learning.server'
import { requireAuth } from '~/utils/auth.server'

export const meta: MetaFunction = () => [{ title: 'My onboarding · Mission Ready' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireAuth(request)
  return { paths: await getOnboarding(user.id) }
}

export default function MyOnboarding() {
  const { paths } = useLoaderData<typeof loader>()
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>My onboarding</h1>
          <p>Your modules in order, with the date each is due.</p>
        </div>
      </div>
      {paths.length === 0 ? (
        <div className="card empty">
          <p>No onboarding path is assigned to you yet. Your trainer or administrator assigns one.</p>
          <Link to="/">Back home</Link>
        </div>
      ) : (
        paths.map((p) => <OnboardingPath key={p.path.slug} path={p} />)
      )}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
