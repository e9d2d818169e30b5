import type { Config } from '@react-router/dev/config'

// The reference app of `npm run bench` (tests/bench/README.md): the app's framework settings (the
// same future flags as react-router.config.ts at the top), built into tests/.tmp so the app's own
// build/ is never touched.
export default {
  appDirectory: 'app',
  buildDirectory: '../../.tmp/bench-reference/build',
  ssr: true,
  future: {
    v8_middleware: true,
    v8_splitRouteModules: true,
    v8_viteEnvironmentApi: true,
    v8_trailingSlashAwareDataRequests: true,
  },
} satisfies Config
