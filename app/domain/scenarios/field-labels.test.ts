import { describe, expect, it } from 'vitest'
import { problemsByEditorField, scenarioEditorField, scenarioFieldLabel } from './field-labels'

describe('scenarioFieldLabel', () => {
  it.each([
    ['options.2.explanation', 'Option 3 · Explanation'],
    ['options.0.score', 'Option 1 · Score'],
    ['options', 'Options'],
    ['stem', 'The situation'],
    ['competencies.0.id', 'Competency 1'],
    ['competencies.1.weight', 'Competency 2 · Weight'],
    ['nodes.1.choices.0.next', 'Node 2 · Choice 1 · Leads to'],
    ['nodes.0.stem', 'Node 1 · The situation'],
    ['rubric.0.levels.2.score', 'Criterion 1 · Level 3 · Score'],
    ['modelAnswer', 'Model answer'],
    ['panel', 'Key panel'],
    ['(scenario)', 'The scenario'],
    ['', 'The scenario'],
  ])('%s reads as %s', (path, label) => {
    expect(scenarioFieldLabel(path)).toBe(label)
  })

  it('calls a ranking’s options responses, as its editor does', () => {
    expect(scenarioFieldLabel('options.1.text', 'ranking')).toBe('Response 2 · Text')
    expect(scenarioFieldLabel('options', 'ranking')).toBe('Responses')
  })

  it('never shows a raw path segment for the fields the editor has', () => {
    for (const path of ['options.2.explanation', 'nodes.0.choices.1.score', 'rubric.0.levels.1.label', 'competencies.0.weight'])
      expect(scenarioFieldLabel(path)).not.toMatch(/\.|\d\.|^[a-z]/)
  })
})

describe('scenarioEditorField', () => {
  it('places a problem at its own field when the editor shows it', () => {
    expect(scenarioEditorField('options.2.explanation')).toBe('options.2.explanation')
    expect(scenarioEditorField('nodes.1.choices.0.next')).toBe('nodes.1.choices.0.next')
  })
  it('places it at the nearest enclosing part otherwise, or nowhere', () => {
    expect(scenarioEditorField('rubric.0.levels.1.description')).toBe('rubric.0.levels')
    expect(scenarioEditorField('options.2.redFlag')).toBe('options')
    expect(scenarioEditorField('options.0.next')).toBe('options')
    expect(scenarioEditorField('(scenario)')).toBeNull()
  })
})

describe('problemsByEditorField', () => {
  it('reads several problems of one field together and names the part an enclosing field stands for', () => {
    expect(
      problemsByEditorField([
        { field: 'stem', message: 'Line 1, column 1: no braces.' },
        { field: 'stem', message: 'No <Check> here.' },
        { field: 'options.1.redFlag', message: 'Expected a yes or no.' },
      ]),
    ).toEqual({ stem: 'Line 1, column 1: no braces. No <Check> here.', options: 'Option 2 · Red flag: Expected a yes or no.' })
  })
})
