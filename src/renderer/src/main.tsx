import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import type { Settings } from '../../shared/domain/settings'
import { call } from './api'
import { App } from './App'
import { DEFAULT_LANG, initI18n } from './i18n'

/** Reads the settings first, so the first paint is already in the user's language. */
async function start(): Promise<void> {
  let settings: Settings | null = null
  try {
    settings = await call('settings.get', {})
  } catch (e) {
    console.error('settings.get failed', e)
  }
  initI18n(settings?.language ?? DEFAULT_LANG)
  const root = document.getElementById('root')
  if (!root) throw new Error('#root is missing from index.html')
  createRoot(root).render(
    <StrictMode>
      <App initialSettings={settings} />
    </StrictMode>,
  )
}

void start()
