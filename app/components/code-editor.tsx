import type { EditorView } from '@codemirror/view'
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react'

export type CodeEditorHandle = { goToLine: (line: number) => void }

/**
 * A CodeMirror 6 Markdown editor over a plain textarea: the textarea is what the form submits and
 * what works without JavaScript; CodeMirror is loaded in the browser only, and keeps it in sync.
 */
export const CodeEditor = forwardRef<
  CodeEditorHandle,
  { name: string; id: string; defaultValue: string; onChange?: (value: string) => void; describedBy?: string }
>(function CodeEditor({ name, id, defaultValue, onChange, describedBy }, ref) {
  const textarea = useRef<HTMLTextAreaElement>(null)
  const host = useRef<HTMLDivElement>(null)
  const view = useRef<EditorView | null>(null)
  const onChangeRef = useRef(onChange)
  onChangeRef.current = onChange

  useImperativeHandle(ref, () => ({
    goToLine(line: number) {
      const v = view.current
      if (!v) {
        textarea.current?.focus()
        return
      }
      const target = v.state.doc.line(Math.min(Math.max(1, line), v.state.doc.lines))
      v.dispatch({ selection: { anchor: target.from }, scrollIntoView: true })
      v.focus()
    },
  }))

  useEffect(() => {
    let cancelled = false
    const plain = textarea.current
    Promise.all([import('codemirror'), import('@codemirror/lang-markdown'), import('@codemirror/view')]).then(
      ([{ basicSetup, EditorView }, { markdown }, viewModule]) => {
        if (cancelled || !host.current || !textarea.current) return
        const area = textarea.current
        view.current = new EditorView({
          doc: area.value,
          parent: host.current,
          extensions: [
            basicSetup,
            markdown(),
            EditorView.lineWrapping,
            // tabindex: axe counts a contenteditable as focusable only with it (the scroller around it is keyboard-reachable through it).
            viewModule.EditorView.contentAttributes.of({
              tabindex: '0',
              'aria-label': 'Lesson text (MDX)',
              ...(describedBy ? { 'aria-describedby': describedBy } : {}),
            }),
            EditorView.updateListener.of((update) => {
              if (!update.docChanged) return
              area.value = update.state.doc.toString()
              onChangeRef.current?.(area.value)
            }),
          ],
        })
        area.hidden = true
      },
    )
    return () => {
      cancelled = true
      view.current?.destroy()
      view.current = null
      if (plain) plain.hidden = false
    }
  }, [describedBy])

  return (
    <div className="code-editor">
      <textarea
        ref={textarea}
        id={id}
        name={name}
        defaultValue={defaultValue}
        spellCheck
        onChange={(e) => onChange?.(e.currentTarget.value)}
        aria-describedby={describedBy}
        rows={24}
      />
      <div ref={host} />
    </div>
  )
})
