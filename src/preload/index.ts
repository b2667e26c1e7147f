// Exposes exactly the contract's methods as window.api (one invoke channel), plus `export` for files,
// and window.desktop: the one channel on which the shell (menu, notifications) sends commands to the page.
import { contextBridge, ipcRenderer } from 'electron'
import type { IpcRendererEvent } from 'electron'
import { METHOD_NAMES } from '../shared/contract'
import { COMMAND_CHANNEL } from '../shared/desktop'
import type { DesktopBridge } from '../shared/desktop'

const API_CHANNEL = 'liaison:api'
const EXPORT_CHANNEL = 'liaison:export'
const api = {
  ...Object.fromEntries(METHOD_NAMES.map((m) => [m, (input: unknown) => ipcRenderer.invoke(API_CHANNEL, m, input)])),
  // Files: the main side asks where to save, writes, and offers to open the file.
  export: (name: string, input: unknown) => ipcRenderer.invoke(EXPORT_CHANNEL, name, input),
}
const desktop: DesktopBridge = {
  // Only the message crosses, never the event (it would hand the page ipcRenderer); the page validates it.
  onCommand: (listener) => {
    const handler = (_event: IpcRendererEvent, command: unknown) => listener(command)
    ipcRenderer.on(COMMAND_CHANNEL, handler)
    return () => void ipcRenderer.removeListener(COMMAND_CHANNEL, handler)
  },
}
contextBridge.exposeInMainWorld('api', api)
contextBridge.exposeInMainWorld('desktop', desktop)
