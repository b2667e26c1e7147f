import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import type { Plugin } from 'vite'

// Browser mode builds the same renderer; the only difference is the shim that
// installs window.api over HTTP, injected ahead of the app's own script.
const injectShim: Plugin = {
  name: 'liaison-browser-shim',
  transformIndexHtml: {
    order: 'pre',
    handler: (html) => html.replace('<script type="module"', '<script type="module" src="/../web/browser/shim.ts"></script>\n    <script type="module"'),
  },
}

export default defineConfig({
  root: resolve(import.meta.dirname, 'src/renderer'),
  base: './',
  plugins: [injectShim, react()],
  build: { outDir: resolve(import.meta.dirname, 'out/web'), emptyOutDir: true, chunkSizeWarningLimit: 4000 },
})
