// What a page calls an option, for tests that answer by the content's index: quiz items and
// conversation replies by their attempt item's ids, lesson Checks by the ids the lesson page gives.
import * as player from '~/routes/learn.$slug'
import { attemptItemOptionIds } from '~/utils/option-ids.server'
import { call, get } from './remix'

/** The id of an item's option (or of a conversation node's reply) at `index` in the content. */
export function itemOptionId(item: { id: string }, index: number, node?: string, secret?: string) {
  return attemptItemOptionIds(item.id, secret).id(node ? `node:${node}` : '', index)
}

/** The id the lesson page gives this learner for a Check's option at `index` in the lesson. */
export async function checkOptionId(cookie: string, slug: string, key: string, index: number) {
  const page = (await call(player.loader, get(`/learn/${slug}`, cookie), { slug })).body as Awaited<ReturnType<typeof player.loader>>
  const id = page.optionIds[key]?.[index]
  if (!id) throw new Error(`The lesson ${slug} has no option ${index} in the Check ${key}`)
  return id
}
