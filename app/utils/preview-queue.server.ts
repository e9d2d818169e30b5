// Editor previews compile on every pause in typing, and compiles run one at a time for the whole
// server (app/utils/mdx.server.ts). So that one trainer (or a script with a trainer's session)
// cannot fill that line, each trainer has one preview compiling and a few waiting; beyond that the
// preview answers 503 with Retry-After and the editor says so. Other trainers' previews, publishing
// and content sync are not held up by it.

/** Per trainer: previews compiling at once, and previews allowed to wait behind them. */
export const PREVIEW_QUEUE = { running: 1, waiting: 2, retryAfterSeconds: 3 } as const

export const PREVIEW_BUSY_MESSAGE =
  'Another preview is still compiling. This one will be tried again in a few seconds; nothing you typed is lost.'

export class PreviewBusy extends Error {
  constructor() {
    super(PREVIEW_BUSY_MESSAGE)
  }
}

type Line = { running: number; waiting: (() => void)[] }
const lines = new Map<string, Line>()

/** Runs `preview` in the trainer's line; throws PreviewBusy at once when that line is full. */
export async function inPreviewQueue<T>(
  trainerId: string,
  preview: () => Promise<T>,
  limits: { running: number; waiting: number } = PREVIEW_QUEUE,
): Promise<T> {
  let line = lines.get(trainerId)
  if (!line) lines.set(trainerId, (line = { running: 0, waiting: [] }))
  if (line.running >= limits.running) {
    if (line.waiting.length >= limits.waiting) throw new PreviewBusy()
    // The finishing preview hands its place over, so `running` stays counted.
    await new Promise<void>((resolve) => line!.waiting.push(resolve))
  } else {
    line.running++
  }
  try {
    return await preview()
  } finally {
    const next = line.waiting.shift()
    if (next) next()
    else if (--line.running === 0) lines.delete(trainerId)
  }
}

/** Previews compiling or waiting for a trainer (for tests and diagnostics). */
export function previewsInQueue(trainerId: string) {
  const line = lines.get(trainerId)
  return line ? line.running + line.waiting.length : 0
}
