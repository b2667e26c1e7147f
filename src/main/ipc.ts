import { createWriteStream } from 'node:fs'
import { finished } from 'node:stream/promises'
import { ipcMain } from 'electron'
import type { IpcMainInvokeEvent, WebContents } from 'electron'
import type { ApiErrorBody, ApiResult } from '../shared/contract'
import type { ExportResult } from '../shared/exports'
import type { Router } from './api'
import { storageError } from './errors'
import type { Exporter } from './exports'

export const API_CHANNEL = 'liaison:api'
export const EXPORT_CHANNEL = 'liaison:export'

const forbidden = { ok: false, error: { code: 'FORBIDDEN', message: 'Unknown sender', fieldErrors: {} } } as const

export interface IpcDeps {
  /** resolves once the data folder is open: the window is shown first, and its calls wait for this */
  ready?: Promise<unknown>
  router: Router
  exporter: Exporter
  isTrusted: (sender: WebContents, frameUrl: string) => boolean
  /** asks where to save; null when the user cancels */
  chooseFile: (defaultName: string) => Promise<string | null>
  /** after a save: offer to open the file or show it in its folder */
  afterSave: (path: string) => Promise<void>
}

function internal(e: unknown): { ok: false; error: ApiErrorBody } {
  const message = e instanceof Error ? e.message : String(e)
  return { ok: false, error: { code: 'INTERNAL', message: `Internal error: ${message}`, fieldErrors: {} } }
}

async function exportToFile(deps: IpcDeps, name: string, input: unknown): Promise<ApiResult<ExportResult>> {
  const prepared = deps.exporter.prepare(name, input)
  if (!prepared.ok) return prepared
  const { fileName, write } = prepared.job
  const path = await deps.chooseFile(fileName)
  if (path === null) return { ok: true, data: { saved: false, fileName } }
  try {
    const out = createWriteStream(path)
    await write(out)
    await finished(out)
  } catch (e) {
    // A full disk or a folder the user may not write to gets the same plain message as a failed save.
    const storage = storageError(e)
    if (storage) return { ok: false, error: { ...storage.toBody(), message: `${storage.message} (${path})` } }
    return { ok: false, error: { code: 'INTERNAL', message: `Could not write ${path}: ${e instanceof Error ? e.message : String(e)}`, fieldErrors: {} } }
  }
  await deps.afterSave(path)
  return { ok: true, data: { saved: true, fileName, path } }
}

/**
 * Binds the router and the exporter to IPC. Only the app's own window may call
 * them: a message from any other sender (a stray webview, a navigated frame) is refused.
 */
export function bindIpc(deps: IpcDeps): () => void {
  const trusted = (event: IpcMainInvokeEvent) => deps.isTrusted(event.sender, event.senderFrame?.url ?? '')

  // The contract promises a structured answer: nothing below may become a rejected invoke().
  ipcMain.handle(API_CHANNEL, async (event: IpcMainInvokeEvent, method: unknown, input: unknown): Promise<ApiResult<unknown>> => {
    try {
      if (!trusted(event)) return forbidden
      await deps.ready
      return await deps.router.call(typeof method === 'string' ? method : '', input)
    } catch (e) {
      return internal(e)
    }
  })

  ipcMain.handle(EXPORT_CHANNEL, async (event: IpcMainInvokeEvent, name: unknown, input: unknown): Promise<ApiResult<ExportResult>> => {
    try {
      if (!trusted(event)) return forbidden
      await deps.ready
      return await exportToFile(deps, typeof name === 'string' ? name : '', input)
    } catch (e) {
      return internal(e)
    }
  })

  return () => {
    ipcMain.removeHandler(API_CHANNEL)
    ipcMain.removeHandler(EXPORT_CHANNEL)
  }
}
