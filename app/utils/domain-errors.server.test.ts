import path from 'node:path'
import { createRequestHandler, type ServerBuild } from 'react-router'
import { describe, expect, it } from 'vitest'
import { DomainError, notFound } from '~/domain/errors'
import { requestContext } from './request-context.server'
import { withDomainErrorResponses } from './domain-errors.server'
import { hasBuild, root } from '../../tests/setup/server-process'

/** As the models' error classes do (TeamError, QuizInputError, ...). */
class FieldError extends DomainError {
  constructor(field: string, message: string) {
    super(400, message, field)
  }
}

const build = (loader: () => unknown, action?: () => unknown) =>
  ({ routes: { page: { id: 'page', path: 'x', module: { loader, action, default: () => null } } } }) as unknown as ServerBuild

describe('uncaught domain errors', () => {
  it('become a Response with the status and message, in every loader and action of the build', async () => {
    const wrapped = withDomainErrorResponses(
      build(
        () => {
          throw notFound('Lesson')
        },
        () => {
          throw new FieldError('name', 'A team with this name exists.')
        },
      ),
    ).routes.page!.module
    const thrown = await (wrapped.loader as () => Promise<unknown>)().catch((e: unknown) => e)
    expect(thrown).toBeInstanceOf(Response)
    expect((thrown as Response).status).toBe(404)
    expect(await (thrown as Response).text()).toBe('Lesson not found')
    const refused = (await (wrapped.action as () => Promise<unknown>)().catch((e: unknown) => e)) as Response
    expect([refused.status, await refused.text()]).toEqual([400, 'A team with this name exists.'])
  })

  it('leave other errors and results alone', async () => {
    const bug = new Error('a bug')
    const failing = withDomainErrorResponses(build(() => Promise.reject(bug))).routes.page!.module
    await expect((failing.loader as () => Promise<unknown>)()).rejects.toBe(bug)
    const fine = withDomainErrorResponses(build(() => ({ ok: true }))).routes.page!.module
    expect(await (fine.loader as () => Promise<unknown>)()).toEqual({ ok: true })
    expect(new FieldError('name', 'x')).toBeInstanceOf(DomainError)
  })

  it.runIf(hasBuild())('show a loader’s DomainError as the page’s status and message (production build)', async () => {
    const real = (await import(path.join(root, 'build/server/index.js'))) as ServerBuild
    const login = real.routes['routes/login']!
    const patched: ServerBuild = {
      ...real,
      routes: {
        ...real.routes,
        'routes/login': {
          ...login,
          module: {
            ...login.module,
            loader: () => {
              throw notFound('Lesson')
            },
          },
        },
      },
    }
    const handle = createRequestHandler(withDomainErrorResponses(patched), 'production')
    const context = { requestId: 'test', ip: '192.0.2.1', setCookies: [], nonce: 'n' }
    const page = await requestContext.run(context, () => handle(new Request('http://localhost:3000/login')))
    expect(page.status).toBe(404)
    expect(await page.text()).toContain('Lesson not found')
  })
})
