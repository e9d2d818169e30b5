// Runs the Prisma CLI offline: the engine variables point at an empty placeholder file so the CLI
// never tries to download a native engine (prisma.config.ts gives it the Wasm engine and an adapter).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'

const placeholder = path.join(os.tmpdir(), 'mission-ready-prisma-engine-placeholder')
if (!fs.existsSync(placeholder)) fs.writeFileSync(placeholder, '')

const require = createRequire(import.meta.url)
const cli = path.join(path.dirname(require.resolve('prisma/package.json')), 'build', 'index.js')

/** Runs a Prisma CLI command; with `capture`, its output is returned instead of printed. */
export function runPrisma(args: string[], env: NodeJS.ProcessEnv = process.env, { capture = false } = {}) {
  return spawnSync(process.execPath, [cli, ...args], {
    stdio: capture ? 'pipe' : 'inherit',
    encoding: 'utf8',
    env: {
      ...env,
      PRISMA_SCHEMA_ENGINE_BINARY: placeholder,
      PRISMA_QUERY_ENGINE_LIBRARY: placeholder,
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
      CHECKPOINT_DISABLE: '1',
    },
  })
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exit(runPrisma(process.argv.slice(2)).status ?? 1)
}
