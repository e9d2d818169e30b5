import { defineConfig } from '@playwright/test'
import { chromiumPath, E2E_PORT } from './tests/setup/e2e-env'

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'tests/.tmp/e2e-results',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  // Two workers share two cores with the server: allow for a busy machine.
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'tests/.tmp/e2e-report.json' }]],
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath(),
      // Without these Chromium keeps trying to reach Google's services, which this network refuses.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: 'tsx tests/setup/e2e-server.ts',
    url: `http://localhost:${E2E_PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
})
