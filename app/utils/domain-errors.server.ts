// Where an uncaught DomainError becomes HTTP: one wrapper around every loader and action of the build.
//
// Why here and not elsewhere: with future.v8_middleware a root `middleware` wraps the loaders and
// actions, but React Router's static handler catches what a loader or action throws itself and
// records it as that route's error (node_modules/react-router, queryImpl/callDataStrategy), so
// `next()` resolves to the already rendered 500 page: the middleware never sees the DomainError.
// entry.server's handleError runs after the status is chosen and only reports. A Response thrown
// from a loader or action is what React Router turns into a status and an error boundary, so the
// wrapper rethrows the DomainError as one, exactly as the models used to throw them. Tests that call
// loaders and actions directly convert through the same function (tests/setup/remix.ts).
import type { ServerBuild } from 'react-router'
import { DomainError } from '~/domain/errors'

/** The Response a DomainError stands for: its status, its message as plain text. */
export function domainErrorResponse(error: DomainError): Response {
  return new Response(error.message, { status: error.status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
}

type Handler = (args: never) => unknown

function convert<T extends Handler | undefined>(handler: T): T {
  if (!handler) return handler
  return (async (args: never) => {
    try {
      return await handler(args)
    } catch (error) {
      if (error instanceof DomainError) throw domainErrorResponse(error)
      throw error
    }
  }) as T
}

/** The build with every loader and action answering an uncaught DomainError with its status and message. */
export function withDomainErrorResponses(build: ServerBuild): ServerBuild {
  const routes = Object.fromEntries(
    Object.entries(build.routes).flatMap(([id, route]) => {
      if (!route) return []
      const module = { ...route.module }
      if (module.loader) module.loader = convert(module.loader)
      if (module.action) module.action = convert(module.action)
      return [[id, { ...route, module }]]
    }),
  )
  return { ...build, routes }
}
