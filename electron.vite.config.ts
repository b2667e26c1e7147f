import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'

// The dev server injects an inline React-refresh preamble; only in dev is inline script allowed.
const devCsp: Plugin = {
  name: 'liaison-dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("connect-src 'self'", "connect-src 'self' ws:"),
}

export default defineConfig({
  main: {
    build: {
      // parse-child is the import's separate parsing process (src/main/parse-launcher.ts forks it).
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src/main/index.ts'),
          'parse-child': resolve(import.meta.dirname, 'src/main/import/parse-child.ts'),
          // the attachments' thumbnail worker thread (src/main/attachments/thumbnails.ts starts it)
          'thumb-worker': resolve(import.meta.dirname, 'src/main/attachments/thumb-worker.ts'),
          // the register workbooks' writer thread (src/main/reports/sheet-runner.ts starts it)
          'sheet-worker': resolve(import.meta.dirname, 'src/main/reports/sheet-worker.ts'),
          // the search index's cache writer (src/main/search-index/index-cache.ts starts it)
          'seed-worker': resolve(import.meta.dirname, 'src/main/search-index/seed-worker.ts'),
        },
      },
    },
  },
  preload: {
    // A sandboxed preload must be CommonJS and cannot require node_modules, so everything it uses is bundled.
    build: {
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    build: { rollupOptions: { input: { index: resolve(import.meta.dirname, 'src/renderer/index.html') } } },
    plugins: [devCsp, react()],
  },
})
