import type { LoaderFunctionArgs, MetaFunction } from 'react-router'
import { useLoaderData } from 'react-router'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ReadinessOverview } from '~/components/readiness-overview'
import { getPersonReadiness } from '~/models/readiness-views.server'
import { requireAuth } from '~/utils/auth.server'

export const meta: MetaFunction = () => [{ title: 'My readiness · Mission Ready' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireAuth(request)
  return getPersonReadiness(user.id)
}

export default function MyReadiness() {
  const data = useLoaderData<typeof loader>()
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>My readiness</h1>
          <p>How ready you are for each part of client service, from your answers, your lessons and what your leader has seen you do.</p>
        </div>
      </div>
      <ReadinessOverview data={data} self />
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
