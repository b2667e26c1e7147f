import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import type { ReactNode } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Snackbar from '@mui/material/Snackbar'
import { useTranslation } from 'react-i18next'
import type { SystemStatus } from '../../shared/contract'
import type { Settings } from '../../shared/domain/settings'
import type { Lang } from '../../shared/enums'
import { call, isApiError, onMutation } from './api'
import { applyLanguage } from './i18n'

export interface Notice {
  message: string
  severity?: 'success' | 'info' | 'warning' | 'error'
  action?: { label: string; run: () => void }
}

export interface AppState {
  status: SystemStatus | null
  settings: Settings | null
  /** bumps after every change, so views that show data reload */
  dataVersion: number
  refreshStatus: () => Promise<void>
  /** after a backup restore or a sample load: everything may have changed */
  reloadAll: () => Promise<void>
  setSettings: (s: Settings) => void
  setLanguage: (lang: Lang) => Promise<void>
  notify: (n: Notice) => void
  recoveryDismissed: boolean
  dismissRecovery: () => void
}

const Ctx = createContext<AppState | null>(null)

export function useApp(): AppState {
  const v = useContext(Ctx)
  if (!v) throw new Error('useApp outside AppProvider')
  return v
}

/** The message to show for a failed call, in the UI language. */
export function useErrorText(): (e: unknown) => string {
  const { t } = useTranslation()
  return useCallback(
    (e: unknown) => {
      if (isApiError(e)) {
        // A failed save says what happened to the disk and what to do, never the raw system error.
        if (e.code === 'STORAGE') return e.reason ? t(`errors.storage.${e.reason}`) : t('errors.STORAGE')
        if (e.code === 'INTERNAL' || e.code === 'TRANSPORT') return t(`errors.${e.code}`, { message: e.message })
        if (e.code === 'VALIDATION') return t('errors.VALIDATION')
        return `${t(`errors.${e.code}`)}${e.message && e.code !== 'LINKED' ? ` (${e.message})` : ''}`
      }
      return t('errors.INTERNAL', { message: e instanceof Error ? e.message : String(e) })
    },
    [t],
  )
}

export function AppProvider({ initialSettings, children }: { initialSettings: Settings | null; children: ReactNode }) {
  const [status, setStatus] = useState<SystemStatus | null>(null)
  const [settings, setSettings] = useState<Settings | null>(initialSettings)
  const [dataVersion, setDataVersion] = useState(0)
  const [notice, setNotice] = useState<(Notice & { key: number }) | null>(null)
  const [recoveryDismissed, setRecoveryDismissed] = useState(false)
  const { t } = useTranslation()

  const refreshStatus = useCallback(async () => {
    try {
      setStatus(await call('system.status', {}))
    } catch (e) {
      setNotice({ key: Date.now(), severity: 'error', message: isApiError(e) ? e.message : String(e) })
    }
  }, [])

  useEffect(() => {
    let live = true
    call('system.status', {}).then(
      (s) => live && setStatus(s),
      (e: unknown) => live && setNotice({ key: Date.now(), severity: 'error', message: isApiError(e) ? e.message : String(e) }),
    )
    return () => {
      live = false
    }
  }, [])

  // Any change made anywhere: counts and lists are stale.
  useEffect(
    () =>
      onMutation(() => {
        setDataVersion((v) => v + 1)
        void refreshStatus()
      }),
    [refreshStatus],
  )

  const reloadAll = useCallback(async () => {
    const s = await call('settings.get', {})
    setSettings(s)
    if (s.language) await applyLanguage(s.language)
    await refreshStatus()
    setDataVersion((v) => v + 1)
  }, [refreshStatus])

  const setLanguage = useCallback(async (lang: Lang) => {
    await applyLanguage(lang)
    // Reports follow the interface language, unless the user chose a different one for them.
    const current = await call('settings.get', {})
    const follows = current.reportLanguage === current.language
    setSettings(await call('settings.update', follows ? { language: lang, reportLanguage: lang } : { language: lang }))
  }, [])

  const notify = useCallback((n: Notice) => setNotice({ ...n, key: Date.now() }), [])
  // Dismissing is recorded by the main side, so the banner does not come back at the next start.
  const dismissRecovery = useCallback(() => {
    call('system.dismissRecovery', {}).then(
      (s) => {
        setRecoveryDismissed(true)
        setStatus(s)
      },
      (e: unknown) => setNotice({ key: Date.now(), severity: 'error', message: t('recovery.dismissFailed', { message: isApiError(e) ? e.message : String(e) }) }),
    )
  }, [t])

  const value = useMemo<AppState>(
    () => ({ status, settings, dataVersion, refreshStatus, reloadAll, setSettings, setLanguage, notify, recoveryDismissed, dismissRecovery }),
    [status, settings, dataVersion, refreshStatus, reloadAll, setLanguage, notify, recoveryDismissed, dismissRecovery],
  )

  const close = () => setNotice(null)
  return (
    <Ctx.Provider value={value}>
      {children}
      <Snackbar
        key={notice?.key}
        open={notice !== null}
        autoHideDuration={notice?.action ? 8000 : 4000}
        onClose={(_, reason) => {
          if (reason !== 'clickaway') close()
        }}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
      >
        <Alert
          severity={notice?.severity ?? 'success'}
          variant="filled"
          onClose={close}
          data-testid="notice"
          action={
            notice?.action ? (
              <Button
                color="inherit"
                size="small"
                onClick={() => {
                  notice.action?.run()
                  close()
                }}
              >
                {notice.action.label}
              </Button>
            ) : undefined
          }
          slotProps={{ closeButton: { title: t('common.close') } }}
        >
          {notice?.message}
        </Alert>
      </Snackbar>
    </Ctx.Provider>
  )
}
