// One quiz item as the learner's page receives it (built by itemView in app/models/quiz.server.ts,
// shown by app/components/quiz-item.tsx). Scores, explanations and the best answer are in `review`,
// which the server fills only once the item is answered and feedback is due.
import type { PublicResponse } from './option-ids'
import type { ItemType } from './scenario'

/** A conversation turn: its stem, the replies offered (by id), the one chosen, and its feedback when due. */
export type TurnView = {
  turn: number
  stem: string
  choices: { id: string; text: string }[]
  chosen: string | null
  feedback: { score: number; explanation: string; redFlag: boolean } | null
}

/** What the review shows of an answered item: a conversation's best path and map, a graded (or awaiting) written answer, or the options with their scores. */
export type ItemReviewView =
  | {
      kind: 'conversation'
      best: { node: string; choice: string; explanation: string }[]
      nodes: {
        id: string
        choices: { id: string; text: string; score: number; explanation: string; redFlag: boolean; next: string | null }[]
      }[]
    }
  | {
      kind: 'free-text'
      status: 'awaiting' | 'graded'
      modelAnswer: string | null
      criteria: { title: string; level: string; score: number; of: number }[]
      comment: string | null
      gradedBy: string | null
    }
  | {
      kind: 'options'
      best: PublicResponse | null
      options: { id: string; text: string; score: number | null; explanation: string; redFlag: boolean }[]
    }

export type ItemView = {
  id: string
  position: number
  type: ItemType
  title: string
  /** The stem's compiled MDX. */
  stem: string
  answered: boolean
  response: PublicResponse | null
  score: number | null
  redFlag: boolean
  /** The options in the order this attempt shows them, named by ids of this attempt item. */
  options: { id: string; text: string }[]
  turns: TurnView[]
  review: ItemReviewView | null
}
