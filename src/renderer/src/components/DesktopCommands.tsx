// In the desktop app, the menu and the reminder notifications act on the page through one channel
// (window.desktop, from the preload). Every message is parsed with the shared schema first; anything
// else is ignored. Browser mode has no window.desktop and renders nothing here.
import { useEffect } from 'react'
import { useNavigate } from 'react-router-dom'
import { useTranslation } from 'react-i18next'
import { desktopCommand } from '../../../shared/desktop'
import type { DesktopBridge, DesktopCommand } from '../../../shared/desktop'
import { exportFile, isApiError } from '../api'
import { currentLang } from '../i18n'
import { useApp } from '../state'
import { confirmLeave } from './leaveGuard'

export function desktopBridge(): DesktopBridge | null {
  return (window as unknown as { desktop?: DesktopBridge }).desktop ?? null
}

export function DesktopCommands() {
  const navigate = useNavigate()
  const { t } = useTranslation()
  const { notify } = useApp()

  useEffect(() => {
    const bridge = desktopBridge()
    if (!bridge) return
    const run = (c: DesktopCommand) => {
      switch (c.kind) {
        case 'navigate':
          if (confirmLeave()) navigate(c.path)
          return
        case 'search':
          // The menu item is the page's own Ctrl+K: hand the global search the same key.
          window.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', code: 'KeyK', ctrlKey: true, bubbles: true, cancelable: true }))
          return
        case 'export':
          exportFile(c.name, { lang: currentLang() }).then(
            (r) => r.saved && notify({ severity: 'success', message: t('exports.saved', { file: r.path ?? r.fileName }) }),
            (e: unknown) => notify({ severity: 'error', message: t('exports.failed', { message: isApiError(e) ? e.message : String(e) }) }),
          )
          return
      }
    }
    return bridge.onCommand((raw) => {
      const parsed = desktopCommand.safeParse(raw)
      if (parsed.success) run(parsed.data)
    })
  }, [navigate, notify, t])

  return null
}
