// One person's readiness as their page receives it (built by getPersonReadiness in
// app/models/readiness-views.server.ts, shown by app/components/readiness-overview.tsx).
import type { Level, ReadinessSettings } from './model'

/** A competency's estimate as shown: the level, the interval, what could decide it, lessons, and the latest red flag. */
export type CompetencyReadinessView = {
  id: string
  title: string
  description: string
  ready: string
  level: Level
  mean: number
  lower: number
  upper: number
  toDecide: number | null
  count: number
  lessonsDone: number
  lessonsRequired: number
  redFlag: { label: string; href: string | null; at: string } | null
  refresherSince: string | null
}

export type PersonReadiness = {
  clientReady: boolean
  onboardingDueAt: string | null
  /** Each pillar is as ready as its weakest competency. */
  pillars: { id: string; title: string; level: Level; competencies: CompetencyReadinessView[] }[]
  next: { focus: { id: string; title: string; level: Level }[]; lessons: { slug: string; title: string; minutes: number }[] }
  refreshers: { id: string; title: string }[]
  /** How many competencies were ready at the end of each of the last 12 weeks. */
  history: { week: string; ready: number }[]
  total: number
  settings: ReadinessSettings
}
