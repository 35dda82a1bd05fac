import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildBridge } from './bridge';

const bridge = buildBridge(
  (method, args) => ipcRenderer.invoke(method, args),
  (event, listener) => {
    // The IpcRendererEvent carries `sender` (ipcRenderer itself); it never reaches the page.
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, forward);
    return () => {
      ipcRenderer.removeListener(event, forward);
    };
  },
);

contextBridge.exposeInMainWorld('switchboard', bridge);
