import { createWriteStream } from 'node:fs'
import { finished } from 'node:stream/promises'
import { ipcMain } from 'electron'
import type { IpcMainInvokeEvent, WebContents } from 'electron'
import type { ApiResult } from '../shared/contract'
import type { ExportResult } from '../shared/exports'
import type { Router } from './api'
import type { Exporter } from './exports'

export const API_CHANNEL = 'liaison:api'
export const EXPORT_CHANNEL = 'liaison:export'

const forbidden = { ok: false, error: { code: 'FORBIDDEN', message: 'Unknown sender', fieldErrors: {} } } as const

export interface IpcDeps {
  router: Router
  exporter: Exporter
  isTrusted: (sender: WebContents, frameUrl: string) => boolean
  /** asks where to save; null when the user cancels */
  chooseFile: (defaultName: string) => Promise<string | null>
  /** after a save: offer to open the file or show it in its folder */
  afterSave: (path: string) => Promise<void>
}

/**
 * Binds the router and the exporter to IPC. Only the app's own window may call
 * them: a message from any other sender (a stray webview, a navigated frame) is refused.
 */
export function bindIpc(deps: IpcDeps): () => void {
  const trusted = (event: IpcMainInvokeEvent) => deps.isTrusted(event.sender, event.senderFrame?.url ?? '')

  ipcMain.handle(API_CHANNEL, async (event: IpcMainInvokeEvent, method: unknown, input: unknown) => {
    if (!trusted(event)) return forbidden
    return deps.router.call(typeof method === 'string' ? method : '', input)
  })

  ipcMain.handle(EXPORT_CHANNEL, async (event: IpcMainInvokeEvent, name: unknown, input: unknown): Promise<ApiResult<ExportResult>> => {
    if (!trusted(event)) return forbidden
    const prepared = deps.exporter.prepare(typeof name === 'string' ? name : '', input)
    if (!prepared.ok) return prepared
    const { fileName, write } = prepared.job
    const path = await deps.chooseFile(fileName)
    if (path === null) return { ok: true, data: { saved: false, fileName } }
    try {
      const out = createWriteStream(path)
      await write(out)
      await finished(out)
    } catch (e) {
      return { ok: false, error: { code: 'INTERNAL', message: `Could not write ${path}: ${e instanceof Error ? e.message : String(e)}`, fieldErrors: {} } }
    }
    await deps.afterSave(path)
    return { ok: true, data: { saved: true, fileName, path } }
  })

  return () => {
    ipcMain.removeHandler(API_CHANNEL)
    ipcMain.removeHandler(EXPORT_CHANNEL)
  }
}
