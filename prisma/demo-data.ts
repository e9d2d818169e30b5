import type { Role } from '~/domain/permissions/permissions'

/** The password of every demo account (printed by the quick start). */
export const DEMO_PASSWORD = 'harbour-light-demo'

type DemoPerson = { email: string; name: string; role: Role }

const FIRST = [
  'Lena',
  'Marco',
  'Aisha',
  'Jonas',
  'Mei',
  'Samuel',
  'Chiara',
  'Omar',
  'Hanna',
  'Luis',
  'Noor',
  'Felix',
  'Grace',
  'Kenji',
  'Sofia',
  'Ravi',
  'Elif',
  'Theo',
  'Zara',
  'Mateo',
  'Ines',
  'Kwame',
  'Olga',
  'Hugo',
  'Leila',
  'Arjun',
  'Maya',
  'Pavel',
  'Rosa',
  'Yusuf',
]
const LAST = [
  'Fischer',
  'Rossi',
  'Bello',
  'Berg',
  'Chen',
  'Mensah',
  'Conti',
  'Haddad',
  'Virtanen',
  'Garcia',
  'Rahman',
  'Wagner',
  'Kim',
  'Tanaka',
  'Moreau',
  'Iyer',
  'Demir',
  'Novak',
  'Ali',
  'Silva',
  'Duarte',
  'Owusu',
  'Petrova',
  'Lambert',
  'Karimi',
  'Mehta',
  'Cohen',
  'Horak',
  'Lopez',
  'Aydin',
]

function person(name: string, role: Role): DemoPerson {
  const email = `${name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z ]/g, '')
    .replace(' ', '.')}@harbourlight.example`
  return { email, name, role }
}

const admin = person('Amara Okafor', 'admin')
const trainers = [person('Tomás Reyes', 'trainer'), person('Ingrid Holm', 'trainer')]
const leaders = [person('Priya Nair', 'leader'), person('Daniel Weber', 'leader'), person('Fatima Zahra', 'leader')]
const employees = FIRST.map((first, i) => person(`${first} ${LAST[i]}`, 'learner'))

const TEAM_NAMES = ['Front Desk', 'Concierge', 'Restaurant'] as const

export const demoOrganisation = {
  name: 'Harbour Light Hotel',
  mission:
    'Every guest leaves Harbour Light feeling that someone here was on their side: we notice what they need before they ask, and we help as we would help our own family.',
  people: [admin, ...trainers, ...leaders, ...employees],
  teams: TEAM_NAMES.map((name, t) => ({
    name,
    workRole: (['front-desk', 'concierge', 'restaurant'] as const)[t]!,
    members: employees.filter((_, i) => i % TEAM_NAMES.length === t).map((p) => p.email),
    // Priya leads two teams; Fatima co-leads the Concierge desk with her.
    leaders: [[leaders[0]!], [leaders[0]!, leaders[2]!], [leaders[1]!]][t]!.map((p) => p.email),
  })),
  signIns: [admin, trainers[0]!, leaders[0]!, employees[0]!],
}
