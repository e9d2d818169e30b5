// Types of app/utils/mdx-compile.worker.mjs (plain JavaScript, so the worker thread can load it as is).

export type WorkerProblem = { line: number; column: number; message: string }
export type WorkerResult = { ok: true; code: string } | { ok: false; problems: WorkerProblem[] }

export const WORKER_ROLE: string
export function remarkHideAnswers(): (tree: unknown) => void
export function safeGrayMatterOptions<O extends object>(options: O): O & { engines: Record<string, () => never> }
export function bundle(body: string): Promise<WorkerResult>
