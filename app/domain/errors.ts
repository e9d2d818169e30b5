/**
 * An expected failure of a request, as the domain and the models describe it: an HTTP status, a
 * message written for the person (shown as is), and optionally the form field it is about. Routes
 * that want a form's field error catch it and answer with replyDomainError (app/utils/forms.ts); one
 * left uncaught is turned into an error response with its status and message in one place
 * (withDomainErrorResponses, app/utils/domain-errors.server.ts).
 */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message)
    this.name = new.target.name
  }
}

/** `${what} not found` with a 404, the wording the pages and tests use. */
export function notFound(what: string) {
  return new DomainError(404, `${what} not found`)
}

/** A refusal with a 403: the person may not do or see this. */
export function forbidden(message: string) {
  return new DomainError(403, message)
}
