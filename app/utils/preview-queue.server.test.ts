import { describe, expect, it } from 'vitest'
import { inPreviewQueue, PREVIEW_QUEUE, PreviewBusy, previewsInQueue } from './preview-queue.server'

function gate() {
  let open!: () => void
  const opened = new Promise<void>((resolve) => (open = resolve))
  return { open, opened }
}

describe('the preview queue', () => {
  it('runs one preview per trainer at a time, lets a few wait, and refuses the rest at once', async () => {
    expect(PREVIEW_QUEUE).toMatchObject({ running: 1, waiting: 2 })
    const first = gate()
    const order: string[] = []
    let active = 0
    let most = 0
    const job = (name: string, wait?: Promise<void>) => async () => {
      const mine = name !== 'other'
      if (mine) most = Math.max(most, ++active)
      order.push(`start ${name}`)
      await wait
      if (mine) active--
      return name
    }
    const a = inPreviewQueue('t1', job('a', first.opened))
    const b = inPreviewQueue('t1', job('b'))
    const c = inPreviewQueue('t1', job('c'))
    await expect(inPreviewQueue('t1', job('d'))).rejects.toBeInstanceOf(PreviewBusy)
    await expect(inPreviewQueue('t1', job('d'))).rejects.toThrow(/Another preview is still compiling/)
    expect(previewsInQueue('t1')).toBe(3)
    // Another trainer is not held up by t1's line.
    expect(await inPreviewQueue('t2', job('other'))).toBe('other')
    first.open()
    expect(await Promise.all([a, b, c])).toEqual(['a', 'b', 'c'])
    expect(most).toBe(1)
    expect(order.filter((o) => o !== 'start other')).toEqual(['start a', 'start b', 'start c'])
    expect(previewsInQueue('t1')).toBe(0)
  })

  it('frees the place of a preview that fails', async () => {
    await expect(inPreviewQueue('t3', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    expect(previewsInQueue('t3')).toBe(0)
    expect(await inPreviewQueue('t3', async () => 'next')).toBe('next')
  })
})
