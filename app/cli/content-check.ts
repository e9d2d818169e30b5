// Checks every file in content/: the framework, module metadata, paths, and each lesson's
// frontmatter and MDX (with the same validator and compiler the app uses). Prints each problem as
// path:line:column and exits 1 when there is one.
//   npm run content:check
import { readCurriculum } from '~/domain/content/curriculum'
import { compileMdx } from '~/utils/mdx.server'
import { readContentFiles, readShippedFramework } from '~/utils/content-files.server'

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
if (failed > 0) process.exit(1)
console.log(`Content is valid: ${result.curriculum.modules.length} modules, ${lessons.length} lessons, ${result.curriculum.paths.length} path(s), all compiled.`)
