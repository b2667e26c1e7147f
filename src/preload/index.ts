// Exposes exactly the contract's methods as window.api (one invoke channel), plus `export` for files.
import { contextBridge, ipcRenderer } from 'electron'
import { METHOD_NAMES } from '../shared/contract'

const API_CHANNEL = 'liaison:api'
const EXPORT_CHANNEL = 'liaison:export'
const api = {
  ...Object.fromEntries(METHOD_NAMES.map((m) => [m, (input: unknown) => ipcRenderer.invoke(API_CHANNEL, m, input)])),
  // Files: the main side asks where to save, writes, and offers to open the file.
  export: (name: string, input: unknown) => ipcRenderer.invoke(EXPORT_CHANNEL, name, input),
}
contextBridge.exposeInMainWorld('api', api)
