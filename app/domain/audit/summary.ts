// Audit summaries never hold a person's name or email: they hold references to the person, which
// are rendered with the person's current name when the log is read. Erasing a person then leaves
// no trace of them in the log, without rewriting it.

const REFERENCE = /\{\{(name|email):([A-Za-z0-9_-]{1,64})\}\}/g

/** A reference to a person's name inside an audit summary. */
export function nameOf(userId: string) {
  return `{{name:${userId}}}`
}

/** A reference to a person's email address inside an audit summary. */
export function emailOf(userId: string) {
  return `{{email:${userId}}}`
}

/** The ids of the people a summary refers to. */
export function referencedPeople(summary: string): string[] {
  return [...summary.matchAll(REFERENCE)].map((m) => m[2]!)
}

/** A summary with each reference replaced by the person's current name or email. */
export function renderSummary(summary: string, people: ReadonlyMap<string, { name: string; email: string }>): string {
  return summary.replace(REFERENCE, (_, field: 'name' | 'email', id: string) => {
    const person = people.get(id)
    if (!person) return 'a deleted account'
    return field === 'name' ? person.name : person.email
  })
}
