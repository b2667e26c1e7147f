// @vitest-environment node
// The Electron binary is not available here, so this checks what electron-vite
// emits for it: an ESM main (lowdb is ESM-only) and a sandbox-safe CommonJS preload.
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

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
    // Both permission hooks deny: requests (camera, notifications…) and synchronous checks.
    expect(main).toContain('setPermissionRequestHandler')
    expect(main).toContain('setPermissionCheckHandler')
  })

  it('builds the import parsing process as its own entry, which reads a file when forked', async () => {
    const { forkLauncher, parseInChild } = await import('../../../src/main/import/parse-runner')
    const entry = resolve(out, 'main/parse-child.js')
    const csv = Buffer.from('\uFEFF姓名,手机\n张伟,13800138000\n', 'utf8')
    const file = await parseInChild({ bytes: new Uint8Array(csv), fileName: 'a.csv' }, { launcher: forkLauncher({ entry }) })
    expect(JSON.stringify(file)).toContain('13800138000')
  }, 60_000)

  it('builds the renderer with a content security policy', () => {
    expect(readFileSync(resolve(out, 'renderer/index.html'), 'utf8')).toContain('Content-Security-Policy')
  })
})

describe('electronegativity (Electron security scanner)', () => {
  // The scanner skips anything under node_modules, so the build is scanned from a copy.
  const scratch = mkdtempSync(join(tmpdir(), 'liaison-scan-'))
  afterAll(() => rmSync(scratch, { recursive: true, force: true }))
  const scan = (...folders: string[]) =>
    spawnSync(process.execPath, [resolve(root, 'scripts/electronegativity.mjs'), ...folders], { cwd: root, encoding: 'utf8', timeout: 240_000 })

  it('finds nothing in src/ and the built app that the reviewed allowlist does not explain', () => {
    cpSync(out, join(scratch, 'out'), { recursive: true })
    const r = scan('src', `out=${join(scratch, 'out')}`)
    expect(r.stderr, r.stderr).not.toContain('NEW ')
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/0 new/)
  }, 240_000)

  it('fails on a finding nobody reviewed', () => {
    const bad = join(scratch, 'bad')
    mkdirSync(bad)
    writeFileSync(join(bad, 'window.ts'), "import { BrowserWindow } from 'electron'\nexport const w = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } })\n")
    const r = scan(`src/main=${bad}`)
    expect(r.status).toBe(1)
    expect(r.stderr).toMatch(/NEW NODE_INTEGRATION_JS_CHECK src\/main\/window\.ts/)
  }, 240_000)
})
