import { type FieldMetadata, getInputProps, getSelectProps, getTextareaProps } from '@conform-to/react'
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react'

// `meta` is a conform field (utils/forms.ts useSchemaForm): it gives the name, id, typed value,
// limits and errors. Without it the props say them (fields outside a form schema, such as filters).
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a field of any schema
type Meta = FieldMetadata<any, any, string[]>
type Common = { label: ReactNode; error?: string; hint?: ReactNode; meta?: Meta }

function errorOf(error: string | undefined, meta: Meta | undefined) {
  return error ?? (meta?.errors?.length ? meta.errors.join(' ') : undefined)
}

function describedBy(id: string, hint?: ReactNode, error?: string) {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined
}

/** The id, error and ARIA attributes a field's control carries. */
function useWiring(meta: Meta | undefined, givenId: string | undefined, given: string | undefined, hint: ReactNode) {
  const generated = useId()
  const id = meta?.id ?? givenId ?? generated
  const error = errorOf(given, meta)
  return { id, error, aria: { 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy(id, hint, error) } }
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
export function Field({ label, error: given, hint, meta, id: givenId, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const { id, error, aria } = useWiring(meta, givenId, given, hint)
  const { key, ...bound } = meta
    ? getInputProps(meta, { type: (input.type ?? 'text') as 'text', ariaAttributes: false })
    : { key: undefined }
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input key={key} {...bound} id={id} {...aria} {...input} />
      <Messages id={id} hint={hint} error={error} />
    </div>
  )
}

export function TextareaField({
  label,
  error: given,
  hint,
  meta,
  id: givenId,
  ...input
}: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const { id, error, aria } = useWiring(meta, givenId, given, hint)
  const { key, ...bound } = meta ? getTextareaProps(meta, { ariaAttributes: false }) : { key: undefined }
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea key={key} {...bound} id={id} {...aria} {...input} />
      <Messages id={id} hint={hint} error={error} />
    </div>
  )
}

export function SelectField({
  label,
  error: given,
  hint,
  meta,
  id: givenId,
  children,
  ...input
}: Common & SelectHTMLAttributes<HTMLSelectElement>) {
  const { id, error, aria } = useWiring(meta, givenId, given, hint)
  const { key, ...bound } = meta ? getSelectProps(meta, { ariaAttributes: false }) : { key: undefined }
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select key={key} {...bound} id={id} {...aria} {...input}>
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

/** A form's own errors (not tied to one field), from conform's `form.errors`. */
export function FormErrors({ errors, id }: { errors?: string[]; id?: string }) {
  if (!errors?.length) return null
  return (
    <div id={id} className="alert error" role="alert">
      {errors.length === 1 ? (
        errors[0]
      ) : (
        <ul>
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
    </div>
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
