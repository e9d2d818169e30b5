import type { LoaderFunctionArgs, MetaFunction } from 'react-router'
import { useLoaderData } from 'react-router'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PeopleList } from '~/components/people-list'
import { parsePeopleFilter } from '~/domain/permissions/people-filter'
import { listPeople } from '~/models/user.server'
import { visibleTeams } from '~/models/team.server'
import { requireTeamViewer } from '~/utils/auth.server'

export const meta: MetaFunction = () => [{ title: 'Teams · Mission Ready' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer } = await requireTeamViewer(request)
  const filter = parsePeopleFilter(new URL(request.url))
  const [list, teams] = await Promise.all([listPeople(viewer, filter), visibleTeams(viewer)])
  return { ...list, teams, filter, isAdmin: viewer.role === 'admin' }
}

export default function Team() {
  const data = useLoaderData<typeof loader>()
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>{data.isAdmin ? 'Everyone' : 'My teams'}</h1>
          <p>{data.isAdmin ? 'Everyone in the organisation.' : `The people in ${data.teams.map((t) => t.name).join(', ')}.`}</p>
        </div>
      </div>
      <PeopleList {...data} personHref={(id) => `/people/${id}`} />
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
