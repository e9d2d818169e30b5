// After a quiz's review, what the learner does next: the module after the quiz's own in their
// onboarding path, or whatever is still open elsewhere in it.
type LessonState = 'done' | 'in-progress' | 'not-started'
type PathModule = {
  title: string
  lessons: { slug: string; title: string; state: LessonState }[]
  quiz?: { slug: string; title: string; best: number | null } | null
}

export type NextStep = { kind: 'lesson' | 'quiz'; module: string; slug: string; title: string }

/** The first unfinished part of a module: a lesson not done, else its quiz if it has no score yet (the quiz just taken excepted). */
function openPartOf(module: PathModule, takenQuiz: string): NextStep | null {
  const lesson = module.lessons.find((l) => l.state !== 'done')
  if (lesson) return { kind: 'lesson', module: module.title, slug: lesson.slug, title: lesson.title }
  const quiz = module.quiz
  if (quiz && quiz.best === null && quiz.slug !== takenQuiz)
    return { kind: 'quiz', module: module.title, slug: quiz.slug, title: quiz.title }
  return null
}

/**
 * The next step after taking `quizSlug`: the first unfinished module after the quiz's module in the
 * learner's path, then any unfinished module before it (a quiz outside the path, such as practice,
 * starts from the first module). Null when the whole path is done.
 */
export function nextStepAfterQuiz(paths: readonly { modules: readonly PathModule[] }[], quizSlug: string): NextStep | null {
  for (const path of paths) {
    const at = path.modules.findIndex((m) => m.quiz?.slug === quizSlug)
    const ordered = at < 0 ? path.modules : [...path.modules.slice(at + 1), ...path.modules.slice(0, at + 1)]
    for (const module of ordered) {
      const step = openPartOf(module, quizSlug)
      if (step) return step
    }
  }
  return null
}
