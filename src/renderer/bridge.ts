import type { WatchfloorBridge } from '../shared/ipc/contract.ts';
import { createWebBridge, readToken } from './webBridge.ts';

declare global {
  interface Window {
    /** Set by the Electron preload (contextBridge); absent in browser mode. */
    watchfloor?: WatchfloorBridge;
  }
}

/**
 * The renderer's only way to main: the preload's `window.watchfloor` in Electron, else the browser-mode
 * web bridge over the local WebSocket. Both have the contract's shape, so nothing else can tell.
 */
export const bridge: WatchfloorBridge =
  window.watchfloor ?? createWebBridge({ origin: window.location, token: readToken(document) });
