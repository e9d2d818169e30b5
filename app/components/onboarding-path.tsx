import { Link } from 'react-router'
import { formatDay } from '~/domain/calendar/dates'

type Lesson = { slug: string; title: string; minutes: number; state: 'done' | 'in-progress' | 'not-started' }
type ModuleQuiz = { slug: string; title: string; best: number | null; inProgress: boolean }
type Module = {
  slug: string
  title: string
  summary: string
  due: string
  /** The due day, YYYY-MM-DD in the organisation's zone. */
  dueDay: string
  status: 'done' | 'overdue' | 'due-soon' | 'upcoming'
  lessons: Lesson[]
  quiz?: ModuleQuiz | null
}
export type PathView = {
  path: { slug: string; title: string; description: string }
  percent: number
  done: number
  total: number
  overdue: number
  next: Lesson | null
  modules: Module[]
}

const STATUS: Record<Module['status'], string> = { done: 'Done', overdue: 'Overdue', 'due-soon': 'Due soon', upcoming: 'Upcoming' }
const STATE: Record<Lesson['state'], string> = { done: 'Done', 'in-progress': 'In progress', 'not-started': 'Not started' }

/** Overall progress and what to do next, for a home page or the top of the onboarding page. */
export function OnboardingSummary({ path }: { path: PathView }) {
  return (
    <div className="onboarding-summary">
      <div
        className="progress"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={path.percent}
        aria-label={`${path.path.title} progress`}
      >
        <span style={{ width: `${path.percent}%` }} />
      </div>
      <p>
        <strong>{path.percent}%</strong> done · {path.done} of {path.total} lessons
        {path.overdue > 0 ? (
          <span className="badge overdue">
            {' '}
            {path.overdue} module{path.overdue > 1 ? 's' : ''} overdue
          </span>
        ) : null}
      </p>
      {path.next ? (
        <Link className="button" to={`/learn/${path.next.slug}`}>
          {path.next.state === 'in-progress' ? 'Continue' : 'Start'}: {path.next.title}
        </Link>
      ) : path.total > 0 ? (
        <p className="alert success">You have completed every lesson of this path.</p>
      ) : null}
    </div>
  )
}

/** A path's modules with due dates and each lesson's state. */
export function OnboardingPath({ path }: { path: PathView }) {
  return (
    <section className="card" aria-labelledby={`path-${path.path.slug}`}>
      <h2 id={`path-${path.path.slug}`}>{path.path.title}</h2>
      {path.path.description ? <p className="muted">{path.path.description}</p> : null}
      <OnboardingSummary path={path} />
      <ol className="modules">
        {path.modules.map((m) => (
          <li key={m.slug} className={`module ${m.status}`}>
            <div className="module-head">
              <h3>{m.title}</h3>
              <span className={`badge ${m.status}`}>
                {STATUS[m.status]} · due {formatDay(m.dueDay, { short: true })}
              </span>
            </div>
            <p className="muted">{m.summary}</p>
            <ul className="lessons">
              {m.lessons.map((l) => (
                <li key={l.slug} className={l.state}>
                  <span className="lesson-state" aria-hidden="true">
                    {l.state === 'done' ? '✓' : l.state === 'in-progress' ? '◐' : '○'}
                  </span>
                  <Link to={`/learn/${l.slug}`}>{l.title}</Link>
                  <span className="muted">
                    {' '}
                    · {l.minutes} min · {STATE[l.state]}
                  </span>
                </li>
              ))}
              {m.quiz ? (
                <li className={m.quiz.best !== null ? 'done' : m.quiz.inProgress ? 'in-progress' : 'not-started'}>
                  <span className="lesson-state" aria-hidden="true">
                    {m.quiz.best !== null ? '✓' : m.quiz.inProgress ? '◐' : '?'}
                  </span>
                  <Link to={`/quizzes/${m.quiz.slug}`}>{m.quiz.title}</Link>
                  <span className="muted">
                    {' '}
                    · {m.quiz.best !== null ? `best ${Math.round(m.quiz.best * 100)}%` : m.quiz.inProgress ? 'In progress' : 'Not taken'}
                  </span>
                </li>
              ) : null}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  )
}
