import { z } from 'zod';

/**
 * How an invoke's answer travels (Electron IPC and the browser-mode WebSocket alike): a result, or an
 * error with a code. Main never throws across the boundary, so a renderer always gets a message it can show.
 */
export const invokeErrorSchema = z.object({
  code: z.enum(['unknown_command', 'invalid_input', 'failed', 'disconnected']),
  message: z.string().max(2000),
});
export type InvokeError = z.infer<typeof invokeErrorSchema>;

export const invokeResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), output: z.unknown().optional() }),
  z.object({ ok: z.literal(false), error: invokeErrorSchema }),
]);
export type InvokeResult = z.infer<typeof invokeResultSchema>;

/** Browser mode, renderer → main over the local WebSocket. */
export const wsInvokeSchema = z.object({
  kind: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  name: z.string().max(100),
  /** Absent for commands without input (JSON drops `undefined`). */
  input: z.unknown().optional(),
});
export type WsInvoke = z.infer<typeof wsInvokeSchema>;

/** Browser mode, main → renderer: an invoke's result, or an event. */
export const wsServerMessageSchema = z.union([
  z.object({ kind: z.literal('result'), id: z.number().int().nonnegative(), ok: z.literal(true), output: z.unknown().optional() }),
  z.object({ kind: z.literal('result'), id: z.number().int().nonnegative(), ok: z.literal(false), error: invokeErrorSchema }),
  z.object({ kind: z.literal('event'), name: z.string().max(100), payload: z.unknown().optional() }),
]);
export type WsServerMessage = z.infer<typeof wsServerMessageSchema>;

/** Path of the browser-mode WebSocket, and the meta tag that carries its per-launch token. */
export const WS_PATH = '/ipc';
export const TOKEN_META_NAME = 'watchfloor-token';
