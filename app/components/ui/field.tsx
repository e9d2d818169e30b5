import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react'

type Common = { label: ReactNode; error?: string; hint?: ReactNode }

function describedBy(id: string, hint?: ReactNode, error?: string) {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined
}

function Messages({ id, hint, error }: { id: string; hint?: ReactNode; error?: string }) {
  return (
    <>
      {hint ? (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  )
}

/** A labelled input with its hint and error, wired for screen readers. */
export function Field({ label, error, hint, id: givenId, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const generated = useId()
  const id = givenId ?? generated
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...input} />
      <Messages id={id} hint={hint} error={error} />
    </div>
  )
}

export function TextareaField({ label, error, hint, id: givenId, ...input }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const generated = useId()
  const id = givenId ?? generated
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...input} />
      <Messages id={id} hint={hint} error={error} />
    </div>
  )
}

export function SelectField({ label, error, hint, id: givenId, children, ...input }: Common & SelectHTMLAttributes<HTMLSelectElement>) {
  const generated = useId()
  const id = givenId ?? generated
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...input}>
        {children}
      </select>
      <Messages id={id} hint={hint} error={error} />
    </div>
  )
}

/** A group of checkboxes sharing one name. */
export function CheckboxGroup({
  legend,
  name,
  options,
  selected,
  error,
  hint,
}: {
  legend: ReactNode
  name: string
  options: { value: string; label: ReactNode }[]
  selected: readonly string[]
  error?: string
  hint?: ReactNode
}) {
  const id = useId()
  return (
    <fieldset className="field" aria-describedby={describedBy(id, hint, error)}>
      <legend>{legend}</legend>
      {options.length === 0 ? <span className="hint">None yet.</span> : null}
      <div className="checks">
        {options.map((o) => (
          <label key={o.value}>
            <input type="checkbox" name={name} value={o.value} defaultChecked={selected.includes(o.value)} /> {o.label}
          </label>
        ))}
      </div>
      <Messages id={id} hint={hint} error={error} />
    </fieldset>
  )
}

export function Alert({ tone, children }: { tone: 'error' | 'success' | 'info' | 'warn'; children: ReactNode }) {
  return (
    <div className={`alert ${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  )
}

/** A submit button that says it is working while its form is submitting. */
export function SubmitButton({
  busy,
  busyLabel,
  children,
  ...rest
}: { busy: boolean; busyLabel?: string } & React.ButtonHTMLAttributes<HTMLButtonElement>) {
  return (
    <button
      type="submit"
      aria-disabled={busy || undefined}
      {...rest}
      onClick={(e) => {
        if (busy) e.preventDefault()
        rest.onClick?.(e)
      }}
    >
      {busy ? (busyLabel ?? 'Working…') : children}
    </button>
  )
}
