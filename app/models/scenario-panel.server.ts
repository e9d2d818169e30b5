// A scenario's key set by a panel of trainers: each scores the options on their own, without seeing
// the others' scores until they have given theirs; the editor shows the agreement, and publishing
// uses the panel's key (app/domain/scenarios/panel.ts).
import { notFound } from '~/domain/errors'
import {
  MIN_PANEL,
  PanelScoresSchema,
  panelAgreement,
  scoredChoices,
  withPanelKey,
  type Agreement,
  type Rating,
} from '~/domain/scenarios/panel'
import type { ScenarioDraft } from '~/domain/scenarios/scenario'
import { audit } from '~/models/audit.server'
import { QuizInputError } from '~/models/quiz.server'
import { db, type Prisma } from '~/utils/db.server'
import { editableScenario, parseStored } from '~/utils/stored-json.server'

type Client = Prisma.TransactionClient | typeof db

/**
 * A stored rating row as a Rating. A corrupt row is an error naming it, not a rater quietly left
 * out: publishing uses the panel's key, which would then change without anyone knowing why.
 */
function ratingOf(row: { raterId: string; scores: string }): Rating {
  return { raterId: row.raterId, scores: parseStored(PanelScoresSchema, row.scores, 'scores of a key panel rating') }
}

/** What the panel scores: the draft if there is one (what will be published next), else the published definition. */
async function scoredDefinition(slug: string) {
  const scenario = await db.scenario.findUnique({
    where: { slug },
    include: {
      currentVersion: { select: { definition: true } },
      panel: { include: { rater: { select: { name: true } } }, orderBy: { updatedAt: 'asc' } },
    },
  })
  if (!scenario) throw notFound('Scenario')
  const definition = editableScenario(scenario)
  const ratings = scenario.panel.map((r) => ({ ...ratingOf(r), name: r.rater.name }))
  return { scenario, definition, ratings }
}

/** The ratings that bear on a definition about to be published (for publishScenario). */
export async function panelRatings(scenarioId: string, client: Client = db): Promise<Rating[]> {
  return (await client.panelRating.findMany({ where: { scenarioId } })).map(ratingOf)
}

export type PanelView = {
  slug: string
  title: string
  stem: string
  type: ScenarioDraft['type']
  choices: { key: string; label: string; text: string; multiple: boolean }[]
  /** The viewer's own scores of the current texts. */
  mine: Record<string, number>
  /** Whether the viewer has scored every choice as it reads now: only then are the others' scores shown. */
  complete: boolean
  raters: number
  /** Shown once the viewer has scored: every rater's scores and the agreement. */
  agreement: (Agreement & { names: string[]; byRater: Record<string, (number | null)[]> }) | null
  /** The key publishing would use (the panel's), once there is a panel and the viewer has scored. */
  panelKey: Record<string, number | null> | null
}

/** The panel as one trainer sees it: blind until they have scored every choice themselves. */
export async function getPanel(slug: string, viewerId: string): Promise<PanelView> {
  const { definition, ratings } = await scoredDefinition(slug)
  const choices = scoredChoices(definition)
  const own = ratings.find((r) => r.raterId === viewerId)
  const mine = Object.fromEntries(choices.flatMap((c) => (own?.scores[c.key]?.text === c.text ? [[c.key, own.scores[c.key]!.score]] : [])))
  const complete = choices.length > 0 && choices.every((c) => c.key in mine)
  const agreement = panelAgreement(choices, ratings)
  // The raters who scored at least one choice as it reads now, in the order of their latest scores.
  const current = ratings.filter((r) => choices.some((c) => r.scores[c.key]?.text === c.text))
  const keyed = withPanelKey(definition, ratings)
  const keyOf = (key: string) => {
    const [field, i, , j] = key.split('.')
    return (field === 'options' ? keyed.options[Number(i)]?.score : keyed.nodes[Number(i)]?.choices[Number(j)]?.score) ?? null
  }
  return {
    slug,
    title: definition.title,
    stem: definition.stem,
    type: definition.type,
    choices,
    mine,
    complete,
    raters: agreement.raters,
    agreement: complete
      ? {
          ...agreement,
          names: current.map((r) => r.name),
          byRater: Object.fromEntries(
            choices.map((c) => [c.key, current.map((r) => (r.scores[c.key]?.text === c.text ? r.scores[c.key]!.score : null))]),
          ),
        }
      : null,
    panelKey: complete && agreement.raters >= MIN_PANEL ? Object.fromEntries(choices.map((c) => [c.key, keyOf(c.key)])) : null,
  }
}

/**
 * Records one trainer's scores of every choice (each 0 to 1; in multiple response 0 or 1), with the
 * text each score was given to, replacing their earlier scores.
 */
export async function savePanelRating(slug: string, raterId: string, scores: Record<string, number>) {
  const { scenario, definition } = await scoredDefinition(slug)
  const choices = scoredChoices(definition)
  if (choices.length === 0)
    throw new QuizInputError('This kind of item has no options to score: a ranking is keyed by its order and free text by its rubric.')
  const stored: Record<string, { text: string; score: number }> = {}
  for (const c of choices) {
    const score = scores[c.key]
    if (score === undefined || !Number.isFinite(score)) throw new QuizInputError(`Score ${c.label.toLowerCase()} (0 to 1).`)
    if (score < 0 || score > 1) throw new QuizInputError(`${c.label}: a score is between 0 and 1.`)
    if (c.multiple && score !== 0 && score !== 1)
      throw new QuizInputError(`${c.label}: in a multiple-response item an option is in the answer (1) or not (0).`)
    stored[c.key] = { text: c.text, score }
  }
  await db.$transaction(async (tx) => {
    const data = { scores: JSON.stringify(stored) }
    await tx.panelRating.upsert({
      where: { scenarioId_raterId: { scenarioId: scenario.id, raterId } },
      create: { scenarioId: scenario.id, raterId, ...data },
      update: data,
    })
    await audit(tx, {
      actorId: raterId,
      action: 'scenario.panel_scored',
      subject: `scenario:${slug}`,
      summary: `Scored the options of “${definition.title}” for the panel`,
    })
  })
}
