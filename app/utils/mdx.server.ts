// Compiles MDX with mdx-bundler, after the untrusted-MDX validator (and its MDX_LIMITS). The
// compile runs in a worker thread with a heap limit and a timeout (app/utils/mdx-compile.worker.mjs):
// a text that needs too much memory or time ends that worker with a problem for the editor, and a
// fresh worker takes the next compile; the web process goes on serving. Compiles run one at a time
// (esbuild is memory-hungry). Compiling happens at preview and publish; the code is stored with the
// version, so learners' pages never compile (see app/models/compiled-content.server.ts).
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { validateMdx, type MdxProblem } from '~/domain/content/mdx-validator'
import { LruCache, remember } from './cache.server'
import { log } from './logger.server'
import { safeGrayMatterOptions, WORKER_ROLE, type WorkerResult } from './mdx-compile.worker.mjs'

export { safeGrayMatterOptions }

export type CompileResult = { ok: true; code: string; hash: string } | { ok: false; problems: MdxProblem[] }

/** The compile worker's limits: the old-space heap it may use and how long one compile may take. */
export const COMPILE_LIMITS = { heapMb: 96, timeoutMs: 20_000 } as const

// Preview then publish of the same text, and a content sync after a publish, compile it once.
const CACHE_ENTRIES = 200
const cache = new LruCache<string, Promise<CompileResult>>({ max: CACHE_ENTRIES })
let queue: Promise<unknown> = Promise.resolve()
let compiles = 0

/**
 * The worker file: beside this module under vitest and tsx; from the production build (whose
 * bundle is build/server/index.js) it is the source file in app/utils, two levels up.
 */
const WORKER_FILE = [
  path.join(import.meta.dirname, 'mdx-compile.worker.mjs'),
  path.resolve(import.meta.dirname, '..', '..', 'app', 'utils', 'mdx-compile.worker.mjs'),
].find((f) => fs.existsSync(f))

export function contentHash(source: string): string {
  return crypto.createHash('sha256').update(source).digest('hex')
}

/**
 * Validates, then compiles an MDX body; `lineOffset` makes line numbers match the whole file.
 * A cached result was validated when it was compiled, so a hit skips the validator too.
 */
export function compileMdx(body: string, { lineOffset = 0 } = {}): Promise<CompileResult> {
  const hash = contentHash(`${lineOffset}\n${body}`)
  const cached = cache.get(hash)
  if (cached) return cached
  const problems = validateMdx(body, { lineOffset })
  if (problems.length > 0) return Promise.resolve({ ok: false, problems })
  // A result with problems (a timeout, a heap limit) is not kept: the next try compiles again.
  return remember(
    cache,
    hash,
    () => compileValidated(body, { lineOffset }),
    (result) => result.ok,
  )
}

/**
 * Compiles a body in the worker without the validator: only for a body that has passed it (and
 * for the tests of the worker's own limits, which must reach the compiler with what the validator
 * would refuse). `limits` replaces COMPILE_LIMITS for this compile.
 */
export function compileValidated(
  body: string,
  { lineOffset = 0, limits = COMPILE_LIMITS }: { lineOffset?: number; limits?: { heapMb: number; timeoutMs: number } } = {},
): Promise<CompileResult> {
  const run = () => inWorker(body, lineOffset, limits)
  const pending = (queue = queue.then(run, run)) as Promise<CompileResult>
  return pending
}

/** How many compiles have run in this process (cache hits not counted): for tests and diagnostics. */
export function mdxCompileCount() {
  return compiles
}

/** How many compiled versions are cached (for tests and diagnostics). */
export function compiledCacheSize() {
  return cache.size
}

let worker: { thread: Worker; heapMb: number } | null = null
let nextId = 0

function workerFor(heapMb: number): Worker {
  if (worker && worker.heapMb !== heapMb) {
    void worker.thread.terminate()
    worker = null
  }
  if (!worker) {
    if (!WORKER_FILE) throw new Error('app/utils/mdx-compile.worker.mjs is missing')
    const thread = new Worker(WORKER_FILE, {
      workerData: { role: WORKER_ROLE },
      resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 16 },
      stdout: false,
      stderr: false,
    })
    // An idle worker does not keep a command-line tool alive; a compile in flight does (ref below).
    thread.unref()
    const current = { thread, heapMb }
    // A worker that ends for any reason is replaced on the next compile.
    thread.on('exit', () => worker === current && (worker = null))
    thread.on('error', () => {})
    worker = current
  }
  return worker.thread
}

function inWorker(body: string, lineOffset: number, limits: { heapMb: number; timeoutMs: number }): Promise<CompileResult> {
  const started = performance.now()
  compiles++
  const hash = contentHash(`${lineOffset}\n${body}`)
  const at = (message: string): CompileResult => ({ ok: false, problems: [{ line: 1 + lineOffset, column: 1, message }] })
  let thread: Worker
  try {
    thread = workerFor(limits.heapMb)
  } catch (error) {
    return Promise.resolve(at(`Could not compile: ${(error as Error).message}`))
  }
  const id = ++nextId
  return new Promise<CompileResult>((resolve) => {
    const finish = (result: CompileResult, failure?: string) => {
      clearTimeout(timer)
      thread.off('message', onMessage)
      thread.off('error', onError)
      thread.off('exit', onExit)
      thread.unref()
      const durationMs = Math.round(performance.now() - started)
      if (failure) {
        log.error('mdx compile failed', { failure, durationMs, characters: body.length })
        if (worker?.thread === thread) worker = null
        void thread.terminate()
      } else {
        log.info('mdx compiled', { durationMs, characters: body.length })
      }
      resolve(result)
    }
    const onMessage = (message: { id: number; result: WorkerResult }) => {
      if (message.id !== id) return
      const r = message.result
      finish(
        r.ok ? { ok: true, code: r.code, hash } : { ok: false, problems: r.problems.map((p) => ({ ...p, line: p.line + lineOffset })) },
      )
    }
    const onError = (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        finish(
          at(
            `This text needs more memory to compile than one lesson or scenario may use (${limits.heapMb} MB), so it was stopped. Shorten it, or split it into several.`,
          ),
          'memory',
        )
      } else {
        finish(at(`Could not compile: the compiler stopped (${error.message}). Try again; if it happens again, shorten the text.`), 'crash')
      }
    }
    const onExit = (code: number) =>
      finish(at(`Could not compile: the compiler stopped (exit code ${code}). Try again; if it happens again, shorten the text.`), 'exit')
    const timer = setTimeout(
      () =>
        finish(
          at(
            `Compiling this text took longer than ${limits.timeoutMs / 1000} seconds, so it was stopped. Shorten it, or split it into several.`,
          ),
          'timeout',
        ),
      limits.timeoutMs,
    )
    thread.on('message', onMessage)
    thread.on('error', onError)
    thread.on('exit', onExit)
    thread.ref()
    thread.postMessage({ id, body })
  })
}
