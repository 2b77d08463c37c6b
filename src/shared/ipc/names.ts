import type { CommandName, EventName } from './contract.ts';

/**
 * The contract's names without its schemas, for the sandboxed preload (which must stay a small bundle
 * with no zod). A unit test checks these equal the contract's keys; `satisfies` catches a typo.
 */
export const COMMAND_CHANNELS = ['app.info', 'wall.bootstrap', 'feed.health', 'alarm.acknowledge', 'outbox.status'] as const satisfies readonly CommandName[];
export const EVENT_CHANNELS = ['feed.batch', 'feed.health', 'store.changed', 'catalog.changed'] as const satisfies readonly EventName[];

/** IPC channel names as Electron sees them (prefixed so nothing else on ipcMain collides). */
export const channelName = (name: string): string => `wf:${name}`;
