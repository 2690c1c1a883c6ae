// The preload bridge: exposes exactly one call channel and one event channel as `window.cabinBridge`.
// Built as CommonJS (sandboxed preloads cannot be modules) and importing only `electron`.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { CabinBridge, CabinEvent } from '../../contract';

// Channel names are repeated from contract's IPC_CHANNELS: a sandboxed preload bundles nothing else.
const CALL_CHANNEL = 'cabin.call';
const EVENT_CHANNEL = 'cabin.event';

const bridge: CabinBridge = {
  call: (method, params) => ipcRenderer.invoke(CALL_CHANNEL, method, params),
  onEvent: (listener) => {
    const handler = (_event: IpcRendererEvent, cabinEvent: CabinEvent): void => listener(cabinEvent);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld('cabinBridge', bridge);
