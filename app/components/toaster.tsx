import { useEffect, useState } from 'react'
import type { Toast } from '~/utils/toast'

const SHOWN_MS = 8000

/**
 * The one place a confirmation appears: fixed to the top of the viewport (where the eye is after
 * pressing a button, on a phone too), announced by screen readers, dismissed by its button or Escape,
 * and gone by itself after a while unless it is an error or the pointer or focus is on it.
 */
export function Toaster({ toast }: { toast: Toast | null }) {
  const [shown, setShown] = useState<Toast | null>(toast)
  const [held, setHeld] = useState(false)
  useEffect(() => setShown(toast), [toast])
  useEffect(() => {
    if (!shown || shown.type === 'error' || held) return
    const timer = setTimeout(() => setShown(null), SHOWN_MS)
    return () => clearTimeout(timer)
  }, [shown, held])
  useEffect(() => {
    if (!shown) return
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setShown(null)
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [shown])
  // The live region is always in the page, so a message added to it is announced.
  return (
    <div className="toaster" role="status" aria-live="polite">
      {shown ? (
        <div
          key={shown.id}
          className={`toast ${shown.type}`}
          onMouseEnter={() => setHeld(true)}
          onMouseLeave={() => setHeld(false)}
          onFocus={() => setHeld(true)}
          onBlur={() => setHeld(false)}
        >
          <div>
            {shown.title ? <strong>{shown.title}</strong> : null}
            <p>{shown.description}</p>
          </div>
          <button type="button" className="toast-close" aria-label="Dismiss message" onClick={() => setShown(null)}>
            ×
          </button>
        </div>
      ) : null}
    </div>
  )
}
