import type { LoaderFunctionArgs, MetaFunction } from 'react-router'
import { Link, useLoaderData } from 'react-router'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Alert } from '~/components/ui/field'
import { OnboardingSummary } from '~/components/onboarding-path'
import { homeSummary } from '~/models/home.server'
import { getOnboarding } from '~/models/learning.server'
import { getOrganisation } from '~/models/organisation.server'
import { requireAuth } from '~/utils/auth.server'

export const meta: MetaFunction = () => [{ title: 'Home · Mission Ready' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, viewer } = await requireAuth(request)
  const [org, summary, onboarding] = await Promise.all([getOrganisation(), homeSummary(viewer), getOnboarding(user.id)])
  return { user, org: { name: org.name, mission: org.mission }, ...summary, onboarding: onboarding[0] ?? null }
}

const INTRO: Record<string, string> = {
  learner:
    'Your onboarding helps you turn customers into clients: know the mission, probe for the real need, and help people through the moments that matter.',
  trainer: 'You write the lessons and scenarios that teach the mission, and see which ones work.',
  leader: 'See how ready your teams are to serve clients, who needs help, and where to coach.',
  admin: 'Set up the organisation: its mission, its people and their teams.',
}

export default function Home() {
  const { user, org, teams, ledTeams, counts, onboarding, readiness, attention } = useLoaderData<typeof loader>()
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>Hello, {user.name}</h1>
          <p>{INTRO[user.role]}</p>
        </div>
      </div>

      <section className="card" aria-labelledby="mission-heading">
        <h2 id="mission-heading">Our mission</h2>
        <p className="mission">{org.mission}</p>
        <p className="muted">Every role here serves it. Knowing how yours does is the first step to being client-ready.</p>
      </section>

      {readiness.refreshers.length > 0 ? (
        <Alert tone="warn">
          Time for a refresher: {readiness.refreshers.join(', ')} {readiness.refreshers.length === 1 ? 'was' : 'were'} ready, and older
          evidence now counts for less. <Link to="/quizzes/practice">Take a practice set</Link> or see{' '}
          <Link to="/readiness">your readiness</Link>.
        </Alert>
      ) : null}
      {readiness.overdue ? (
        <Alert tone="warn">
          Part of your onboarding is overdue. <Link to="/learn">See what is due</Link>.
        </Alert>
      ) : null}
      {attention && (attention.refreshers > 0 || attention.overdue > 0 || attention.redFlags > 0) ? (
        <section className="card" aria-labelledby="attention-heading">
          <h2 id="attention-heading">Needs your attention</h2>
          <ul>
            {attention.overdue > 0 ? (
              <li>
                <Link to="/readiness/team?overdue=1">{attention.overdue} with overdue onboarding</Link>
              </li>
            ) : null}
            {attention.refreshers > 0 ? (
              <li>
                <Link to="/readiness/team">{attention.refreshers} due a refresher</Link>
              </li>
            ) : null}
            {attention.redFlags > 0 ? (
              <li>
                <Link to="/readiness/team?redFlag=1">{attention.redFlags} with a red flag</Link>
              </li>
            ) : null}
          </ul>
        </section>
      ) : null}

      <div className="grid">
        {onboarding ? (
          <section className="card" aria-labelledby="onboarding-heading">
            <h2 id="onboarding-heading">Your onboarding</h2>
            <OnboardingSummary path={onboarding} />
            <p>
              <Link to="/learn">See every module and due date</Link>
            </p>
          </section>
        ) : user.role === 'learner' ? (
          <section className="card" aria-labelledby="onboarding-heading">
            <h2 id="onboarding-heading">Your onboarding</h2>
            <p className="empty">No onboarding path is assigned to you yet. Your trainer or administrator assigns one.</p>
          </section>
        ) : null}

        {teams.length > 0 ? (
          <section className="card" aria-labelledby="teams-heading">
            <h2 id="teams-heading">Your team{teams.length > 1 ? 's' : ''}</h2>
            <ul>
              {teams.map((t) => (
                <li key={t.id}>
                  <strong>{t.name}</strong>
                  {t.leaders.length > 0 ? <span className="muted"> · led by {t.leaders.map((l) => l.name).join(', ')}</span> : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        {ledTeams.length > 0 ? (
          <section className="card" aria-labelledby="led-heading">
            <h2 id="led-heading">Teams you lead</h2>
            <ul>
              {ledTeams.map((t) => (
                <li key={t.id}>
                  <Link to={`/team?teamId=${t.id}`}>{t.name}</Link> <span className="muted">· {t.memberCount} people</span>
                </li>
              ))}
            </ul>
            <Link className="button secondary" to="/team">
              See everyone in your teams
            </Link>
          </section>
        ) : user.role === 'leader' ? (
          <section className="card">
            <h2>Teams you lead</h2>
            <p className="empty">You do not lead a team yet. An admin sets team leaders on the Teams page.</p>
          </section>
        ) : null}

        {user.role === 'trainer' || user.role === 'admin' ? (
          <section className="card" aria-labelledby="content-heading">
            <h2 id="content-heading">Content</h2>
            <p>Lessons, scenarios and onboarding paths.</p>
            <Link className="button secondary" to="/content">
              Open content
            </Link>
          </section>
        ) : null}

        {counts ? (
          <section className="card" aria-labelledby="org-heading">
            <h2 id="org-heading">Organisation</h2>
            <p>
              <span className="stat">{counts.active}</span> active people
            </p>
            <p className="muted">
              {counts.invited} invited · {counts.deactivated} deactivated · {counts.teams} teams
            </p>
            <div className="row">
              <Link className="button" to="/admin/people/invite">
                Invite someone
              </Link>
              <Link className="button secondary" to="/admin/teams">
                Teams
              </Link>
            </div>
          </section>
        ) : null}
      </div>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
