// @vitest-environment node
// The Electron binary is not available here, so this checks what electron-vite
// emits for it: an ESM main (lowdb is ESM-only) and a sandbox-safe CommonJS preload.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'

const root = resolve(__dirname, '../../..')
const out = resolve(root, 'node_modules/.tmp/electron-out')

beforeAll(() => {
  execFileSync(process.execPath, [resolve(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--outDir', out], {
    cwd: root,
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
    stdio: 'pipe',
  })
}, 120_000)

describe('electron-vite output', () => {
  it('builds a CommonJS preload that requires nothing but electron', () => {
    const preload = readFileSync(resolve(out, 'preload/index.cjs'), 'utf8')
    expect([...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron'])
    expect(preload).toContain('exposeInMainWorld')
    expect(preload).not.toMatch(/^import /m)
  })

  it('builds an ES-module main that loads the preload it was built with', () => {
    const main = readFileSync(resolve(out, 'main/index.js'), 'utf8')
    expect(main).toMatch(/^import .* from "electron";/m)
    expect(main).toContain('../preload/index.cjs')
    expect(main).toContain('sandbox: true')
    expect(main).toContain('contextIsolation: true')
    expect(main).toContain('nodeIntegration: false')
  })

  it('builds the renderer with a content security policy', () => {
    expect(readFileSync(resolve(out, 'renderer/index.html'), 'utf8')).toContain('Content-Security-Policy')
  })
})
