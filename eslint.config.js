import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// Layers, as in VS Code: shared code runs everywhere, so it imports neither
// node nor electron nor the DOM; the renderer never reaches into the main side.
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'http']

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: [...nodeBuiltins, 'electron', 'react', 'react-dom', '**/main/**', '**/renderer/**', '**/web/**'], message: 'src/shared is pure TypeScript: no node, electron, DOM or other layers.' }] }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'src/web/browser/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [{ group: [...nodeBuiltins, 'electron', '**/main/**', '**/preload/**', '**/web/server/**'], message: 'The renderer talks to the main side only through window.api.' }] }],
    },
  },
  {
    files: ['src/main/services/**/*.ts', 'src/main/store/**/*.ts', 'src/main/db/**/*.ts', 'src/main/api.ts', 'src/main/app.ts', 'src/main/reports/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['electron'], message: 'Only src/main/index.ts and ipc.ts may import electron.' }] }],
    },
  },
)
