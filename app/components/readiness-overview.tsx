// A person's readiness: client-ready, refreshers, next steps, both pillars with each competency's
// interval and red flags, and history. Shown to the person and, read-only, to their leader.
import { Link } from 'react-router'
import type { PersonReadiness } from '~/domain/readiness/person-view'
import { LEAST_EVIDENCE_FOR_READY, toDecidePhrase } from '~/domain/readiness/model'
import { IntervalBar, LevelBadge, LineChart } from './readiness'
import { useDateFormat } from '~/components/use-dates'

/** Pillars, competencies with their intervals and red flags, what to do next, and history. */
export function ReadinessOverview({ data, self }: { data: PersonReadiness; self: boolean }) {
  const date = useDateFormat('date')
  return (
    <>
      <section className={`card client-ready ${data.clientReady ? 'yes' : 'no'}`} aria-label="Client-ready">
        <p className="stat">{data.clientReady ? 'Client-ready' : 'Not client-ready yet'}</p>
        <p className="muted">
          Client-ready means both pillars are ready: each pillar is as ready as its weakest competency. Ready means we are 95% sure mastery
          is at least {Math.round(data.settings.readyLowerBound * 100)}%, from at least {LEAST_EVIDENCE_FOR_READY} scored answers or
          observations, with the lessons for it done.
        </p>
      </section>
      {data.refreshers.length > 0 ? (
        <p className="alert warn" role="status">
          Time for a refresher: {data.refreshers.map((r) => r.title).join(', ')} {data.refreshers.length === 1 ? 'was' : 'were'} ready but
          older evidence now counts for less. <Link to="/quizzes/practice">Practise now</Link>.
        </p>
      ) : null}
      {data.next.focus.length > 0 ? (
        <section className="card" aria-labelledby="next">
          <h2 id="next">{self ? 'What to do next' : 'What would help next'}</h2>
          <p>
            Weakest: {data.next.focus.map((f) => f.title).join(', ')}.{' '}
            {self ? (
              <>
                <Link to="/quizzes/practice">Take a practice set for them</Link>
                {data.next.lessons.length > 0 ? ', and read these lessons:' : '.'}
              </>
            ) : data.next.lessons.length > 0 ? (
              'A practice set would draw scenarios for them, and these lessons teach them:'
            ) : (
              'A practice set would draw scenarios for them.'
            )}
          </p>
          {data.next.lessons.length > 0 ? (
            <ul>
              {data.next.lessons.map((l) => (
                <li key={l.slug}>
                  {/* Every signed-in person may open a lesson (learn.$slug): a leader reads it as themselves, to coach from it. */}
                  <Link to={`/learn/${l.slug}`}>{l.title}</Link> <span className="muted">· {l.minutes} min</span>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}
      {data.pillars.map((p) => (
        <section key={p.id} className="card" aria-labelledby={`pillar-${p.id}`}>
          <div className="module-head">
            <h2 id={`pillar-${p.id}`}>{p.title}</h2>
            <LevelBadge level={p.level} />
          </div>
          <ul className="competency-list">
            {p.competencies.map((c) => (
              <li key={c.id} id={`competency-${c.id}`}>
                <div className="competency-head">
                  <strong>{c.title}</strong> <LevelBadge level={c.level} toDecide={c.toDecide} />
                  {c.redFlag ? <span className="badge red-flag">⚑ Red flag</span> : null}
                  {c.refresherSince ? <span className="badge due-soon">Refresher due</span> : null}
                </div>
                <IntervalBar
                  lower={c.lower}
                  upper={c.upper}
                  mean={c.mean}
                  readyAt={data.settings.readyLowerBound}
                  label={c.title}
                  count={c.count}
                />
                <p className="muted small">
                  {c.count === 0
                    ? 'No scored evidence yet.'
                    : `${c.count} scored answer${c.count === 1 ? '' : 's'} or observation${c.count === 1 ? '' : 's'}; estimate ${Math.round(c.mean * 100)}%, 90% sure between ${Math.round(c.lower * 100)}% and ${Math.round(c.upper * 100)}%.`}{' '}
                  Lessons done: {Math.min(c.lessonsDone, c.lessonsRequired)} of {c.lessonsRequired}.
                </p>
                {c.toDecide !== null ? (
                  <p className="small undecided-note">
                    Not enough evidence yet to call it ready or developing: {toDecidePhrase(c.toDecide)}.
                  </p>
                ) : null}
                {c.redFlag ? (
                  <p className="red-flag-note">
                    A red flag: on {date.format(new Date(c.redFlag.at))}, an answer chose something that harms the relationship with a
                    client ({c.redFlag.href ? <Link to={c.redFlag.href}>{c.redFlag.label}</Link> : c.redFlag.label}). It shows for{' '}
                    {data.settings.halfLifeDays} days, whatever the average.
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <section className="card" aria-labelledby="history">
        <h2 id="history">Over the last 12 weeks</h2>
        <LineChart
          points={data.history.map((h) => ({ x: h.week, y: h.ready }))}
          max={data.total}
          label={`Competencies ready each week, out of ${data.total}`}
          format={(y) => `${y} of ${data.total}`}
        />
        <p className="muted small">Competencies ready at the end of each week, out of {data.total}.</p>
      </section>
    </>
  )
}
