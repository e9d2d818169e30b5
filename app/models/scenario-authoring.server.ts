import { notFound } from '~/domain/errors'
import {
  ScenarioDraftSchema,
  StoredScenarioSchema,
  StoredWeightedListSchema,
  validateScenario,
  type FieldProblem,
  type ItemType,
  type ScenarioDefinition,
  type ScenarioDraft,
} from '~/domain/scenarios/scenario'
import { bankFigures, bankProblems } from '~/domain/scenarios/lint'
import { DISAGREEMENT_RANGE, MIN_PANEL, panelAgreement, scoredChoices, withPanelKey } from '~/domain/scenarios/panel'
import { itemStatistics, MIN_ATTEMPTS_FOR_STATISTICS, type AttemptRecord } from '~/domain/scenarios/statistics'
import { ItemResponseSchema } from '~/domain/scenarios/scoring'
import { audit } from '~/models/audit.server'
import { activeCompetencyIds } from '~/models/competency.server'
import { ConflictError } from '~/models/authoring.server'
import { itemView } from '~/models/quiz.server'
import { panelRatings } from '~/models/scenario-panel.server'
import { db } from '~/utils/db.server'
import { compileScenarioStems, type CompiledStems } from '~/models/compiled-content.server'
import { contentHash } from '~/utils/mdx.server'
import { editableScenario, parseStored, parseStoredOrNull } from '~/utils/stored-json.server'

export class ScenarioProblems extends Error {
  constructor(public problems: FieldProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '))
  }
}

/** Scenarios for the trainers' list, filtered by type, competency and status, with their review flags. */
export async function listScenariosForTrainer(filter: { type?: ItemType; competency?: string; status?: 'draft' | 'published' }) {
  const scenarios = await db.scenario.findMany({
    where: filter.status === 'draft' ? { draft: { not: null } } : filter.status === 'published' ? { currentVersionId: { not: null } } : {},
    orderBy: { slug: 'asc' },
    include: {
      currentVersion: {
        select: {
          number: true,
          type: true,
          title: true,
          competencies: true,
          _count: { select: { answers: { where: { answeredAt: { not: null } } } } },
        },
      },
    },
  })
  return scenarios
    .map((s) => {
      const draft = s.draft ? parseStored(ScenarioDraftSchema, s.draft, 'draft of a scenario') : null
      return {
        slug: s.slug,
        title: s.currentVersion?.title ?? draft?.title ?? s.slug,
        type: (s.currentVersion?.type ?? draft?.type ?? 'single') as ItemType,
        competencies: (s.currentVersion
          ? parseStored(StoredWeightedListSchema, s.currentVersion.competencies, 'competencies of a scenario version')
          : (draft?.competencies ?? [])
        ).map((c) => c.id),
        version: s.currentVersion?.number ?? null,
        answers: s.currentVersion?._count.answers ?? 0,
        hasDraft: s.draft !== null,
      }
    })
    .filter((s) => (!filter.type || s.type === filter.type) && (!filter.competency || s.competencies.includes(filter.competency)))
}

const blank = () => ({ text: '', explanation: '', redFlag: false })

/** A new scenario with a draft to fill in. */
export async function createScenario(input: { slug: string; title: string; type: ItemType }, userId: string) {
  if (await db.scenario.findUnique({ where: { slug: input.slug } }))
    throw new ScenarioProblems([{ field: 'slug', message: `A scenario called "${input.slug}" already exists.` }])
  const draft: ScenarioDraft = {
    title: input.title,
    type: input.type,
    competencies: [],
    stem: '',
    options: input.type === 'single' || input.type === 'multiple' || input.type === 'ranking' ? [blank(), blank(), blank()] : [],
    nodes: input.type === 'branching' ? [{ id: 'start', stem: '', choices: [blank(), blank()] }] : [],
    rubric:
      input.type === 'free-text'
        ? [
            {
              id: 'criterion-1',
              title: '',
              levels: [
                { label: 'Missing', score: 0, description: '' },
                { label: 'Partly', score: 0.5, description: '' },
                { label: 'Clearly', score: 1, description: '' },
              ],
            },
          ]
        : [],
    modelAnswer: '',
  }
  await db.scenario.create({
    data: { slug: input.slug, draft: JSON.stringify(draft), draftUpdatedAt: new Date(), draftUpdatedById: userId },
  })
}

/** A scenario as a trainer edits it: the draft if there is one, else the published definition. */
export async function getScenarioForEditing(slug: string) {
  const scenario = await db.scenario.findUnique({
    where: { slug },
    include: {
      currentVersion: true,
      versions: { orderBy: { number: 'desc' }, select: { number: true, origin: true, createdAt: true, title: true } },
    },
  })
  if (!scenario) throw notFound('Scenario')
  const definition = editableScenario(scenario)
  return {
    slug,
    definition,
    isDraft: scenario.draft !== null,
    draftUpdatedAt: scenario.draftUpdatedAt?.toISOString() ?? null,
    revision: scenario.revision,
    currentVersion: scenario.currentVersion?.number ?? null,
    versions: scenario.versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })),
  }
}

async function conflict(slug: string) {
  const s = await db.scenario.findUniqueOrThrow({ where: { slug } })
  const by = s.draftUpdatedById ? (await db.user.findUnique({ where: { id: s.draftUpdatedById } }))?.name : null
  return new ConflictError(
    `Someone${by ? ` (${by})` : ''} saved this scenario while you were editing. Your changes were not saved: reload the page and apply them to the newer version.`,
  )
}

/**
 * Saves a draft (it may still be incomplete, but is stored well-formed), refusing when the scenario
 * changed since `revision`.
 */
export async function saveScenarioDraft(slug: string, definition: unknown, revision: number, userId: string) {
  const { count } = await db.scenario.updateMany({
    where: { slug, revision },
    data: {
      draft: JSON.stringify(ScenarioDraftSchema.parse(definition)),
      draftUpdatedAt: new Date(),
      draftUpdatedById: userId,
      revision: { increment: 1 },
    },
  })
  if (count === 0) {
    if (!(await db.scenario.findUnique({ where: { slug } }))) throw notFound('Scenario')
    throw await conflict(slug)
  }
  return revision + 1
}

/** Validates a definition as publishing requires, including compiling every stem (the codes come back by stem key). */
export async function checkScenario(
  definition: unknown,
): Promise<{ ok: true; scenario: ScenarioDefinition; stems: CompiledStems } | { ok: false; problems: FieldProblem[] }> {
  const checked = validateScenario(definition, await activeCompetencyIds())
  if (!checked.ok) return checked
  const compiled = await compileScenarioStems(checked.scenario)
  if (!compiled.ok)
    return { ok: false, problems: compiled.problems.map((p) => ({ field: p.field, message: `Line ${p.line}: ${p.message}` })) }
  return { ...checked, stems: compiled.stems }
}

/** Publishes a new immutable version after full validation; clears the draft. Answers keep pointing at the version they answered. */
export async function publishScenario(
  slug: string,
  definition: unknown,
  revision: number,
  userId: string,
  { override = '' }: { override?: string } = {},
) {
  const checked = await checkScenario(definition)
  if (!checked.ok) throw new ScenarioProblems(checked.problems)
  const found = await db.scenario.findUnique({ where: { slug }, select: { id: true } })
  if (!found) throw notFound('Scenario')
  // With a panel, the published key is the panel's; a panel that disagrees needs an explicit, recorded override.
  const ratings = await panelRatings(found.id)
  const agreement = panelAgreement(scoredChoices(checked.scenario), ratings)
  if (agreement.disagrees && override.trim() === '') {
    const apart = agreement.options.filter((o) => o.disagree).length
    throw new ScenarioProblems([
      {
        field: 'panel',
        message: `The panel disagrees (${apart} option${apart === 1 ? '' : 's'} scored more than ${DISAGREEMENT_RANGE} apart${agreement.alpha === null ? '' : `, agreement α = ${agreement.alpha}`}). Settle the key on the panel page, or publish anyway and say why.`,
      },
    ])
  }
  const keyed = validateScenario(withPanelKey(checked.scenario, ratings), await activeCompetencyIds())
  if (!keyed.ok) throw new ScenarioProblems(keyed.problems.map((p) => ({ ...p, message: `With the panel's key: ${p.message}` })))
  const s = keyed.scenario
  const text = JSON.stringify(s)
  return db.$transaction(async (tx) => {
    const scenario = await tx.scenario.findUnique({ where: { slug }, include: { versions: { orderBy: { number: 'desc' }, take: 1 } } })
    if (!scenario) throw notFound('Scenario')
    const { count } = await tx.scenario.updateMany({
      where: { id: scenario.id, revision },
      data: { draft: null, draftUpdatedAt: null, draftUpdatedById: null, revision: { increment: 1 } },
    })
    if (count === 0) throw await conflict(slug)
    const version = await tx.scenarioVersion.create({
      data: {
        scenarioId: scenario.id,
        number: (scenario.versions[0]?.number ?? 0) + 1,
        type: s.type,
        title: s.title,
        definition: text,
        competencies: JSON.stringify(s.competencies),
        contentHash: contentHash(text),
        compiledStems: JSON.stringify(checked.stems),
        origin: 'editor',
        createdById: userId,
      },
    })
    await tx.scenario.update({ where: { id: scenario.id }, data: { currentVersionId: version.id } })
    await audit(tx, {
      actorId: userId,
      action: 'scenario.published',
      subject: `scenario:${slug}`,
      summary: `Published “${s.title}” as version ${version.number}${agreement.raters >= MIN_PANEL ? ` with the key of a panel of ${agreement.raters}` : ''}`,
    })
    if (agreement.disagrees) {
      await audit(tx, {
        actorId: userId,
        action: 'scenario.panel_override',
        subject: `scenario:${slug}`,
        summary: `Published “${s.title}” v${version.number} although the panel disagrees (α = ${agreement.alpha ?? 'n/a'}): ${override.trim()}`,
      })
    }
    return version.number
  })
}

/** The item as a learner would first see it (options in authored order), or the problems that stop it. */
export async function previewScenario(definition: unknown) {
  const checked = await checkScenario(definition)
  if (!checked.ok) return { ok: false as const, problems: checked.problems }
  const s = checked.scenario
  const order =
    s.type === 'branching' ? Object.fromEntries(s.nodes.map((n) => [n.id, n.choices.map((_, i) => i)])) : s.options.map((_, i) => i)
  const version = {
    id: 'preview',
    scenarioId: 'preview',
    number: 0,
    type: s.type,
    title: s.title,
    definition: JSON.stringify(s),
    compiledStems: JSON.stringify(checked.stems),
    competencies: '[]',
    contentHash: '',
    origin: 'editor',
    createdById: null,
    createdAt: new Date(),
  }
  const item = {
    id: 'preview',
    attemptId: 'preview',
    position: 0,
    versionId: 'preview',
    optionOrder: JSON.stringify(order),
    response: null,
    answeredAt: null,
    score: null,
    redFlag: false,
    grade: null,
    comment: null,
    gradedById: null,
    gradedAt: null,
    version,
  }
  return { ok: true as const, item: await itemView(item, false) }
}

/**
 * Item statistics per published version of a scenario, over submitted attempts (DESIGN.md
 * section 5), with the option and node labels to show beside the figures.
 */
export async function scenarioStatistics(slug: string) {
  const scenario = await db.scenario.findUnique({ where: { slug }, include: { versions: { orderBy: { number: 'desc' } } } })
  if (!scenario) throw notFound('Scenario')
  const versionIds = scenario.versions.map((v) => v.id)
  const attempts = await db.quizAttempt.findMany({
    where: { status: 'submitted', items: { some: { versionId: { in: versionIds } } } },
    select: { items: { select: { versionId: true, score: true, response: true } } },
  })
  const records: AttemptRecord[] = attempts.map((a) => ({
    items: a.items.map((i) => ({
      versionId: i.versionId,
      score: i.score,
      response: parseStoredOrNull(ItemResponseSchema, i.response, 'answer of an attempt item'),
    })),
  }))
  const titles = await db.competency.findMany({ select: { id: true, title: true } })
  return {
    slug,
    minimum: MIN_ATTEMPTS_FOR_STATISTICS,
    competencies: Object.fromEntries(titles.map((c) => [c.id, c.title])) as Record<string, string>,
    versions: scenario.versions.map((v) => {
      const s = parseStored(StoredScenarioSchema, v.definition, 'definition of a scenario version')
      return {
        number: v.number,
        title: v.title,
        type: v.type as ItemType,
        createdAt: v.createdAt.toISOString(),
        stats: itemStatistics(v.id, s, records),
        options: s.options.map((o) => ({ text: o.text, score: o.score ?? null, redFlag: o.redFlag })),
        nodes: s.nodes.map((n) => ({
          id: n.id,
          choices: n.choices.map((c) => ({ text: c.text, score: c.score ?? 0, next: c.next ?? null })),
        })),
      }
    }),
  }
}

/** The published bank's figures (app/domain/scenarios/lint.ts): how far a guesser gets, and what sits far from chance. */
export async function publishedBankFigures() {
  const versions = await db.scenarioVersion.findMany({ where: { currentOf: { isNot: null } }, select: { definition: true } })
  const figures = bankFigures(versions.map((v) => parseStored(StoredScenarioSchema, v.definition, 'definition of a scenario version')))
  return { figures, problems: bankProblems(figures) }
}
