import fs from 'node:fs'

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100)

/** Debian's Chromium (Playwright cannot download its own browsers here); CHROMIUM_PATH overrides. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[]
  return candidates.find((p) => fs.existsSync(p)) ?? '/usr/bin/chromium'
}
