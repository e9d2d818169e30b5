// Small uppercase labels (.story-label) sit on every tinted surface of the design system; WCAG AA
// asks 4.5:1 for text of that size. axe finds a failing pair only on pages whose data shows it,
// so the pairs are checked here from the tokens themselves.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const css = fs.readFileSync(path.join(import.meta.dirname, 'app.css'), 'utf8')
const token = (name: string) => css.match(new RegExp(`--${name}:\\s*(#[0-9a-f]{6})`, 'i'))![1]!

function luminance(hex: string) {
  const [r, g, b] = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi! + 0.05) / (lo! + 0.05)
}

describe('colour contrast of labels', () => {
  it.each(['card', 'paper', 'brand-tint', 'ok-tint', 'warn-tint', 'danger-tint'])('accent labels on --%s reach 4.5:1', (surface) => {
    expect(contrast(token('accent'), token(surface))).toBeGreaterThanOrEqual(4.5)
  })
  it('accent labels on the mission panel reach 4.5:1', () => {
    expect(contrast(token('accent'), '#fff8f0')).toBeGreaterThanOrEqual(4.5)
  })
})
