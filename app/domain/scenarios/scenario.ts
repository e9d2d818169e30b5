import { z } from 'zod'
import { MDX_COMPONENTS } from '../content/mdx-components'
import { validateMdx } from '../content/mdx-validator'

export const ITEM_TYPES = ['single', 'multiple', 'ranking', 'branching', 'free-text'] as const
export type ItemType = (typeof ITEM_TYPES)[number]

export const ITEM_TYPE_LABELS: Record<ItemType, string> = {
  single: 'Single best response',
  multiple: 'Multiple response',
  ranking: 'Ranking',
  branching: 'Branching conversation',
  'free-text': 'Free text (graded by a trainer)',
}

/**
 * The roles a scenario fits, so a draw can prefer the learner's own work. A fixed list: a tag
 * nobody draws by (a typo, a role that does not exist) would silently never be used.
 */
export const SCENARIO_ROLES = ['front-desk', 'restaurant', 'housekeeping', 'concierge', 'sales', 'back-office', 'any'] as const
export type ScenarioRole = (typeof SCENARIO_ROLES)[number]
/** The work a team can do (every scenario role but "any"), as the admin chooses it. */
export const WORK_ROLES = SCENARIO_ROLES.filter((r): r is Exclude<ScenarioRole, 'any'> => r !== 'any')
export const WORK_ROLE_LABELS: Record<(typeof WORK_ROLES)[number], string> = {
  'front-desk': 'Front desk',
  restaurant: 'Restaurant',
  housekeeping: 'Housekeeping',
  concierge: 'Concierge',
  sales: 'Sales',
  'back-office': 'Back office',
}

const Slug = z.string().regex(/^[a-z][a-z0-9-]{0,59}$/, 'Use lower-case letters, digits and dashes, starting with a letter.')
const Text = (what: string, max: number) =>
  z.string().trim().min(1, `Write the ${what}.`).max(max, `Keep the ${what} under ${max} characters.`)

const WeightedSchema = z.object({
  id: z.string().trim().min(1, 'Choose a competency.'),
  weight: z.number().min(0.1, 'A weight is between 0.1 and 1.').max(1, 'A weight is between 0.1 and 1.').default(1),
})

const ChoiceSchema = z.object({
  text: Text('option text', 600),
  /** 0 to 1; required for every type but ranking, checked below so the message points at the field. */
  score: z.number().min(0, 'A score is between 0 and 1.').max(1, 'A score is between 0 and 1.').optional(),
  explanation: z.string().trim().max(1200, 'Keep the explanation under 1200 characters.').default(''),
  redFlag: z.boolean().default(false),
  /** Branching only: the node this choice leads to; none ends the conversation. */
  next: z.string().trim().optional(),
})

const NodeSchema = z.object({
  id: Slug,
  stem: Text('node text', 4000),
  choices: z.array(ChoiceSchema).min(2, 'A node needs at least two choices.').max(5, 'A node has at most five choices.'),
  /**
   * The competencies this turn's decision tests (some of the scenario's): each decision is its own
   * piece of evidence for them. None listed: the decision tests all of the scenario's competencies.
   */
  competencies: z.array(z.string().trim().min(1, 'Choose a competency.')).max(4).optional(),
})

const LevelSchema = z.object({
  label: Text('level label', 60),
  score: z.number().min(0, 'A level score is between 0 and 1.').max(1, 'A level score is between 0 and 1.'),
  description: z.string().trim().max(400).default(''),
})

const CriterionSchema = z.object({
  id: Slug,
  title: Text('criterion', 200),
  levels: z.array(LevelSchema).min(2, 'A criterion needs at least two levels.').max(5, 'A criterion has at most five levels.'),
})

export const ScenarioSchema = z.object({
  title: Text('title', 120),
  type: z.enum(ITEM_TYPES, { message: `The type is one of: ${ITEM_TYPES.join(', ')}.` }),
  competencies: z
    .array(WeightedSchema)
    .min(1, 'Name at least one competency this scenario measures.')
    .max(4, 'A scenario measures at most four competencies.'),
  stem: Text('situation (stem)', 4000),
  options: z.array(ChoiceSchema).max(8, 'Keep it to eight options or fewer.').default([]),
  nodes: z.array(NodeSchema).max(12, 'A conversation has at most twelve nodes.').default([]),
  rubric: z.array(CriterionSchema).max(6, 'A rubric has at most six criteria.').default([]),
  /** Free text: what a strong answer looks like, shown to the learner after grading. */
  modelAnswer: z.string().trim().max(2000).default(''),
  /** The roles this scenario fits; none given means it has not been tagged yet. */
  roles: z
    .array(z.enum(SCENARIO_ROLES, { message: `A role is one of: ${SCENARIO_ROLES.join(', ')}.` }))
    .max(SCENARIO_ROLES.length)
    .refine((list) => new Set(list).size === list.length, 'List each role once.')
    .optional(),
})

export type ScenarioDefinition = z.infer<typeof ScenarioSchema>
export type ScenarioInput = z.input<typeof ScenarioSchema>
export type Choice = z.infer<typeof ChoiceSchema>
export type ScenarioNode = z.infer<typeof NodeSchema>
export type Criterion = z.infer<typeof CriterionSchema>
export type Weighted = z.infer<typeof WeightedSchema>

/**
 * A published definition as stored (ScenarioSchema's output): only its structure is checked, without
 * the authoring limits or transforms, because the answer path reads one per request. A corrupt row
 * fails here instead of becoming a wrong value further on.
 */
const StoredChoiceSchema = z.object({
  text: z.string(),
  score: z.number().optional(),
  explanation: z.string(),
  redFlag: z.boolean(),
  next: z.string().optional(),
})
/** A scenario's competencies with their weights, as stored with a version. */
export const StoredWeightedListSchema = z.array(z.object({ id: z.string(), weight: z.number() }))
export const StoredScenarioSchema: z.ZodType<ScenarioDefinition> = z.object({
  title: z.string(),
  type: z.enum(ITEM_TYPES),
  competencies: StoredWeightedListSchema,
  stem: z.string(),
  options: z.array(StoredChoiceSchema),
  nodes: z.array(
    z.object({ id: z.string(), stem: z.string(), choices: z.array(StoredChoiceSchema), competencies: z.array(z.string()).optional() }),
  ),
  rubric: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      levels: z.array(z.object({ label: z.string(), score: z.number(), description: z.string() })),
    }),
  ),
  modelAnswer: z.string(),
  roles: z.array(z.enum(SCENARIO_ROLES)).optional(),
})

const str = (max: number) => z.string().max(max).catch('')
const num = z.number().optional().catch(undefined)
const DraftChoiceSchema = z.object({
  text: str(600),
  score: num,
  explanation: str(1200),
  redFlag: z.boolean().catch(false),
  next: z.string().max(60).optional().catch(undefined),
})

/**
 * The shape of a draft, which may be incomplete but is always well-formed: anything of the wrong
 * type becomes empty, so the editor can always open it. Publishing applies the full schema.
 */
export const ScenarioDraftSchema = z.object({
  title: str(120),
  type: z.enum(ITEM_TYPES).catch('single'),
  competencies: z
    .array(z.object({ id: str(60), weight: z.number().catch(1) }))
    .max(4)
    .catch([]),
  stem: str(4000),
  options: z.array(DraftChoiceSchema).max(8).catch([]),
  nodes: z
    .array(
      z.object({
        id: str(60),
        stem: str(4000),
        choices: z.array(DraftChoiceSchema).max(5).catch([]),
        competencies: z.array(str(60)).max(4).optional().catch(undefined),
      }),
    )
    .max(12)
    .catch([]),
  rubric: z
    .array(
      z.object({
        id: str(60),
        title: str(200),
        levels: z
          .array(z.object({ label: str(60), score: z.number().catch(0), description: str(400) }))
          .max(5)
          .catch([]),
      }),
    )
    .max(6)
    .catch([]),
  modelAnswer: str(2000),
})
export type ScenarioDraft = z.infer<typeof ScenarioDraftSchema>

/** A problem with a scenario, pointing at the field (`options.2.explanation`) and, for MDX, its line. */
export type FieldProblem = { field: string; message: string }

/** Components that need a lesson around them (answers, reflections) and so have no place in a stem. */
const LESSON_ONLY = ['Check', 'Option', 'Reflection', 'Scenario'] as const

function stemProblems(field: string, stem: string): FieldProblem[] {
  const problems = validateMdx(stem).map((p) => ({ field, message: `Line ${p.line}, column ${p.column}: ${p.message}` }))
  for (const name of LESSON_ONLY) {
    if (new RegExp(`<${name}[\\s/>]`).test(stem))
      problems.push({
        field,
        message: `<${name}> belongs in lessons; a scenario's text may use ${Object.keys(MDX_COMPONENTS)
          .filter((c) => !(LESSON_ONLY as readonly string[]).includes(c))
          .map((c) => `<${c}>`)
          .join(', ')}.`,
      })
  }
  return problems
}

function choiceProblems(prefix: string, choices: Choice[], { needsScore }: { needsScore: boolean }): FieldProblem[] {
  const problems: FieldProblem[] = []
  choices.forEach((c, i) => {
    if (needsScore && c.score === undefined)
      problems.push({ field: `${prefix}.${i}.score`, message: 'Give this option a score from 0 (poor) to 1 (best).' })
    if (c.explanation === '')
      problems.push({
        field: `${prefix}.${i}.explanation`,
        message: 'Explain why this option is strong or weak; learners read it in their review.',
      })
  })
  if (needsScore && choices.length > 0 && !choices.some((c) => c.score === 1)) {
    problems.push({ field: `${prefix}`, message: 'At least one option must be a best option (score 1).' })
  }
  return problems
}

/** Every path from the start node of a branching scenario, as node ids with the choice taken at each. */
export function conversationPaths(nodes: ScenarioNode[]): { node: string; choice: number }[][] {
  const byId = new Map(nodes.map((n) => [n.id, n]))
  const out: { node: string; choice: number }[][] = []
  const walk = (id: string, path: { node: string; choice: number }[]) => {
    const node = byId.get(id)
    if (!node || path.some((p) => p.node === id) || out.length > 500) return
    node.choices.forEach((c, i) => {
      const next = [...path, { node: id, choice: i }]
      if (c.next) walk(c.next, next)
      else out.push(next)
    })
  }
  if (nodes[0]) walk(nodes[0].id, [])
  return out
}

function graphProblems(nodes: ScenarioNode[]): FieldProblem[] {
  const problems: FieldProblem[] = []
  const index = new Map<string, number>()
  nodes.forEach((n, i) => {
    if (index.has(n.id)) problems.push({ field: `nodes.${i}.id`, message: `The node id "${n.id}" is used twice.` })
    else index.set(n.id, i)
  })
  nodes.forEach((n, i) =>
    n.choices.forEach((c, j) => {
      if (c.next && !index.has(c.next))
        problems.push({
          field: `nodes.${i}.choices.${j}.next`,
          message: `This choice leads to "${c.next}", which is not a node of this conversation.`,
        })
      if (c.next === n.id) problems.push({ field: `nodes.${i}.choices.${j}.next`, message: 'A choice cannot lead back to its own node.' })
    }),
  )
  if (problems.length > 0) return problems

  // Depth-first search from the start: a grey node met again is a cycle; a node no path leaves from is a dead end.
  const state = new Map<string, 'grey' | 'black'>()
  const reachable = new Set<string>()
  const visit = (id: string) => {
    state.set(id, 'grey')
    reachable.add(id)
    const i = index.get(id)!
    nodes[i]!.choices.forEach((c, j) => {
      if (!c.next) return
      if (state.get(c.next) === 'grey')
        problems.push({
          field: `nodes.${i}.choices.${j}.next`,
          message: `Leading to "${c.next}" makes a loop: a conversation must always move towards an end.`,
        })
      else if (!state.has(c.next)) visit(c.next)
    })
    state.set(id, 'black')
  }
  if (nodes[0]) visit(nodes[0].id)
  nodes.forEach((n, i) => {
    if (!reachable.has(n.id))
      problems.push({ field: `nodes.${i}.id`, message: `No choice leads to "${n.id}"; link it from another node or remove it.` })
  })
  if (problems.length === 0 && nodes.length > 0) {
    // Without cycles, every path ends; check that each node has a way to an end at all.
    const ends = (id: string, seen = new Set<string>()): boolean => {
      if (seen.has(id)) return false
      seen.add(id)
      return nodes[index.get(id)!]!.choices.some((c) => !c.next || ends(c.next, seen))
    }
    nodes.forEach((n, i) => {
      if (!ends(n.id))
        problems.push({ field: `nodes.${i}.id`, message: `No choice from "${n.id}" ever reaches an end of the conversation.` })
    })
  }
  return problems
}

/**
 * Parses and checks a scenario as publishing requires: shape, every option scored and explained,
 * a best option, competencies that exist, a branching graph without loops that ends from every
 * node, a rubric for free text, and MDX stems that pass the untrusted-MDX validator.
 */
export function validateScenario(
  raw: unknown,
  knownCompetencies: readonly string[],
): { ok: true; scenario: ScenarioDefinition } | { ok: false; problems: FieldProblem[] } {
  const parsed = ScenarioSchema.safeParse(raw)
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(scenario)', message: i.message })) }
  }
  const s = parsed.data
  const problems: FieldProblem[] = []
  const seen = new Set<string>()
  const checkCompetencies = (field: string, list: Weighted[]) =>
    list.forEach((c, i) => {
      if (!knownCompetencies.includes(c.id))
        problems.push({
          field: `${field}.${i}.id`,
          message: `"${c.id}" is not a competency of the framework. Known: ${knownCompetencies.join(', ')}.`,
        })
    })
  checkCompetencies('competencies', s.competencies)
  s.competencies.forEach((c, i) => {
    if (seen.has(c.id)) problems.push({ field: `competencies.${i}.id`, message: `"${c.id}" is listed twice.` })
    seen.add(c.id)
  })
  problems.push(...stemProblems('stem', s.stem))

  const unused = (field: 'options' | 'nodes' | 'rubric') => {
    if (s[field].length > 0)
      problems.push({
        field,
        message: `A ${ITEM_TYPE_LABELS[s.type].toLowerCase()} scenario has no ${field}; remove them or change the type.`,
      })
  }
  switch (s.type) {
    case 'single':
    case 'multiple':
    case 'ranking': {
      unused('nodes')
      unused('rubric')
      if (s.options.length < 3) problems.push({ field: 'options', message: 'Give at least 3 options, each a plausible thing to do.' })
      problems.push(...choiceProblems('options', s.options, { needsScore: s.type !== 'ranking' }))
      if (s.type === 'multiple') {
        s.options.forEach((o, i) => {
          if (o.score !== undefined && o.score !== 0 && o.score !== 1)
            problems.push({
              field: `options.${i}.score`,
              message: 'In a multiple-response item an option is either part of the answer (1) or not (0).',
            })
        })
      }
      s.options.forEach(
        (o, i) =>
          o.next && problems.push({ field: `options.${i}.next`, message: 'Only branching conversations lead from one node to another.' }),
      )
      break
    }
    case 'branching': {
      unused('options')
      unused('rubric')
      if (s.nodes.length < 2) problems.push({ field: 'nodes', message: 'A branching conversation needs at least two nodes (turns).' })
      s.nodes.forEach((n, i) => {
        problems.push(...stemProblems(`nodes.${i}.stem`, n.stem))
        for (const id of n.competencies ?? []) {
          if (!seen.has(id))
            problems.push({
              field: `nodes.${i}.competencies`,
              message: `This turn tests "${id}", which is not one of the scenario's competencies (${[...seen].join(', ')}).`,
            })
        }
        // A turn after a poor choice may have no perfect reply; the conversation as a whole needs a perfect path (below).
        problems.push(
          ...choiceProblems(`nodes.${i}.choices`, n.choices, { needsScore: true }).filter((p) => p.field !== `nodes.${i}.choices`),
        )
      })
      const graph = graphProblems(s.nodes)
      problems.push(...graph)
      const scored = s.nodes.every((n) => n.choices.every((c) => c.score !== undefined))
      if (graph.length === 0 && scored && s.nodes.length > 0) {
        const best = Math.max(
          ...conversationPaths(s.nodes).map(
            (path) => path.reduce((sum, p) => sum + s.nodes.find((n) => n.id === p.node)!.choices[p.choice]!.score!, 0) / path.length,
          ),
        )
        if (best < 1)
          problems.push({
            field: 'nodes',
            message: 'No path through the conversation scores 1: give the best reply at each turn of the best path a score of 1.',
          })
      }
      break
    }
    case 'free-text': {
      unused('options')
      unused('nodes')
      if (s.rubric.length === 0)
        problems.push({ field: 'rubric', message: 'A free-text exercise needs a rubric: at least one criterion with levels.' })
      const ids = new Set<string>()
      s.rubric.forEach((c, i) => {
        if (ids.has(c.id)) problems.push({ field: `rubric.${i}.id`, message: `The criterion id "${c.id}" is used twice.` })
        ids.add(c.id)
        if (!c.levels.some((l) => l.score === 1))
          problems.push({ field: `rubric.${i}.levels`, message: 'The top level of a criterion scores 1.' })
      })
      if (s.modelAnswer === '') problems.push({ field: 'modelAnswer', message: 'Write a model answer; learners see it with their grade.' })
      break
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, scenario: s }
}

/** The MDX stems of a scenario with the field each comes from (the item's, then each node's). */
export function scenarioStems(s: ScenarioDefinition): { field: string; key: string; mdx: string }[] {
  return [
    { field: 'stem', key: 'stem', mdx: s.stem },
    ...s.nodes.map((n, i) => ({ field: `nodes.${i}.stem`, key: `node:${n.id}`, mdx: n.stem })),
  ]
}

/** The competencies a conversation turn's decision tests: those it names, else all of the scenario's. */
export function nodeCompetencies(s: ScenarioDefinition, node: ScenarioNode): Weighted[] {
  return node.competencies?.length ? s.competencies.filter((c) => node.competencies!.includes(c.id)) : s.competencies
}
