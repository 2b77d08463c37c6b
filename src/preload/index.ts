// The sandboxed preload: `window.watchfloor` with the contract's names only — no raw ipcRenderer, no
// Node, no logic beyond unwrapping an invoke's result. Built as CommonJS (sandboxed preloads cannot be ESM).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { channelName, COMMAND_CHANNELS, EVENT_CHANNELS } from '../shared/ipc/names.ts';

const commands: readonly string[] = COMMAND_CHANNELS;
const events: readonly string[] = EVENT_CHANNELS;

type Result = { ok: true; output: unknown } | { ok: false; error: { code: string; message: string } };

contextBridge.exposeInMainWorld('watchfloor', {
  async invoke(name: string, input: unknown): Promise<unknown> {
    if (!commands.includes(name)) throw new Error(`unknown command ${String(name)}`);
    // Main parses every input and never throws across IPC: it answers a result or a coded error.
    const result = (await ipcRenderer.invoke(channelName(name), input)) as Result;
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.output;
  },
  on(name: string, listener: (payload: unknown) => void): () => void {
    if (!events.includes(name)) throw new Error(`unknown event ${String(name)}`);
    const channel = channelName(name);
    // The renderer never sees the IpcRendererEvent (it carries `sender`, i.e. ipcRenderer itself).
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
});
