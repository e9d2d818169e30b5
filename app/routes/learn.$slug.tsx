import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, ShouldRevalidateFunction } from 'react-router'
import { getFormProps } from '@conform-to/react'
import { Link, useFetcher, useLoaderData } from 'react-router'
import { useEffect, useRef, useState } from 'react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { LessonContent } from '~/components/mdx'
import { FormErrors } from '~/components/ui/field'
import { LessonActionSchema, LessonProgressSchema } from '~/domain/content/lesson-schemas'
import { answerCheck, getLessonForLearner, LearningInputError, recordProgress, saveReflection } from '~/models/learning.server'
import { getOrganisation } from '~/models/organisation.server'
import { requireAuth } from '~/utils/auth.server'
import { parseSubmission, replyDomainError, replyInvalid, useSchemaForm } from '~/utils/forms'
import { useDateFormat } from '~/components/use-dates'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.lesson.title ?? 'Lesson'} · Mission Ready` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireAuth(request)
  const [lesson, org] = await Promise.all([getLessonForLearner(user.id, params.slug ?? ''), getOrganisation()])
  return { ...lesson, mission: org.mission }
}

// Background progress saves change nothing on the page; do not reload the lesson after them.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get('intent') === 'progress' ? false : defaultShouldRevalidate

// Answers are posted with a fetcher and shown in place (the Check's feedback, "Saved to your
// record." beside the Reflection), so the learner keeps their place in the lesson.
export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireAuth(request)
  const slug = params.slug ?? ''
  const submission = parseSubmission(await request.formData(), LessonActionSchema)
  if (submission.status !== 'success') return replyInvalid(submission)
  try {
    const input = submission.value
    switch (input.intent) {
      case 'reflect':
        await saveReflection(user.id, slug, input.key, input.text)
        return { ok: true as const }
      case 'check':
        return { ok: true as const, feedback: await answerCheck(user.id, slug, input.key, input.option) }
      case 'progress':
      case 'complete':
        await recordProgress(user.id, slug, { position: input.position, seconds: input.seconds, complete: input.intent === 'complete' })
        return { ok: true as const }
    }
  } catch (error) {
    if (error instanceof LearningInputError) return replyDomainError(submission, error)
    throw error
  }
}

/** Reading position (0–1) of the lesson body in the window. */
function readPosition(): number {
  const max = document.documentElement.scrollHeight - window.innerHeight
  return max <= 0 ? 1 : Math.min(1, Math.max(0, window.scrollY / max))
}

/**
 * Tracks reading: a progress bar, visible time, and periodic saves of position and time, plus one
 * when the learner leaves (a beacon, so it survives the page closing).
 */
function useReadingTracker(slug: string, startAt: number | null) {
  const [position, setPosition] = useState(0)
  const seconds = useRef(0)
  const fetcher = useFetcher()
  const submit = useRef(fetcher.submit)
  submit.current = fetcher.submit

  useEffect(() => {
    if (startAt && startAt > 0.05 && startAt < 0.98) {
      window.scrollTo({ top: startAt * (document.documentElement.scrollHeight - window.innerHeight) })
    }
    const onScroll = () => setPosition(readPosition())
    onScroll()
    window.addEventListener('scroll', onScroll, { passive: true })
    const tick = window.setInterval(() => {
      if (document.visibilityState === 'visible') seconds.current += 1
    }, 1000)
    const flush = (beacon: boolean) => {
      if (seconds.current === 0) return
      const form = { intent: 'progress', position: String(readPosition()), seconds: String(seconds.current) }
      seconds.current = 0
      if (beacon) navigator.sendBeacon(`/learn/${slug}.data`, new URLSearchParams(form))
      else submit.current(form, { method: 'post', action: `/learn/${slug}` })
    }
    const save = window.setInterval(() => flush(false), 20_000)
    const onHide = () => document.visibilityState === 'hidden' && flush(true)
    document.addEventListener('visibilitychange', onHide)
    return () => {
      window.removeEventListener('scroll', onScroll)
      document.removeEventListener('visibilitychange', onHide)
      window.clearInterval(tick)
      window.clearInterval(save)
      flush(true)
    }
  }, [slug, startAt])

  const takeSeconds = () => {
    const s = seconds.current
    seconds.current = 0
    return s
  }
  return { position, takeSeconds }
}

export default function LessonPlayer() {
  const dateFormat = useDateFormat('date')
  const { lesson, progress, reflections, checks, optionIds, previous, next, mission } = useLoaderData<typeof loader>()
  const { position, takeSeconds } = useReadingTracker(lesson.slug, progress?.completedAt ? null : (progress?.position ?? null))
  const complete = useFetcher<typeof action>()
  const [completeForm] = useSchemaForm(LessonProgressSchema, {
    id: 'complete-lesson',
    lastResult: complete.data && 'result' in complete.data ? complete.data.result : null,
  })
  const completeProps = getFormProps(completeForm)
  const resumed = progress && !progress.completedAt && progress.position > 0.05
  return (
    <article className="lesson" key={lesson.slug}>
      <div className="reading-bar" aria-hidden="true">
        <span style={{ width: `${Math.round(position * 100)}%` }} />
      </div>
      <nav aria-label="Breadcrumb" className="muted">
        <Link to="/learn">My onboarding</Link> › {lesson.moduleTitle}
      </nav>
      <p className="muted lesson-meta">
        {lesson.minutes} min · version {lesson.version}
      </p>
      {resumed ? (
        <p className="alert info" role="status">
          Welcome back: we took you to where you left off.
        </p>
      ) : null}
      <LessonContent
        code={lesson.code}
        context={{ slug: lesson.slug, mission, reflections, checks, action: `/learn/${lesson.slug}`, optionIds }}
      />

      <footer className="lesson-footer">
        {progress?.completedAt ? (
          <p className="alert success" role="status">
            Completed on {dateFormat.format(new Date(progress.completedAt))} (version {progress.completedVersion}).
            {progress.completedVersion !== lesson.version ? ' This lesson has been updated since.' : ''}
          </p>
        ) : (
          <complete.Form
            method="post"
            {...completeProps}
            onSubmit={(e) => {
              const form = e.currentTarget
              ;(form.elements.namedItem('seconds') as HTMLInputElement).value = String(takeSeconds())
              ;(form.elements.namedItem('position') as HTMLInputElement).value = String(readPosition())
              completeProps.onSubmit(e)
            }}
          >
            <input type="hidden" name="intent" value="complete" />
            <input type="hidden" name="seconds" value="0" />
            <input type="hidden" name="position" value="1" />
            <button type="submit" disabled={complete.state !== 'idle'}>
              {complete.state !== 'idle' ? 'Saving…' : 'Mark lesson complete'}
            </button>
            <FormErrors errors={completeForm.errors} id={completeForm.errorId} />
          </complete.Form>
        )}
        <nav className="row lesson-nav" aria-label="Lessons">
          {previous ? (
            <Link className="button secondary" to={`/learn/${previous.slug}`} rel="prev">
              ← {previous.title}
            </Link>
          ) : null}
          {next ? (
            <Link className="button secondary" to={`/learn/${next.slug}`} rel="next">
              {next.title} →
            </Link>
          ) : (
            <Link className="button secondary" to="/learn">
              Back to my onboarding
            </Link>
          )}
        </nav>
        <p className="muted sources">Sources: {lesson.sources.map((s) => `${s.author}, “${s.title}”`).join('; ')}.</p>
      </footer>
    </article>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
