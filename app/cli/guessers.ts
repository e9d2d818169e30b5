// How often a learner who guesses every answer would reach ready with the current bank: simulated
// learners take one attempt of each quiz in content/ (domain/readiness/guessers). Prints each
// competency's evidence per pass and its share of guessers ready; see decision 018.
//   npm run bank:guessers [learners]
import { readCurriculum } from '~/domain/content/curriculum'
import { guesserRates } from '~/domain/readiness/guessers'
import { readContentFiles, readShippedFramework } from '~/utils/content-files.server'

const learners = Number(process.argv[2] ?? 20_000)
if (!Number.isInteger(learners) || learners < 1) {
  console.error('Usage: npm run bank:guessers [learners], a whole number of simulated learners (20,000 by default).')
  process.exit(1)
}
const result = readCurriculum(readContentFiles(), readShippedFramework())
if (!result.ok) {
  console.error(`The content has ${result.problems.length} problem(s); run npm run content:check.`)
  process.exit(1)
}
const { quizzes, scenarios } = result.curriculum
const rates = guesserRates(
  quizzes.map((q) => q.definition),
  new Map(scenarios.map((s) => [s.slug, s.definition])),
  { learners },
)
const share = (x: number) => (x === 0 ? '0' : x.toExponential(1))
console.log(`${learners.toLocaleString('en')} learners guessing every answer of one attempt of each of ${quizzes.length} quizzes:`)
for (const c of rates.competencies.sort((a, b) => b.ready - a.ready))
  console.log(`  ${c.id.padEnd(32)} ${c.meanEvidence.toFixed(1).padStart(5)} scored answers per pass, ready ${share(c.ready)}`)
console.log(`Ready in at least one competency: ${share(rates.anyReady)} of them.`)
