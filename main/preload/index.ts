// Runs in the sandboxed renderer before the page: exposes the typed bridge, built from the contract.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld(
  'gr2r',
  createBridge(ipcRenderer, (file) => webUtils.getPathForFile(file)),
);
