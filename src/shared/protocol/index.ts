// The feed protocol in one import for hub and client (docs/PROTOCOL.md is its narrative).
export * from './catalog.ts';
export * from './envelope.ts';
export * from './eventData.ts';
export * from './geo.ts';
export * from './messages.ts';
export * from './streams.ts';
export * from './text.ts';
