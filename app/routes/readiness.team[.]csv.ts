import type { LoaderFunctionArgs } from 'react-router'
import { CALL_LABELS, callOf, LEVEL_LABELS } from '~/domain/readiness/model'
import { csvCell, parseTeamFilter } from '~/domain/readiness/team-filter'
import { getTeamReadiness } from '~/models/readiness-views.server'
import { requireTeamViewer } from '~/utils/auth.server'
import { getTimeZone } from '~/models/organisation.server'
import { today } from '~/domain/calendar/dates'

/** The team dashboard as CSV: the same query and scope as the page, every matching row. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer } = await requireTeamViewer(request)
  const filter = parseTeamFilter(new URL(request.url))
  const data = await getTeamReadiness(viewer, filter, new Date(), { all: true })
  const header = [
    'Name',
    'Email',
    'Teams',
    ...data.competencies.flatMap((c) => [c.title, `${c.title}: evidence`]),
    ...data.pillars.map((p) => `Pillar: ${p.title}`),
    'Client-ready',
    'Onboarding overdue',
    'Red flags',
  ]
  const lines = data.rows.map((r) => [
    r.name,
    r.email,
    r.teams.join('; '),
    ...r.cells.flatMap((c) => [CALL_LABELS[callOf(c.level, c.toDecide)], c.count]),
    ...r.pillars.map((l) => LEVEL_LABELS[l]),
    r.clientReady ? 'yes' : 'no',
    r.overdue ? 'yes' : 'no',
    r.cells.filter((c) => c.redFlag).length,
  ])
  const body = [header, ...lines].map((row) => row.map(csvCell).join(',')).join('\r\n')
  return new Response(`${body}\r\n`, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="team-readiness-${today(await getTimeZone())}.csv"`,
    },
  })
}
