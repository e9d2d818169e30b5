// Checks every file in content/: the framework, module metadata, paths, and each lesson's
// frontmatter and MDX (with the same validator and compiler the app uses). Prints each problem as
// path:line:column and exits 1 when there is one.
//   npm run content:check
import fs from 'node:fs'
import path from 'node:path'
import { readCurriculum, yamlPosition } from '~/domain/content/curriculum'
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
const { modules, paths, scenarios, quizzes } = result.curriculum
console.log(`Content is valid: ${modules.length} modules, ${lessons.length} lessons, ${paths.length} path(s), ${scenarios.length} scenarios, ${quizzes.length} quizzes, all compiled.`)
