// A leader's weekly digest: who in their teams became client-ready and who slipped since the last
// one, red flags, and overdue onboarding, each with a link. Plain text, like every mail here.

export type DigestPerson = { id: string; name: string; clientReady: boolean; redFlags: number; onboardingOverdue: boolean }

export type Digest = { subject: string; text: string; clientReady: string[] }

/**
 * The digest for one leader, or null when there is nothing in their teams to report on (no people).
 * `previous` is the ids counted client-ready in their last digest (null for the first one).
 */
export function composeDigest(input: {
  leaderName: string
  teams: string[]
  people: DigestPerson[]
  previous: ReadonlySet<string> | null
  appUrl: string
}): Digest | null {
  const { people, previous, appUrl } = input
  if (people.length === 0) return null
  const byName = [...people].sort((a, b) => a.name.localeCompare(b.name))
  const link = (p: DigestPerson) => `  - ${p.name}: ${appUrl}/people/${p.id}/readiness`
  const ready = byName.filter((p) => p.clientReady)
  const became = previous ? ready.filter((p) => !previous.has(p.id)) : []
  const slipped = previous ? byName.filter((p) => !p.clientReady && previous.has(p.id)) : []
  const flagged = byName.filter((p) => p.redFlags > 0)
  const overdue = byName.filter((p) => p.onboardingOverdue)
  const section = (title: string, list: DigestPerson[], extra: (p: DigestPerson) => string = () => '') =>
    list.length === 0 ? [] : [title, ...list.map((p) => `${link(p)}${extra(p)}`), '']
  const lines = [
    `Hello ${input.leaderName},`,
    '',
    `This week in ${input.teams.join(', ')}: ${ready.length} of ${people.length} ${people.length === 1 ? 'person is' : 'people are'} client-ready.`,
    '',
    ...(previous === null
      ? ['This is your first weekly digest; from next week it also says who became client-ready and who slipped.', '']
      : []),
    ...section('Became client-ready since last week:', became),
    ...section('Slipped below client-ready (a refresher is due):', slipped),
    ...section('Red flags to talk through:', flagged, (p) => ` (${p.redFlags} competenc${p.redFlags === 1 ? 'y' : 'ies'})`),
    ...section('Onboarding overdue:', overdue),
    ...(previous !== null && became.length + slipped.length + flagged.length + overdue.length === 0
      ? ['No changes, no red flags and no overdue onboarding this week.', '']
      : []),
    `Team readiness: ${appUrl}/readiness/team`,
    '',
    `You get this mail every Monday. Turn it off on your account page: ${appUrl}/account`,
  ]
  const news = [
    became.length && `${became.length} became client-ready`,
    slipped.length && `${slipped.length} slipped`,
    flagged.length && `${flagged.length} red flag${flagged.length === 1 ? '' : 's'}`,
  ]
    .filter(Boolean)
    .join(', ')
  return {
    subject: `Mission Ready: your teams this week${news ? ` (${news})` : ''}`,
    text: lines.join('\n'),
    clientReady: ready.map((p) => p.id),
  }
}
