// What the browser sends for an option is an id that means something only within one attempt item
// (or one learner's lesson Check). Answers are stored by the option's index in the content; these
// functions translate between the two at the edge, so no value in a page says where an option sits
// in the file (authors tend to write the best option first).
import type { ItemResponse } from './scoring'

/** The ids of one scope's options: `group` is '' for an item's options, `node:<id>` for a conversation turn, a Check's key. */
export type OptionIds = {
  id(group: string, index: number): string
  /** The index an id stands for among `count` options, or null when it is none of them. */
  index(group: string, id: string, count: number): number | null
}

/** An answer as the page sees it: options named by their ids, a conversation by its turns. */
export type PublicResponse =
  | { type: 'single'; option: string }
  | { type: 'multiple'; options: string[] }
  | { type: 'ranking'; order: string[] }
  | { type: 'branching'; path: { turn: number; choice: string }[] }
  | { type: 'free-text'; text: string }

/** What an option id looks like (13 base32 characters); anything else is refused before lookup. */
export const OPTION_ID_PATTERN = /^[a-z2-7]{13}$/

export const nodeGroup = (nodeId: string) => `node:${nodeId}`

/** A stored answer (by index) as the page may see it (by id). */
export function publicResponse(response: ItemResponse, ids: OptionIds): PublicResponse {
  const id = (index: number) => ids.id('', index)
  switch (response.type) {
    case 'single':
      return { type: 'single', option: id(response.option) }
    case 'multiple':
      return { type: 'multiple', options: response.options.map(id) }
    case 'ranking':
      return { type: 'ranking', order: response.order.map(id) }
    case 'branching':
      return { type: 'branching', path: response.path.map((p, turn) => ({ turn, choice: ids.id(nodeGroup(p.node), p.choice) })) }
    case 'free-text':
      return response
  }
}

/**
 * The indices a list of submitted ids stands for, or null if any of them is not one of the
 * `count` options (an id from another attempt, a guessed one, or a page older than a new version).
 */
export function indicesOf(ids: OptionIds, group: string, submitted: string[], count: number): number[] | null {
  const out: number[] = []
  for (const id of submitted) {
    const index = ids.index(group, id, count)
    if (index === null) return null
    out.push(index)
  }
  return out
}
