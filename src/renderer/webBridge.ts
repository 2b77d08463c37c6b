import {
  EVENT_NAMES,
  type CommandInput,
  type CommandName,
  type CommandOutput,
  type EventName,
  type EventPayload,
  type WatchfloorBridge,
} from '../shared/ipc/contract.ts';
import { TOKEN_META_NAME, WS_PATH, wsServerMessageSchema, type WsInvoke } from '../shared/ipc/wire.ts';

type Pending = { resolve: (output: unknown) => void; reject: (error: Error) => void };
type Listener = (payload: unknown) => void;

export interface WebBridgeOptions {
  /** Where the page was served from (`location`). */
  origin: { host: string; protocol: string };
  token: string;
  /** Injected in tests (Node's WebSocket); the browser's otherwise. */
  WebSocketImpl?: typeof WebSocket;
  maxDelayMs?: number;
}

/** The per-launch token browser mode put in the page (no inline script: a meta tag). */
export function readToken(doc: Document): string {
  return doc.querySelector<HTMLMetaElement>(`meta[name="${TOKEN_META_NAME}"]`)?.content ?? '';
}

/**
 * `window.watchfloor` in browser mode: the IPC contract over the local WebSocket that served the page.
 * Invokes made while disconnected wait for the connection; those in flight when it drops fail (the
 * caller retries, as with any lost request). It reconnects with backoff when the web server restarts.
 */
export function createWebBridge(options: WebBridgeOptions): WatchfloorBridge & { close(): void } {
  const Impl = options.WebSocketImpl ?? WebSocket;
  const scheme = options.origin.protocol === 'https:' ? 'wss:' : 'ws:';
  const url = `${scheme}//${options.origin.host}${WS_PATH}?token=${encodeURIComponent(options.token)}`;
  const listeners = new Map<string, Set<Listener>>();
  const pending = new Map<number, Pending>();
  const queue: string[] = [];
  let socket: WebSocket | null = null;
  let nextId = 1;
  let delay = 250;
  let closed = false;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let everOpened = false;

  const connect = (): void => {
    const ws = new Impl(url);
    socket = ws;
    ws.onopen = () => {
      delay = 250;
      for (const text of queue.splice(0)) ws.send(text);
      // Events were missed while disconnected (or main restarted): tell the page to take a fresh
      // bootstrap, with the event that already means "refetch everything".
      if (everOpened) for (const listener of listeners.get('catalog.changed') ?? []) listener({ count: 0 });
      everOpened = true;
    };
    ws.onmessage = (message: MessageEvent) => {
      if (typeof message.data !== 'string') return;
      let raw: unknown;
      try {
        raw = JSON.parse(message.data);
      } catch {
        return;
      }
      const parsed = wsServerMessageSchema.safeParse(raw);
      if (!parsed.success) return;
      const m = parsed.data;
      if (m.kind === 'event') {
        for (const listener of listeners.get(m.name) ?? []) listener(m.payload);
        return;
      }
      const waiter = pending.get(m.id);
      if (!waiter) return;
      pending.delete(m.id);
      if (m.ok) waiter.resolve(m.output);
      else waiter.reject(new Error(`${m.error.code}: ${m.error.message}`));
    };
    ws.onclose = () => {
      socket = null;
      for (const waiter of pending.values()) waiter.reject(new Error('disconnected: the Watchfloor process closed the connection'));
      pending.clear();
      if (closed) return;
      retry = setTimeout(connect, delay);
      delay = Math.min(delay * 2, options.maxDelayMs ?? 5000);
    };
  };
  connect();

  return {
    invoke<K extends CommandName>(name: K, input: CommandInput<K>): Promise<CommandOutput<K>> {
      const id = nextId++;
      const message: WsInvoke = { kind: 'invoke', id, name, input };
      const text = JSON.stringify(message);
      return new Promise<CommandOutput<K>>((resolve, reject) => {
        // Main parsed the output from the contract before sending; the shape is the contract's.
        pending.set(id, { resolve: (output) => resolve(output as CommandOutput<K>), reject });
        if (socket && socket.readyState === Impl.OPEN) socket.send(text);
        else queue.push(text);
      });
    },
    on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void {
      if (!EVENT_NAMES.includes(name)) throw new Error(`unknown event ${String(name)}`);
      let set = listeners.get(name);
      if (!set) {
        set = new Set();
        listeners.set(name, set);
      }
      const wrapped: Listener = (payload) => listener(payload as EventPayload<K>);
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
    close() {
      closed = true;
      if (retry) clearTimeout(retry);
      socket?.close();
    },
  };
}
