import { ipcMain } from 'electron'
import type { IpcMainInvokeEvent, WebContents } from 'electron'
import type { Router } from './api'

export const API_CHANNEL = 'liaison:api'

/**
 * Binds the router to IPC. Only the app's own window may call it: a message
 * from any other sender (a stray webview, a navigated frame) is refused.
 */
export function bindIpc(router: Router, isTrusted: (sender: WebContents, frameUrl: string) => boolean): () => void {
  ipcMain.handle(API_CHANNEL, async (event: IpcMainInvokeEvent, method: unknown, input: unknown) => {
    const frameUrl = event.senderFrame?.url ?? ''
    if (!isTrusted(event.sender, frameUrl)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Unknown sender', fieldErrors: {} } }
    }
    return router.call(typeof method === 'string' ? method : '', input)
  })
  return () => ipcMain.removeHandler(API_CHANNEL)
}
