// @vitest-environment node
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { MenuItemConstructorOptions } from 'electron'
import type { DesktopCommand } from '../../../src/shared/desktop'
import { desktopCommand } from '../../../src/shared/desktop'

const electron = vi.hoisted(() => ({
  Menu: { buildFromTemplate: vi.fn((t: unknown) => ({ template: t })), setApplicationMenu: vi.fn() },
}))
vi.mock('electron', () => electron)

const { installMenu, menuTemplate, MENU_FEATURES } = await import('../../../src/main/menu')
type Options = Parameters<typeof menuTemplate>[0]

let sent: DesktopCommand[]
let calls: string[]
function options(over: Partial<Options> = {}): Options {
  return {
    lang: 'zh-CN',
    platform: 'win32',
    dev: false,
    features: MENU_FEATURES,
    send: (c) => sent.push(c),
    about: () => calls.push('about'),
    openDataFolder: () => calls.push('dataFolder'),
    openLogs: () => calls.push('logs'),
    ...over,
  }
}
beforeEach(() => {
  sent = []
  calls = []
})

const items = (menu: MenuItemConstructorOptions): MenuItemConstructorOptions[] => (menu.submenu as MenuItemConstructorOptions[]) ?? []
const top = (t: MenuItemConstructorOptions[], id: string) => {
  const m = t.find((x) => x.id === id)
  if (!m) throw new Error(`no menu ${id}`)
  return m
}
const item = (t: MenuItemConstructorOptions[], menu: string, id: string) => {
  const found = items(top(t, menu)).find((x) => x.id === id)
  if (!found) throw new Error(`no item ${id} in ${menu}`)
  return found
}
const click = (i: MenuItemConstructorOptions) => (i.click as () => void)()
const visibleLabels = (m: MenuItemConstructorOptions) => items(m).filter((i) => i.type !== 'separator' && i.visible !== false).map((i) => i.label)

describe('application menu', () => {
  it('offers the import wizard, which exists, but not merge packages, which do not yet', () => {
    expect(MENU_FEATURES).toEqual({ import: true, packages: false })
  })

  it('speaks the interface language', () => {
    const zh = menuTemplate(options())
    expect(zh.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '帮助'])
    expect(visibleLabels(top(zh, 'file'))).toEqual(['新建出访…', '导入表格…', '导出台账', '备份与恢复…', '退出'])
    const en = menuTemplate(options({ lang: 'en' }))
    expect(en.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help'])
    expect(visibleLabels(top(en, 'view'))).toEqual(['Zoom In', 'Zoom Out', 'Actual Size', 'Full Screen'])
    expect(visibleLabels(top(en, 'help'))).toEqual(['Open Data Folder', 'Open Logs Folder', 'About Liaison Desk'])
  })

  it('leaves out import and merge packages until those pages exist, and shows them when they do', () => {
    const without = menuTemplate(options({ features: { import: false, packages: false } }))
    for (const id of ['import', 'sendPackage', 'receivePackage']) expect(item(without, 'file', id).visible).toBe(false)
    const withAll = menuTemplate(options({ features: { import: true, packages: true } }))
    for (const id of ['import', 'sendPackage', 'receivePackage']) expect(item(withAll, 'file', id).visible).toBe(true)
    click(item(withAll, 'file', 'import'))
    expect(sent).toEqual([{ kind: 'navigate', path: '/import' }])
  })

  it('uses the same shortcuts as the page: Ctrl+K searches, Ctrl+N starts a trip', () => {
    const t = menuTemplate(options())
    expect(item(t, 'edit', 'search').accelerator).toBe('CmdOrCtrl+K')
    expect(item(t, 'file', 'newTrip').accelerator).toBe('CmdOrCtrl+N')
    expect(items(top(t, 'view')).filter((i) => i.role).map((i) => i.role)).toEqual(['zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen'])
  })

  it('sends every page action as a command the page accepts', () => {
    const t = menuTemplate(options())
    click(item(t, 'file', 'newTrip'))
    click(item(t, 'file', 'backups'))
    click(item(t, 'edit', 'search'))
    for (const e of items(item(t, 'file', 'export'))) click(e)
    expect(sent.slice(0, 3)).toEqual([{ kind: 'navigate', path: '/trips?new=1' }, { kind: 'navigate', path: '/settings?section=backups' }, { kind: 'search' }])
    expect(sent.slice(3).map((c) => (c.kind === 'export' ? c.name : ''))).toEqual(['register.visits', 'register.internshipBases', 'register.alumni', 'register.alumniGroups', 'register.followUps'])
    for (const c of sent) expect(desktopCommand.safeParse(c).success).toBe(true)
  })

  it('opens the data folder, the logs and the about box from Help', () => {
    const t = menuTemplate(options())
    click(item(t, 'help', 'dataFolder'))
    click(item(t, 'help', 'logs'))
    click(item(t, 'help', 'about'))
    expect(calls).toEqual(['dataFolder', 'logs', 'about'])
  })

  it('follows macOS conventions: an application menu with About and Quit, and a Window menu', () => {
    const t = menuTemplate(options({ platform: 'darwin', lang: 'en' }))
    expect(t.map((m) => m.label)).toEqual(['Liaison Desk', 'File', 'Edit', 'View', 'Window', 'Help'])
    expect(items(t[0]).map((i) => i.role ?? i.id).filter(Boolean)).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit'])
    expect(items(top(t, 'file')).some((i) => i.role === 'quit')).toBe(false)
    expect(items(top(t, 'help')).some((i) => i.id === 'about')).toBe(false)
  })

  it('offers reload and developer tools only in a developer build', () => {
    expect(items(top(menuTemplate(options()), 'view')).some((i) => i.role === 'toggleDevTools')).toBe(false)
    expect(items(top(menuTemplate(options({ dev: true })), 'view')).some((i) => i.role === 'toggleDevTools')).toBe(true)
  })

  it('is installed as the application menu', () => {
    installMenu(options({ lang: 'en' }))
    expect(electron.Menu.buildFromTemplate).toHaveBeenCalledTimes(1)
    const built = electron.Menu.buildFromTemplate.mock.results[0].value
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledWith(built)
  })
})

describe('commands to the page', () => {
  it('refuse anything that is not an in-app route or a known action', () => {
    expect(desktopCommand.safeParse({ kind: 'navigate', path: '/follow-ups?open=abc' }).success).toBe(true)
    expect(desktopCommand.safeParse({ kind: 'navigate', path: 'https://example.com' }).success).toBe(false)
    expect(desktopCommand.safeParse({ kind: 'navigate', path: '//example.com/x' }).success).toBe(false)
    expect(desktopCommand.safeParse({ kind: 'navigate', path: '/x"><script>' }).success).toBe(false)
    expect(desktopCommand.safeParse({ kind: 'export', name: 'trip.report' }).success).toBe(false)
    expect(desktopCommand.safeParse({ kind: 'search', extra: 1 }).success).toBe(false)
    expect(desktopCommand.safeParse('search').success).toBe(false)
  })
})
