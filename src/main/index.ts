// Electron glue only: window, single-instance lock, security, IPC binding.
// Everything the app does lives in app.ts and services/, which run under plain Node too.
import { app, BrowserWindow, dialog, session, shell } from 'electron'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { AppCore } from './app'
import { openDesk } from './desk'
import type { Desk } from './desk'
import { safeStorageKeychain } from './keychain'
import { bindIpc } from './ipc'
import { workerThumbnailer } from './attachments/thumbnails'
import { workerSheets } from './reports/sheet-runner'
import { utilityLauncher } from './parse-launcher'
import { describeOpenFailure } from './store'
import { startDesktopShell } from './desktop-shell'
import type { DesktopShell } from './desktop-shell'
import { fileLog } from './log-file'

const here = fileURLToPath(new URL('.', import.meta.url))
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'"
// `electron-vite dev` serves the renderer with an inline React-refresh preamble and a websocket for hot reload.
const DEV_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("connect-src 'self'", "connect-src 'self' ws:")

// A data folder other than the user-data folder (the Electron tests give each run its own).
if (process.env.LIAISON_DESK_DATA) app.setPath('userData', process.env.LIAISON_DESK_DATA)

let win: BrowserWindow | null = null
let core: AppCore | null = null
/** holds `core`; while the encrypted folder waits for its passphrase, core is null and the window shows the unlock screen */
let desk: Desk | null = null
let desktop: DesktopShell | null = null

function rendererUrl(): string {
  const dev = process.env.ELECTRON_RENDERER_URL
  return dev ?? new URL(`file://${join(here, '../renderer/index.html')}`).toString()
}

function isOwnPage(url: string): boolean {
  const expected = new URL(rendererUrl())
  try {
    const u = new URL(url)
    return u.protocol === expected.protocol && u.host === expected.host && u.pathname === expected.pathname
  } catch {
    return false
  }
}

function createWindow(): BrowserWindow {
  const w = new BrowserWindow({
    width: 1440,
    height: 900,
    show: false,
    title: 'Liaison Desk 校企联络台',
    // Electron keeps this window's size, position and maximised state itself, under this name.
    name: 'main',
    windowStatePersistence: true,
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // A middle click would open a new window; there is never a reason for one.
      disableBlinkFeatures: 'Auxclick',
    },
  })
  w.once('ready-to-show', () => w.show())
  // Navigation away from the app and new windows are never wanted; links open in the system browser.
  w.webContents.on('will-navigate', (e, url) => {
    if (!isOwnPage(url)) e.preventDefault()
  })
  w.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url)
    return { action: 'deny' }
  })
  void w.loadURL(rendererUrl())
  return w
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore()
      win.focus()
    }
  })
  await app.whenReady()
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [process.env.ELECTRON_RENDERER_URL ? DEV_CSP : CSP] } })
  })
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  // Checks are the synchronous twin of requests (e.g. navigator.permissions.query, clipboard reads): the app needs none.
  session.defaultSession.setPermissionCheckHandler(() => false)
  app.setAppLogsPath()
  const log = fileLog(app.getPath('logs'))
  // The window is shown while the folder opens (reading 70 MB at 100,000 contacts takes seconds):
  // its calls wait for the open, as they do in browser mode.
  const opening = openDesk({
    keychain: safeStorageKeychain(),
    dataDir: app.getPath('userData'),
    resourcesDir: app.isPackaged ? process.resourcesPath : join(here, '../../resources'),
    appVersion: app.getVersion(),
    log,
    importLauncher: utilityLauncher(join(here, 'parse-child.js')),
    thumbnailer: workerThumbnailer(join(here, 'thumb-worker.js')),
    sheetWriter: workerSheets(join(here, 'sheet-worker.js')),
    indexCache: { entry: join(here, 'seed-worker.js') },
  }).then((opened) => {
    desk = opened
    // Opened again after unlocking and after encryption is turned on or off: the shell follows the new core.
    opened.onOpen((c) => {
      core = c
      desktop?.stop()
      desktop = startDesktopShell({ core: c, window: () => win, dataDir: app.getPath('userData'), logsDir: app.getPath('logs'), log })
    })
    return opened
  })
  const openedDesk = (): Desk => {
    if (!desk) throw new Error('The data folder is not open')
    return desk
  }
  bindIpc({
    ready: opening,
    router: { call: (method, input) => (desktop && openedDesk().core ? desktop.router.call(method, input) : openedDesk().router.call(method, input)) },
    exporter: { prepare: (name, input) => openedDesk().exporter.prepare(name, input) },
    isTrusted: (sender, frameUrl) => win !== null && sender === win.webContents && isOwnPage(frameUrl),
    chooseFile: async (defaultName) => {
      const options = { defaultPath: join(app.getPath('documents'), defaultName) }
      const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options)
      return r.canceled || !r.filePath ? null : r.filePath
    },
    afterSave: async (path) => {
      const zh = core?.store.data.settings.language !== 'en'
      const buttons = zh ? ['打开文件', '在文件夹中显示', '关闭'] : ['Open', 'Show in folder', 'Close']
      const options = { type: 'info' as const, message: zh ? '已保存' : 'Saved', detail: path, buttons, defaultId: 0, cancelId: 2 }
      const { response } = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options)
      if (response === 0) await shell.openPath(path)
      else if (response === 1) shell.showItemInFolder(path)
    },
  })
  win = createWindow()
  win.on('closed', () => (win = null))
  try {
    await opening
  } catch (e) {
    dialog.showErrorBox('Liaison Desk', describeOpenFailure(e))
    app.quit()
  }
}

app.on('window-all-closed', () => app.quit())
app.on('will-quit', (e) => {
  desktop?.stop()
  desktop = null
  if (desk) {
    e.preventDefault()
    const d = desk
    desk = null
    core = null
    void d.close().finally(() => app.quit())
  }
})
void start()
