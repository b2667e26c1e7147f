import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import type { Root } from 'react-dom/client'
import type { Settings } from '../../shared/domain/settings'
import { askEarly, call, forgetEarly } from './api'
import { App } from './App'
import { UnlockScreen } from './components/UnlockScreen'
import { applyLanguage, DEFAULT_LANG, i18n, initI18n } from './i18n'
import { openingSummaryInput } from './pages/dashboard/period'
import { todayIso } from '../../shared/days'

/** Reads the settings first, so the first paint is already in the user's language. */
async function openApp(root: Root): Promise<void> {
  let settings: Settings | null = null
  try {
    settings = await call('settings.get', {})
  } catch (e) {
    console.error('settings.get failed', e)
  }
  const lang = settings?.language ?? DEFAULT_LANG
  if (i18n.isInitialized) await applyLanguage(lang)
  else initI18n(lang)
  root.render(
    <StrictMode>
      <App initialSettings={settings} />
    </StrictMode>,
  )
}

/** An encrypted folder without its key opens on the unlock screen; the app itself comes after. */
async function start(): Promise<void> {
  const el = document.getElementById('root')
  if (!el) throw new Error('#root is missing from index.html')
  const root = createRoot(el)
  // What the first screen shows, asked all at once: while a large folder is still opening they wait
  // together, instead of each being asked only once the previous answer has rendered.
  const today = todayIso()
  // The charts' chunk first, fetched and compiled while a large folder opens: asked once the status
  // had said "not empty", it came after the figures (0.1–0.2 s at 100,000 contacts), and asked after
  // the calls below it waited for them, as they hold all six connections a browser opens to a host.
  void import('./pages/dashboard/Charts').catch(() => undefined)
  askEarly('settings.get', {})
  askEarly('system.status', {})
  askEarly('dashboard.summary', openingSummaryInput(today))
  askEarly('reminders.list', { today })
  askEarly('exchange.conflicts', {})
  let locked = false
  try {
    locked = (await call('encryption.status', {})).state === 'locked'
  } catch (e) {
    console.error('encryption.status failed', e)
  }
  if (!locked) return openApp(root)
  forgetEarly()
  // The language setting is inside the locked data: the browser's language until then.
  initI18n(navigator.language.toLowerCase().startsWith('en') ? 'en' : DEFAULT_LANG)
  root.render(
    <StrictMode>
      <UnlockScreen onUnlocked={() => void openApp(root)} />
    </StrictMode>,
  )
}

void start()
