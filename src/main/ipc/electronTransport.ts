import type { IpcMain, IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron';
import { COMMAND_NAMES, channelOf } from '../../shared/ipc/contract.ts';
import type { InvokeResult } from '../../shared/ipc/wire.ts';
import type { IpcEndpoint, IpcTransport } from './transport.ts';

/**
 * The contract on ipcMain: one `handle` per command channel, each refusing senders that are not the
 * main frame of one of our own pages (an iframe or a navigated-away page gets nothing), then handing the
 * raw input to the core, which parses it. Events go to every window of ours with `webContents.send`.
 */
export class ElectronTransport implements IpcTransport {
  readonly #ipcMain: IpcMain;
  readonly #unsubscribe: () => void;

  constructor(o: { ipcMain: IpcMain; endpoint: IpcEndpoint; appOrigin: string; windows: () => WebContents[] }) {
    this.#ipcMain = o.ipcMain;
    const trusted = (frame: WebFrameMain | null): boolean => {
      if (!frame || frame.parent !== null) return false;
      try {
        return new URL(frame.url).origin === o.appOrigin;
      } catch {
        return false;
      }
    };
    for (const name of COMMAND_NAMES) {
      o.ipcMain.handle(channelOf(name), async (event: IpcMainInvokeEvent, input: unknown): Promise<InvokeResult> => {
        if (!trusted(event.senderFrame)) return { ok: false, error: { code: 'failed', message: 'refused: not a Watchfloor window' } };
        return o.endpoint.invoke(name, input);
      });
    }
    this.#unsubscribe = o.endpoint.onEvent((name, payload) => {
      for (const contents of o.windows()) {
        if (!contents.isDestroyed() && trusted(contents.mainFrame)) contents.send(channelOf(name), payload);
      }
    });
  }

  async close(): Promise<void> {
    this.#unsubscribe();
    for (const name of COMMAND_NAMES) this.#ipcMain.removeHandler(channelOf(name));
  }
}
