/// <reference types="vitest/config" />
import { reactRouter } from '@react-router/dev/vite'
import { defineConfig } from 'vite'
import tsconfigPaths from 'vite-tsconfig-paths'

export default defineConfig({
  plugins: [!process.env.VITEST && reactRouter(), tsconfigPaths()],
  build: { target: 'es2022' },
  server: { port: 3000 },
  test: {
    // TEST_DATABASE=postgres runs the integration suite alone against TEST_POSTGRES_URL.
    include:
      process.env.TEST_DATABASE === 'postgres'
        ? ['tests/integration/**/*.test.ts']
        : ['app/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    globalSetup: ['tests/setup/global-setup.ts'],
    setupFiles: ['tests/setup/test-setup.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
})
