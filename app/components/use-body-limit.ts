import { useCallback, useState, type FormEvent } from 'react'
import { encodedFormSize, largestField, MAX_BODY_BYTES, tooLargeToSend } from '~/utils/body-limit'

type Entries = FormData | Record<string, string>
const entriesOf = (data: Entries): [string, unknown][] => (data instanceof FormData ? [...data.entries()] : Object.entries(data))

/**
 * Stops a form that the server would refuse as too large (413) before it is sent, so what was
 * typed stays in the field, and says so at the field holding most of it. `check` does the same for
 * a fetcher's submission (a live preview); `onSubmit` goes on the form.
 */
export function useBodyLimit() {
  const [problem, setProblem] = useState<{ field: string; message: string } | null>(null)
  const check = useCallback((data: Entries, field?: string) => {
    const entries = entriesOf(data)
    const size = encodedFormSize(entries)
    if (size <= MAX_BODY_BYTES) {
      setProblem((p) => (p ? null : p))
      return true
    }
    setProblem({ field: field ?? largestField(entries) ?? '', message: tooLargeToSend(size) })
    return false
  }, [])
  const onSubmit = useCallback(
    (event: FormEvent<HTMLFormElement>) => {
      const submitter = (event.nativeEvent as SubmitEvent).submitter
      if (!check(new FormData(event.currentTarget, submitter))) event.preventDefault()
    },
    [check],
  )
  /** `onSubmit`, then (when the form may be sent) the form's own handler, e.g. conform's validation. */
  const guard = useCallback(
    (next: (event: FormEvent<HTMLFormElement>) => void) => (event: FormEvent<HTMLFormElement>) => {
      onSubmit(event)
      if (!event.defaultPrevented) next(event)
    },
    [onSubmit],
  )
  return { check, onSubmit, guard, problem, errorFor: (field: string) => (problem?.field === field ? problem.message : undefined) }
}
