import type { LoaderFunctionArgs, MetaFunction } from 'react-router'
import { Link, useLoaderData } from 'react-router'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PeopleList } from '~/components/people-list'
import { parsePeopleFilter } from '~/domain/permissions/people-filter'
import { listPeople } from '~/models/user.server'
import { requireAdmin } from '~/utils/auth.server'
import { listTeamNames } from '~/models/team.server'

export const meta: MetaFunction = () => [{ title: 'People · Mission Ready' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer } = await requireAdmin(request)
  const filter = parsePeopleFilter(new URL(request.url))
  const [list, teams] = await Promise.all([listPeople(viewer, filter), listTeamNames()])
  return { ...list, teams, filter }
}

export default function People() {
  const data = useLoaderData<typeof loader>()
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>People</h1>
          <p>Invite people, change their role and teams, or deactivate them.</p>
        </div>
        <div className="row" style={{ alignItems: 'center' }}>
          <Link className="button" to="/admin/people/invite">
            Invite someone
          </Link>
          <Link to="/admin/people/import">Invite from a file</Link>
          <Link to="/admin/people/leavers">Deactivate leavers from a file</Link>
        </div>
      </div>
      <PeopleList {...data} showStatusFilter personHref={(id) => `/admin/people/${id}`} />
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
