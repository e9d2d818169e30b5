import type { RouteConfig } from '@react-router/dev/routes'
import { flatRoutes } from '@react-router/fs-routes'

// File-based routes, named as before the move to React Router 7 (app/routes/*.tsx).
export default flatRoutes({ ignoredRouteFiles: ['**/*.test.{ts,tsx}', '**/.*'] }) satisfies RouteConfig
