import { reactRouter } from '@react-router/dev/vite'
import { defineConfig } from 'vite'

// `react-router build tests/bench/reference`: the plugin alone, with Vite's cache beside the
// reference build (paths relative to this folder) rather than in the app's node_modules/.vite.
export default defineConfig({
  plugins: [reactRouter()],
  cacheDir: '../../.tmp/bench-reference/vite',
  build: { target: 'es2022' },
})
