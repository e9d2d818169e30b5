import { Document, isSeq } from 'yaml'
import type { LessonFrontmatter } from './lesson'

/** Writes a lesson file from its frontmatter and MDX body (the format of content/lessons). */
export function composeLessonSource(frontmatter: LessonFrontmatter, body: string): string {
  const doc = new Document({
    title: frontmatter.title,
    summary: frontmatter.summary,
    competencies: frontmatter.competencies,
    minutes: frontmatter.minutes,
    sources: frontmatter.sources,
  })
  // The house style of content/lessons: competencies on one line, sources as a block list.
  const competencies = doc.get('competencies', true)
  if (isSeq(competencies)) competencies.flow = true
  const yaml = doc.toString({ lineWidth: 0, flowCollectionPadding: false }).trimEnd()
  return `---\n${yaml}\n---\n${body.startsWith('\n') ? '' : '\n'}${body.replace(/\r\n?/g, '\n')}`
}

/** Reads "Author | Title" lines (one source per line) into sources; blank lines are skipped. */
export function parseSourceLines(text: string): { author: string; title: string }[] | { error: string } {
  const sources = []
  for (const [i, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue
    const [author, ...rest] = line.split('|')
    const title = rest.join('|').trim()
    if (!author?.trim() || !title) return { error: `Line ${i + 1}: write each source as "Author | Title".` }
    sources.push({ author: author.trim(), title })
  }
  return sources
}

export function sourceLines(sources: { author: string; title: string }[]): string {
  return sources.map((s) => `${s.author} | ${s.title}`).join('\n')
}
