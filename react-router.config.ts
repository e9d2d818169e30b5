import type { Config } from '@react-router/dev/config'

// React Router 8's defaults are on already, as the v3_* flags were under Remix v2, except
// v8_passThroughRequests: with it a loader's request.url keeps the `.data` suffix of a client
// navigation, and sign-in redirects, return addresses and the audit log read request.url.
export default {
  appDirectory: 'app',
  ssr: true,
  future: {
    v8_middleware: true,
    v8_splitRouteModules: true,
    v8_viteEnvironmentApi: true,
    v8_trailingSlashAwareDataRequests: true,
  },
} satisfies Config
