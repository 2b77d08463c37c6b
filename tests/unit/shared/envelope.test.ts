import { describe, expect, it } from 'vitest';
import { isRemoval, parseDraft, parseEnvelope, streamOf } from '../../../src/shared/protocol/envelope.ts';
import { EVENT_TYPES } from '../../../src/shared/protocol/eventData.ts';
import { subscribeRequestSchema, commandRequestSchema } from '../../../src/shared/protocol/messages.ts';

const speed = { speedKmh: 32, freeFlowKmh: 50, congestion: 0.36 };
const envelope = { stream: 'traffic', seq: 7, ts: 1_764_000_000_000, type: 'segment.speed', id: 'segment:ls-0001', data: speed };

describe('feed envelope', () => {
  it('accepts a valid envelope and keeps its typed data', () => {
    const r = parseEnvelope(envelope);
    expect(r.ok && r.value.type === 'segment.speed' && r.value.data.speedKmh).toBe(32);
  });

  it('rejects a type carried on the wrong stream', () => {
    const r = parseEnvelope({ ...envelope, stream: 'security' });
    expect(r).toEqual({ ok: false, reason: 'type segment.speed belongs to stream traffic, not security' });
  });

  it('rejects unknown types, bad seq and non-finite numbers with a specific reason', () => {
    expect(parseEnvelope({ ...envelope, type: 'segment.teleport' })).toMatchObject({ ok: false, reason: expect.stringContaining('unknown event type') });
    expect(parseEnvelope({ ...envelope, seq: 0 })).toMatchObject({ ok: false, reason: expect.stringContaining('seq') });
    expect(parseEnvelope({ ...envelope, data: { ...speed, speedKmh: JSON.parse('1e999') } })).toMatchObject({ ok: false, reason: expect.stringContaining('speedKmh') });
  });

  it('rejects coordinates that are infinite or out of range', () => {
    const reading = { kind: 'noise', position: [106.76, 21.85], laeqDb: 61 };
    const base = { stream: 'environment', seq: 1, ts: 1, type: 'sensor.reading', id: 'sensor:noise-01' };
    expect(parseEnvelope({ ...base, data: reading }).ok).toBe(true);
    expect(parseEnvelope({ ...base, data: { ...reading, position: [Infinity, 21.85] } }).ok).toBe(false);
    expect(parseEnvelope({ ...base, data: { ...reading, position: [106.76, 91] } }).ok).toBe(false);
  });

  it('rejects ids with markup or control characters', () => {
    expect(parseEnvelope({ ...envelope, id: '<img src=x>' }).ok).toBe(false);
    expect(parseEnvelope({ ...envelope, id: 'segment:ls\u0000' }).ok).toBe(false);
  });

  it('maps every event type to one stream, and drafts parse like envelopes', () => {
    for (const type of Object.keys(EVENT_TYPES) as (keyof typeof EVENT_TYPES)[]) expect(streamOf(type)).toBe(EVENT_TYPES[type].stream);
    expect(parseDraft({ type: 'segment.speed', id: 'segment:a', data: speed, source: 'demo' }).ok).toBe(true);
    expect(parseDraft({ type: 'segment.speed', id: 'segment:a', data: { speedKmh: -1, freeFlowKmh: 50, congestion: 0 } }).ok).toBe(false);
    expect(isRemoval('camera.removed')).toBe(true);
    expect(isRemoval('camera.status')).toBe(false);
  });
});

describe('client messages', () => {
  it('subscribe takes known streams and non-negative seqs only', () => {
    expect(subscribeRequestSchema.safeParse({ streams: ['traffic'], since: { traffic: 10 } }).success).toBe(true);
    expect(subscribeRequestSchema.safeParse({ streams: ['weather'] }).success).toBe(false);
    expect(subscribeRequestSchema.safeParse({ streams: ['traffic'], since: { traffic: -1 } }).success).toBe(false);
    expect(subscribeRequestSchema.safeParse({ streams: [] }).success).toBe(false);
  });

  it('a command needs a UUID and an actor', () => {
    const cmd = { commandId: '2f0e8a52-2b8e-4c1d-9a57-5d2b7c9e4f10', type: 'alarm.acknowledge', payload: { alarmId: 'alarm:1' }, actor: { operator: 'Nguyễn Văn An', station: 'IOC-LS-01' } };
    expect(commandRequestSchema.safeParse(cmd).success).toBe(true);
    expect(commandRequestSchema.safeParse({ ...cmd, commandId: 'not-a-uuid' }).success).toBe(false);
    expect(commandRequestSchema.safeParse({ ...cmd, actor: undefined }).success).toBe(false);
  });
});
