// The desktop around the page: the application menu, reminder notifications, and the commands
// both send to the page. Electron glue only; the menu template and the reminder notices are pure.
import { app, dialog, Notification, shell } from 'electron'
import type { BrowserWindow } from 'electron'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import type { AttachmentContent } from '../shared/attachments'
import { todayIso } from '../shared/days'
import { COMMAND_CHANNEL } from '../shared/desktop'
import type { DesktopCommand } from '../shared/desktop'
import type { Lang } from '../shared/enums'
import type { ReminderList } from '../shared/reminders'
import type { Router } from './api'
import type { AppCore } from './app'
import { desktopText } from './desktop-text'
import { installMenu, MENU_FEATURES } from './menu'
import { everyLocalDay, reminderNotices } from './reminder-notices'

export interface DesktopShell {
  /** the router, watched: a change of language redraws the menu, turning reminders on shows what is due */
  router: Router
  stop(): void
}

export function startDesktopShell(o: { core: AppCore; window: () => BrowserWindow | null; dataDir: string; logsDir: string; log: (line: string) => void }): DesktopShell {
  const lang = (): Lang => o.core.store.data.settings.language
  // Windows forgets a notification's click handler once the object is garbage-collected.
  const shown = new Set<Notification>()

  const send = (command: DesktopCommand) => {
    const w = o.window()
    if (!w) return
    if (w.isMinimized()) w.restore()
    w.show()
    w.focus()
    w.webContents.send(COMMAND_CHANNEL, command)
  }

  const about = () => {
    const options = {
      type: 'info' as const,
      title: desktopText(lang(), 'about'),
      message: desktopText(lang(), 'appName'),
      detail: desktopText(lang(), 'aboutDetail', { version: app.getVersion(), dataDir: o.dataDir }),
      buttons: [desktopText(lang(), 'ok')],
    }
    const w = o.window()
    void (w ? dialog.showMessageBox(w, options) : dialog.showMessageBox(options))
  }

  const menu = () =>
    installMenu({
      lang: lang(),
      platform: process.platform,
      dev: !app.isPackaged,
      features: MENU_FEATURES,
      send,
      about,
      openDataFolder: () => void shell.openPath(o.dataDir),
      openLogs: () => void shell.openPath(o.logsDir),
    })

  const remind = async (today: string) => {
    if (!Notification.isSupported()) return
    const r = await o.core.router.call('reminders.list', { today })
    if (!r.ok) {
      o.log(`Liaison Desk: reminders failed: ${r.error.code}`)
      return
    }
    for (const notice of reminderNotices(r.data as ReminderList, lang())) {
      const n = new Notification({ title: notice.title, body: notice.body })
      shown.add(n)
      n.on('click', () => send({ kind: 'navigate', path: notice.path }))
      n.on('close', () => shown.delete(n))
      n.show()
    }
  }

  menu()
  const stopDaily = everyLocalDay({ now: () => new Date(), run: (today) => void remind(today) })

  /**
   * "Open" an attachment: a plain copy in the temp folder, opened by the system viewer (the stored
   * file may be encrypted, and must never be handed to another program to change).
   */
  const openAttachment = async (input: unknown) => {
    const r = await o.core.router.call('attachments.content', input)
    if (!r.ok) return r
    const content = r.data as AttachmentContent
    const dir = await mkdtemp(join(tmpdir(), 'liaison-desk-'))
    const path = join(dir, basename(content.fileName).replace(/[\\/:*?"<>|]/g, '_') || 'attachment')
    await writeFile(path, Buffer.from(content.data, 'base64'), { mode: 0o600 })
    const failure = await shell.openPath(path)
    if (failure) o.log(`Liaison Desk: opening an attachment failed: ${failure}`)
    return { ok: true as const, data: { opened: failure === '' } }
  }

  const router: Router = {
    async call(method, input) {
      if (method === 'attachments.open') return openAttachment(input)
      const wasOn = o.core.store.data.settings.remindersEnabled
      const result = await o.core.router.call(method, input)
      if (result.ok && (method === 'settings.update' || method === 'sample.load' || method === 'backups.restore')) {
        menu()
        if (!wasOn && o.core.store.data.settings.remindersEnabled) void remind(todayIso(new Date()))
      }
      return result
    },
  }
  return {
    router,
    stop: () => {
      stopDaily()
      shown.clear()
    },
  }
}
