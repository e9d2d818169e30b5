import { describe, expect, it } from 'vitest'
import { nextStepAfterQuiz } from './next-step'

const lesson = (slug: string, state: 'done' | 'in-progress' | 'not-started' = 'not-started') => ({ slug, title: `Lesson ${slug}`, state })
const quiz = (slug: string, best: number | null = null) => ({ slug, title: `Quiz ${slug}`, best })
const path = {
  modules: [
    { title: 'One', lessons: [lesson('a', 'done')], quiz: quiz('q1', 0.8) },
    { title: 'Two', lessons: [lesson('b', 'done'), lesson('c')], quiz: quiz('q2') },
    { title: 'Three', lessons: [lesson('d', 'done')], quiz: quiz('q3') },
  ],
}

describe('the next step after a quiz', () => {
  it("is the first lesson not done of the module after the quiz's own", () => {
    expect(nextStepAfterQuiz([path], 'q1')).toEqual({ kind: 'lesson', module: 'Two', slug: 'c', title: 'Lesson c' })
  })

  it('is the next module’s quiz when its lessons are done, and never the quiz just taken', () => {
    expect(nextStepAfterQuiz([path], 'q2')).toEqual({ kind: 'quiz', module: 'Three', slug: 'q3', title: 'Quiz q3' })
  })

  it('goes back to an earlier unfinished module after the last one', () => {
    expect(nextStepAfterQuiz([path], 'q3')).toEqual({ kind: 'lesson', module: 'Two', slug: 'c', title: 'Lesson c' })
  })

  it('starts from the first module for a quiz outside the path (practice)', () => {
    expect(nextStepAfterQuiz([path], 'practice')).toMatchObject({ kind: 'lesson', slug: 'c' })
  })

  it('is nothing when the path is done, or when there is no path', () => {
    const done = { modules: [{ title: 'One', lessons: [lesson('a', 'done')], quiz: quiz('q1', 0.5) }] }
    expect(nextStepAfterQuiz([done], 'q1')).toBeNull()
    expect(nextStepAfterQuiz([], 'q1')).toBeNull()
  })
})
