import type { EventName, EventPayload } from '../../shared/ipc/contract.ts';
import type { InvokeResult } from '../../shared/ipc/wire.ts';

/**
 * What a transport needs from the core: one invoke entry (it validates everything) and the event stream.
 * The Electron transport (ipcMain) and the browser-mode WebSocket both sit on this, so windows cannot tell
 * which one they talk to.
 */
export interface IpcEndpoint {
  invoke(name: unknown, input: unknown): Promise<InvokeResult>;
  /** Every event for every window; returns the unsubscribe function. */
  onEvent(listener: <K extends EventName>(name: K, payload: EventPayload<K>) => void): () => void;
}

export interface IpcTransport {
  close(): Promise<void>;
}
