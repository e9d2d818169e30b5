// A scenario's problems point at paths in its definition (`options.2.explanation`). Trainers see
// the editor's labels instead ("Option 3 · Explanation"), and each message sits at the editor field
// that path belongs to, or at the nearest part of the editor that shows it.
import type { ItemType } from './scenario'

const FIELDS: Record<string, string> = {
  title: 'Title',
  type: 'Type',
  stem: 'The situation',
  modelAnswer: 'Model answer',
  panel: 'Key panel',
  competencies: 'Competencies measured',
  nodes: 'Conversation',
  rubric: 'Rubric',
  id: 'Id',
  weight: 'Weight',
  text: 'Text',
  score: 'Score',
  explanation: 'Explanation',
  redFlag: 'Red flag',
  next: 'Leads to',
  choices: 'Choices',
  levels: 'Levels',
  label: 'Label',
  description: 'Description',
  '(scenario)': 'The scenario',
}

/** What one numbered item of a list is called in the editor. */
const ITEM: Record<string, string> = {
  competencies: 'Competency',
  options: 'Option',
  nodes: 'Node',
  choices: 'Choice',
  rubric: 'Criterion',
  levels: 'Level',
}

/** The editor's name for a field of a scenario, from its path: `options.2.explanation` is "Option 3 · Explanation". */
export function scenarioFieldLabel(path: string, type?: ItemType): string {
  const parts = path.split('.')
  const words: string[] = []
  parts.forEach((part, i) => {
    const list = parts[i - 1]
    if (/^\d+$/.test(part) && list && ITEM[list]) {
      const item = list === 'options' && type === 'ranking' ? 'Response' : ITEM[list]
      words[words.length - 1] = `${item} ${Number(part) + 1}`
      return
    }
    // A competency's id is its select, labelled "Competency n" already.
    if (part === 'id' && list && /^\d+$/.test(list) && parts[i - 2] === 'competencies') return
    words.push(part === 'options' ? (type === 'ranking' ? 'Responses' : 'Options') : (FIELDS[part] ?? part))
  })
  return words.join(' · ') || 'The scenario'
}

/** The parts of the editor that show a message (scenario-editor.tsx), by path. */
const SHOWN = [
  /^(title|type|stem|modelAnswer|panel|competencies|options|nodes|rubric)$/,
  /^competencies\.\d+\.(id|weight)$/,
  /^options\.\d+\.(text|score|explanation)$/,
  /^nodes\.\d+\.(id|stem|competencies|choices)$/,
  /^nodes\.\d+\.choices\.\d+\.(text|score|explanation|next)$/,
  /^rubric\.\d+\.(title|id|levels)$/,
  /^rubric\.\d+\.levels\.\d+\.(label|score)$/,
]

/**
 * Where in the editor a problem at `path` is shown: the field itself, or the nearest enclosing part
 * that is on the page (a rubric level's description is not, so its problem goes to the criterion's
 * levels). Null when nothing in the editor holds it; the form's summary still lists it.
 */
export function scenarioEditorField(path: string): string | null {
  const parts = path.split('.')
  while (parts.length > 0) {
    const candidate = parts.join('.')
    if (SHOWN.some((r) => r.test(candidate))) return candidate
    parts.pop()
  }
  return null
}

/** Problems gathered by the editor field that shows them, several for one field read together. */
export function problemsByEditorField(problems: readonly { field: string; message: string }[], type?: ItemType): Record<string, string> {
  const out: Record<string, string> = {}
  for (const p of problems) {
    const at = scenarioEditorField(p.field)
    if (!at) continue
    // A problem placed at an enclosing field says which part of it is meant.
    const message = at === p.field ? p.message : `${scenarioFieldLabel(p.field, type)}: ${p.message}`
    out[at] = out[at] ? `${out[at]} ${message}` : message
  }
  return out
}
