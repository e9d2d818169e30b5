// Loads the demo organisation. Safe to run again: people, teams and memberships are matched by
// email and name, so a second run changes nothing and duplicates nothing.
import { refreshAllCertificates } from '~/models/certificates.server'
import { assignDefaultPath } from '~/models/learning.server'
import { hashPassword } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { seedDemoActivity } from './demo-activity'
import { demoOrganisation, DEMO_PASSWORD } from './demo-data'

export async function seedDemo() {
  const org = demoOrganisation
  await db.organisation.upsert({ where: { id: 'default' }, create: { id: 'default', name: org.name, mission: org.mission }, update: {} })

  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const today = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()))
  const ids = new Map<string, string>()
  for (const [i, person] of org.people.entries()) {
    // Start dates spread over the last seven weeks, so onboarding is at different stages.
    const startDate = new Date(today.getTime() - ((i * 11) % 49) * 86_400_000)
    const user = await db.user.upsert({
      where: { email: person.email },
      create: {
        email: person.email,
        name: person.name,
        nameSearch: person.name.toLowerCase(),
        role: person.role,
        status: 'active',
        passwordHash,
        startDate,
      },
      update: {},
    })
    ids.set(person.email, user.id)
    // Demo learners follow the default onboarding path (once content is synced).
    if (person.role === 'learner') await assignDefaultPath(db, [{ userId: user.id, startDate }])
  }
  for (const team of org.teams) {
    const { id: teamId } = await db.team.upsert({
      where: { name: team.name },
      create: { name: team.name, workRole: team.workRole },
      update: {},
    })
    for (const email of team.members) {
      const userId = ids.get(email)!
      await db.membership.upsert({ where: { userId_teamId: { userId, teamId } }, create: { userId, teamId }, update: {} })
    }
    for (const email of team.leaders) {
      const userId = ids.get(email)!
      await db.teamLeader.upsert({ where: { userId_teamId: { userId, teamId } }, create: { userId, teamId }, update: {} })
    }
  }
  // A certificate for the onboarding path, so the demo shows Certificates (Content → Certificates
  // changes it). Left alone once there; skipped until the content is synced.
  const onboarding = await db.learningPath.findUnique({ where: { slug: 'onboarding' }, select: { id: true } })
  if (onboarding)
    await db.certificateRule.upsert({
      where: { pathId: onboarding.id },
      create: { scope: 'path', pathId: onboarding.id, title: 'Client-ready: Harbour Light onboarding', validDays: 365 },
      update: {},
    })
  return { people: org.people.length, teams: org.teams.length }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await seedDemo()
  console.log(`Demo organisation ready: ${result.people} people in ${result.teams} teams.`)
  // DEMO_ACTIVITY=off leaves everyone without history (the browser tests start from nothing).
  if (process.env.DEMO_ACTIVITY !== 'off') {
    const activity = await seedDemoActivity()
    console.log(
      activity.skipped
        ? 'Demo history already there.'
        : `Demo history: ${activity.attempts} quiz attempts, with lessons, Checks and observations.`,
    )
    const { granted } = await refreshAllCertificates()
    if (granted > 0) console.log(`Demo certificates: ${granted} granted to those ready for them.`)
  }
  await db.$disconnect()
}
