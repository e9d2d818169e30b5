/**
 * The MDX components authors may use, with the attributes each accepts. Attribute values are
 * always literal strings (or bare boolean attributes); anything else is refused by the validator.
 */
export type ComponentSpec = {
  attributes: Record<string, { required?: boolean; boolean?: boolean; oneOf?: readonly string[]; maxLength?: number }>
  /** Components this one may only appear inside. */
  parent?: string
  description: string
}

export const MDX_COMPONENTS = {
  Callout: {
    description: 'A highlighted note.',
    attributes: { tone: { oneOf: ['info', 'tip', 'warning'] }, title: { maxLength: 120 } },
  },
  Story: {
    description: 'A case from the field, told as a story.',
    attributes: { title: { required: true, maxLength: 120 }, source: { maxLength: 200 } },
  },
  KeyPoints: { description: 'A short list of what to remember.', attributes: { title: { maxLength: 120 } } },
  Mission: { description: "The organisation's own mission statement.", attributes: {} },
  Reflection: {
    description: "A prompt whose answer is saved to the learner's record.",
    attributes: { id: { required: true, maxLength: 60 }, prompt: { required: true, maxLength: 500 } },
  },
  Check: {
    description: 'An inline question that counts as evidence; its options are <Option> children.',
    attributes: { id: { required: true, maxLength: 60 }, question: { required: true, maxLength: 500 } },
  },
  Option: {
    description: 'One answer of a <Check>.',
    parent: 'Check',
    attributes: { correct: { boolean: true }, explanation: { required: true, maxLength: 600 } },
  },
  Scenario: { description: 'Embeds a scenario by its slug.', attributes: { slug: { required: true, maxLength: 80 } } },
} as const satisfies Record<string, ComponentSpec>

export type MdxComponentName = keyof typeof MDX_COMPONENTS
