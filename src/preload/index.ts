// Exposes exactly the contract's methods as window.api, each one invoke on one channel.
import { contextBridge, ipcRenderer } from 'electron'
import { METHOD_NAMES } from '../shared/contract'

const API_CHANNEL = 'liaison:api'
const api = Object.fromEntries(
  METHOD_NAMES.map((m) => [m, (input: unknown) => ipcRenderer.invoke(API_CHANNEL, m, input)]),
)
contextBridge.exposeInMainWorld('api', api)
