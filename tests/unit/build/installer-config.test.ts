// @vitest-environment node
// The Electron binary cannot be downloaded here, so installers are never built in CI. Instead the
// configuration is loaded and validated by electron-builder's own code (its JSON schema), and every
// file it names is checked to exist, so `npm run dist` on a Windows or macOS machine does not fail late.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config'
import type { Configuration } from 'app-builder-lib'
import { DebugLogger } from 'builder-util'
import { beforeAll, describe, expect, it } from 'vitest'
import { ICNS_TYPES, ICO_SIZES, pngSize, readIcns, readIco } from '../../../scripts/icon-pack'

const root = resolve(__dirname, '../../..')
const res = (name: string) => resolve(root, 'resources', name)
let config: Configuration

beforeAll(async () => {
  config = await getConfig(root, resolve(root, 'electron-builder.yml'), null)
})

describe('electron-builder configuration', () => {
  it("passes electron-builder's own schema validation", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
  })

  it('is really checked: a misspelt option is refused', async () => {
    const bad = { ...config, nsis: { ...config.nsis, oneclick: false } } as Configuration
    await expect(validateConfiguration(bad, new DebugLogger(false))).rejects.toThrow(/configuration\.nsis/)
  })

  it('names the product so that it works as a file name, with the Chinese name on the shortcuts', () => {
    expect(config.productName).toBe('Liaison Desk')
    expect(config.productName).toMatch(/^[\w .-]+$/)
    expect(config.nsis?.shortcutName).toContain('校企联络台')
    expect(config.nsis?.uninstallDisplayName).toContain('校企联络台')
  })

  it('installs per user on Windows, in Chinese or English, with desktop and Start-menu shortcuts', () => {
    const nsis = config.nsis ?? {}
    expect(nsis.oneClick).toBe(false)
    expect(nsis.perMachine).toBe(false)
    expect(nsis.selectPerMachineByDefault).toBe(false)
    expect(nsis.installerLanguages).toEqual(['zh_CN', 'en_US'])
    expect(nsis.createDesktopShortcut).toBe('always')
    expect(nsis.createStartMenuShortcut).toBe(true)
    expect(nsis.deleteAppDataOnUninstall).toBe(false)
  })

  it('builds a DMG for both Mac processors', () => {
    const targets = config.mac?.target as Array<{ target: string; arch: string[] }>
    expect(targets).toEqual([{ target: 'dmg', arch: ['universal'] }])
  })

  it('claims the merge package extension and nothing else', () => {
    expect((config.fileAssociations as Array<{ ext: string }>).map((f) => f.ext)).toEqual(['ldpkg'])
  })

  it('packs the built app: package.json main points inside the packed files', () => {
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> }
    // getConfig normalises `files` to pattern sets
    const patterns = (config.files as Array<{ filter: string[] }>).flatMap((f) => f.filter)
    expect(patterns).toContain('out/**')
    expect(pkg.main).toMatch(/^\.\/out\//)
    expect(pkg.scripts.dist).toContain('electron-builder --config electron-builder.yml')
  })

  it('names only files that exist', () => {
    const named = [config.win?.icon, config.nsis?.installerIcon, config.nsis?.uninstallerIcon, config.mac?.icon, config.dmg?.icon, config.linux?.icon]
    for (const name of named) {
      expect(typeof name).toBe('string')
      expect(existsSync(res(name as string)), `${name} in resources/`).toBe(true)
    }
    for (const { icon } of config.fileAssociations as Array<{ icon: string }>) {
      expect(existsSync(res(`${icon}.ico`))).toBe(true)
      expect(existsSync(res(`${icon}.icns`))).toBe(true)
    }
    expect(config.directories?.buildResources).toBe('resources')
    const extra = (config.extraResources as Array<{ from: string; filter: string[] }>)[0]
    const samples = readdirSync(resolve(root, extra.from)).filter((f) => /^sample-trip\..+\.json$/.test(f))
    expect(samples.sort()).toEqual(['sample-trip.en.json', 'sample-trip.zh-CN.json'])
  })
})

describe('icons', () => {
  it('has a 1024 px PNG', () => {
    expect(pngSize(readFileSync(res('icon.png')))).toEqual({ width: 1024, height: 1024 })
  })

  it.each(['icon', 'ldpkg'])('%s.ico holds every Windows size from 16 to 256 px, each a PNG of that size', (name) => {
    const entries = readIco(readFileSync(res(`${name}.ico`)))
    expect(entries.map((e) => e.size)).toEqual([...ICO_SIZES])
    for (const e of entries) expect(pngSize(e.png)).toEqual({ width: e.size, height: e.size })
  })

  it.each(['icon', 'ldpkg'])('%s.icns holds every macOS type up to 1024 px, each a PNG of its size', (name) => {
    const entries = readIcns(readFileSync(res(`${name}.icns`)))
    expect(entries.map((e) => e.type)).toEqual(ICNS_TYPES.map((t) => t.type))
    entries.forEach((e, i) => expect(pngSize(e.png).width).toBe(ICNS_TYPES[i].size))
  })

  it('has the Linux icon set electron-builder reads from a folder of NxN.png files', () => {
    for (const f of readdirSync(res('icons/png'))) {
      const n = Number(/^(\d+)x\1\.png$/.exec(f)?.[1])
      expect(pngSize(readFileSync(res(`icons/png/${f}`)))).toEqual({ width: n, height: n })
    }
  })
})
