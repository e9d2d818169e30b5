// Checks every file in content/: the framework, module metadata, paths, and each lesson's
// frontmatter and MDX (with the same validator and compiler the app uses). Prints each problem as
// path:line:column and exits 1 when there is one. Then lints the scenario bank (domain/scenarios/lint)
// and prints its figures; see the README (Authoring content).
//   npm run content:check
import fs from 'node:fs'
import path from 'node:path'
import { readCurriculum, yamlPosition } from '~/domain/content/curriculum'
import { bankFigures, bankProblems, lintScenario, pct } from '~/domain/scenarios/lint'
import { scenarioStems } from '~/domain/scenarios/scenario'
import { compileMdx } from '~/utils/mdx.server'
import { CONTENT_DIR, readContentFiles, readShippedFramework } from '~/utils/content-files.server'

const readFileText = (file: string) => fs.readFileSync(path.join(CONTENT_DIR, file), 'utf8')

let framework
try {
  framework = readShippedFramework()
} catch (error) {
  console.error((error as Error).message)
  process.exit(1)
}
const result = readCurriculum(readContentFiles(), framework)
if (!result.ok) {
  for (const p of result.problems) console.error(`content/${p.path}:${p.line}:${p.column} ${p.message}`)
  console.error(`\n${result.problems.length} problem(s).`)
  process.exit(1)
}
const lessons = result.curriculum.modules.flatMap((m) => m.lessons)
let failed = 0
for (const lesson of lessons) {
  const compiled = await compileMdx(lesson.body, { lineOffset: lesson.lineOffset })
  if (!compiled.ok) {
    failed++
    for (const p of compiled.problems) console.error(`content/${lesson.path}:${p.line}:${p.column} ${p.message}`)
  }
}
for (const scenario of result.curriculum.scenarios) {
  const text = readFileText(scenario.path)
  for (const stem of scenarioStems(scenario.definition)) {
    const compiled = await compileMdx(stem.mdx)
    if (!compiled.ok) {
      failed++
      const at = yamlPosition(text, stem.field)
      for (const p of compiled.problems) console.error(`content/${scenario.path}:${at.line}:${at.column} ${stem.field}: ${p.message}`)
    }
  }
}
if (failed > 0) process.exit(1)

// The bank: answers must not be guessable from their form. Contradictions (a red flag scoring above
// an unflagged option, a harmful option without a flag) and bank figures far from chance fail;
// per-item length and hedging warnings are advice.
let contradictions = 0
const warnings = result.curriculum.scenarios.flatMap((s) => lintScenario(s.definition).map((w) => ({ ...w, path: s.path })))
for (const w of warnings) {
  if (w.level === 'error') contradictions++
  console.log(`${w.level === 'error' ? 'error  ' : 'warning'} content/${w.path} ${w.field}: ${w.message}`)
}
const figures = bankFigures(result.curriculum.scenarios.map((s) => s.definition))
const row = (label: string, value: string) => console.log(`  ${label.padEnd(44)} ${value}`)
console.log('\nBank figures')
row(
  'Key is the longest option (single, ranking)',
  `${figures.keyLongest.longest}/${figures.keyLongest.items} = ${pct(figures.keyLongest.share)} (chance ${pct(figures.keyLongest.chance)})`,
)
row(
  'Key position in the file (single, multiple)',
  Object.entries(figures.keyPosition)
    .map(([at, n]) => `${Number(at) + 1}: ${n}`)
    .join(', '),
)
row(
  'Correct options per multiple-response item',
  Object.entries(figures.multipleCorrect)
    .map(([k, n]) => `${k} right: ${n}`)
    .join(', '),
)
row(`Mean score over ${figures.bots.items} items: always longest`, figures.bots.longest.toFixed(2))
row('  always shortest', figures.bots.shortest.toFixed(2))
row('  always first', figures.bots.first.toFixed(2))
row('  always last', figures.bots.last.toFixed(2))
row('  blind guess', figures.bots.blind.toFixed(2))
const bank = bankProblems(figures)
for (const p of bank) console.error(`error   bank: ${p}`)
if (contradictions > 0 || bank.length > 0) {
  console.error(`\n${contradictions} red-flag/score contradiction(s), ${bank.length} bank figure(s) far from chance.`)
  process.exit(1)
}

const { modules, paths, scenarios, quizzes } = result.curriculum
console.log(
  `Content is valid: ${modules.length} modules, ${lessons.length} lessons, ${paths.length} path(s), ${scenarios.length} scenarios, ${quizzes.length} quizzes, all compiled.`,
)
