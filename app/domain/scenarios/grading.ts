// When an answer waits for a trainer. Auto-scored items are scored as they are answered; a free-text
// answer is scored only when a trainer grades it, which stamps gradedAt with the score. The grading
// queue asks the database the same question (awaitingGrade in app/models/grading.server.ts).

/** An attempt item as far as grading goes: its scenario's type, when it was answered and when graded. */
export type GradingState = { type: string; answeredAt: Date | string | null; gradedAt: Date | string | null }

/** An answered free-text item with no grade yet: it waits for a trainer. */
export function isAwaitingGrade(item: GradingState): boolean {
  return item.type === 'free-text' && item.answeredAt !== null && item.gradedAt === null
}
