// Lint: typescript-eslint, React hooks and jsx-a11y; formatting is Prettier's (npm run format).
import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** A no-restricted-imports rule refusing imports of these app folders (by `~/` or a relative path), and optionally `*.server` modules. */
function forbid(folders, { server = false, reason }) {
  const patterns = [{ regex: `^(~/|(\\.\\./)+)(${folders.join('|')})(/|$)`, message: reason }]
  if (server) patterns.push({ regex: '\\.server(\\.ts)?$', message: reason })
  return { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] }
}

const importRules = [
  {
    files: ['app/domain/**/*.ts'],
    ignores: ['app/domain/**/*.test.ts'],
    rules: forbid(['models', 'utils', 'routes', 'components', 'cli', 'generated'], {
      reason: 'The domain is plain TypeScript: it imports only other domain modules.',
    }),
  },
  {
    files: ['app/models/**/*.ts'],
    rules: forbid(['routes', 'components', 'cli'], {
      reason: 'Models import the domain, utils and other models: never routes, components or CLI entry points.',
    }),
  },
  {
    files: ['app/utils/**/*.ts'],
    rules: forbid(['models', 'routes', 'components', 'cli'], {
      reason: 'Utils are infrastructure: they import the domain and other utils only.',
    }),
  },
  {
    files: ['app/cli/**/*.ts'],
    rules: forbid(['routes'], { reason: 'CLI entry points use models, utils and the domain, never route modules.' }),
  },
  {
    files: ['app/routes/**/*.{ts,tsx}'],
    ignores: ['app/routes/**/*.test.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\./|~/routes/|\\.\\./routes/)',
              message: 'Routes never import other routes: move shared code to components, domain or models.',
            },
            {
              regex: '^~/utils/db\\.server$',
              importNames: ['db'],
              message: 'Routes do not query the database: put the query in a model (app/models) and call it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['app/components/**/*.{ts,tsx}'],
    rules: forbid(['models', 'routes', 'cli'], { server: true, reason: 'Components never import models, routes or *.server modules.' }),
  },
  {
    files: ['app/components/ui/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(~/(?!components/ui/)|\\.\\./)',
              message: 'UI pieces are presentational: they import nothing from the app but other UI pieces.',
            },
          ],
        },
      ],
    },
  },
]

export default tseslint.config(
  { ignores: ['build/', 'app/generated/', 'prisma/data/', 'tests/.tmp/', 'test-results/', 'playwright-report/', '.react-router/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  jsxA11y.flatConfigs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['app/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // The sign-in, invite and reset pages have one task: their first field takes the focus.
      'jsx-a11y/no-autofocus': 'off',
      // A preview pane that scrolls on its own is focusable so the keyboard can scroll it (axe's scrollable-region-focusable).
      'jsx-a11y/no-noninteractive-tabindex': ['error', { roles: ['region'] }],
    },
  },
  // Which folder may import which (app/README.md), type-only imports included.
  ...importRules,
  { files: ['**/*.{js,mjs}'], languageOptions: { globals: globals.node } },
  prettier,
)
