// The application menu. The template is a pure function of the language, the platform and the
// features this build has, so it is unit-tested under Node; only installMenu touches Electron.
import { Menu } from 'electron'
import type { MenuItemConstructorOptions } from 'electron'
import { MENU_EXPORTS } from '../shared/desktop'
import type { DesktopCommand } from '../shared/desktop'
import type { Lang } from '../shared/enums'
import { desktopText } from './desktop-text'
import type { DesktopTextKey } from './desktop-text'

/**
 * Features the menu offers only once they exist: the import wizard (/import) does; merge packages
 * are not built yet, so Send/Receive are left out rather than shown dead.
 */
export interface MenuFeatures {
  import: boolean
  packages: boolean
}
export const MENU_FEATURES: MenuFeatures = { import: true, packages: false }

export interface MenuOptions {
  lang: Lang
  platform: NodeJS.Platform
  /** developer build: reload and developer tools */
  dev: boolean
  features: MenuFeatures
  /** hands a command to the page (navigate, search, export) */
  send: (command: DesktopCommand) => void
  about: () => void
  openDataFolder: () => void
  openLogs: () => void
}

/** Accelerators the page also answers to, so the menu and the keyboard agree. */
export const ACCELERATORS = {
  newTrip: 'CmdOrCtrl+N',
  search: 'CmdOrCtrl+K',
} as const

export function menuTemplate(o: MenuOptions): MenuItemConstructorOptions[] {
  const t = (key: DesktopTextKey) => desktopText(o.lang, key)
  const mac = o.platform === 'darwin'
  const sep: MenuItemConstructorOptions = { type: 'separator' }
  const go = (path: string) => () => o.send({ kind: 'navigate', path })

  const file: MenuItemConstructorOptions[] = [
    { id: 'newTrip', label: t('newTrip'), accelerator: ACCELERATORS.newTrip, click: go('/trips?new=1') },
    sep,
    { id: 'import', label: t('import'), visible: o.features.import, click: go('/import') },
    {
      id: 'export',
      label: t('export'),
      submenu: MENU_EXPORTS.map((name) => ({ id: name, label: t(name), click: () => o.send({ kind: 'export', name }) })),
    },
    { id: 'packagesSeparator', type: 'separator', visible: o.features.packages },
    { id: 'sendPackage', label: t('sendPackage'), visible: o.features.packages, click: go('/packages?send=1') },
    { id: 'receivePackage', label: t('receivePackage'), visible: o.features.packages, click: go('/packages?receive=1') },
    sep,
    { id: 'backups', label: t('backups'), click: go('/settings?section=backups') },
    // macOS quits from the application menu.
    ...(mac ? [] : [sep, { id: 'quit', role: 'quit', label: t('quit'), accelerator: 'Ctrl+Q' } satisfies MenuItemConstructorOptions]),
  ]

  const edit: MenuItemConstructorOptions[] = [
    { role: 'undo', label: t('undo') },
    { role: 'redo', label: t('redo') },
    sep,
    { role: 'cut', label: t('cut') },
    { role: 'copy', label: t('copy') },
    { role: 'paste', label: t('paste') },
    { role: 'selectAll', label: t('selectAll') },
    sep,
    { id: 'search', label: t('search'), accelerator: ACCELERATORS.search, click: () => o.send({ kind: 'search' }) },
  ]

  const view: MenuItemConstructorOptions[] = [
    { role: 'zoomIn', label: t('zoomIn') },
    { role: 'zoomOut', label: t('zoomOut') },
    { role: 'resetZoom', label: t('resetZoom') },
    sep,
    { role: 'togglefullscreen', label: t('fullscreen') },
    ...(o.dev ? [sep, { role: 'reload', label: t('reload') } as const, { role: 'toggleDevTools', label: t('devTools') } as const] : []),
  ]

  const help: MenuItemConstructorOptions[] = [
    { id: 'dataFolder', label: t('dataFolder'), click: o.openDataFolder },
    { id: 'logs', label: t('logs'), click: o.openLogs },
    // On macOS "About" sits in the application menu.
    ...(mac ? [] : [sep, { id: 'about', label: t('about'), click: o.about }]),
  ]

  const appMenu: MenuItemConstructorOptions = {
    label: t('appName'),
    submenu: [
      { id: 'about', label: t('about'), click: o.about },
      sep,
      { role: 'services', label: t('services') },
      sep,
      { role: 'hide', label: t('hide') },
      { role: 'hideOthers', label: t('hideOthers') },
      { role: 'unhide', label: t('showAll') },
      sep,
      { id: 'quit', role: 'quit', label: t('quit') },
    ],
  }

  return [
    ...(mac ? [appMenu] : []),
    { id: 'file', label: t('file'), submenu: file },
    { id: 'edit', label: t('edit'), submenu: edit },
    { id: 'view', label: t('view'), submenu: view },
    ...(mac ? [{ id: 'window', label: t('window'), role: 'windowMenu' } satisfies MenuItemConstructorOptions] : []),
    { id: 'help', label: t('help'), role: 'help', submenu: help },
  ]
}

/** Builds and sets the application menu; call again when the interface language changes. */
export function installMenu(o: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(o)))
}
