import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NGSI_TYPES, ngsiDraft } from '../../../src/hub/adapters/ngsi/mapping.ts';
import {
  attributeValue,
  entitiesOf,
  normalizeEntity,
  shortName,
  type NgsiRecord,
} from '../../../src/hub/adapters/ngsi/normalize.ts';
import { ingestNgsiPayload } from '../../../src/hub/adapters/ngsi/route.ts';
import { parseDraft, type EventDraft } from '../../../src/shared/protocol/envelope.ts';
import { FakeSink } from './fakeSink.ts';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/ngsi/${name}`, import.meta.url), 'utf8'));

function record(raw: unknown): NgsiRecord {
  const r = normalizeEntity(raw, NGSI_TYPES);
  if (!r.ok) throw new Error(r.reason);
  return r.record;
}

function draft(raw: unknown): EventDraft {
  const d = ngsiDraft(record(raw));
  if ('reason' in d) throw new Error(d.reason);
  const checked = parseDraft(d);
  if (!checked.ok) throw new Error(checked.reason);
  return checked.value;
}

describe('NGSI-LD forms', () => {
  it('normalized and concise forms of one entity give the same record and the same event', () => {
    for (const base of ['traffic-flow', 'noise']) {
      const normalized = fixture(`${base}.normalized.jsonld`);
      const concise = fixture(`${base}.concise.jsonld`);
      expect(record(concise)).toEqual(record(normalized));
      expect(draft(concise)).toEqual(draft(normalized));
    }
  });

  it('unwraps Property, Relationship, LanguageProperty and DateTime values', () => {
    const r = record(fixture('traffic-flow.normalized.jsonld'));
    expect(r.attrs['averageVehicleSpeed']).toBe(38.5);
    expect(r.attrs['refRoadSegment']).toBe('urn:ngsi-ld:RoadSegment:ls-ql1a-12');
    expect(r.attrs['name']).toEqual({ vi: 'QL1A km12', en: 'National road 1A km 12' });
    expect(r.attrs['dateObserved']).toBe('2026-07-14T08:15:00Z');
    expect(r.attrs).not.toHaveProperty('@context');
  });

  it('picks the default instance of a multi-instance attribute', () => {
    expect(
      attributeValue([
        { type: 'Property', value: 2, datasetId: 'urn:a' },
        { type: 'Property', value: 1 },
      ]),
    ).toBe(1);
    // A plain array value is a value, not instances.
    expect(attributeValue(['public', 'feeCharged'])).toEqual(['public', 'feeCharged']);
  });

  it('normalises text to NFC where it enters', () => {
    const nfd = 'Ngã tư Trần Đăng Ninh'.normalize('NFD');
    const r = record({ id: 'urn:ngsi-ld:Camera:x', type: 'Camera', cameraName: nfd });
    expect(r.attrs['cameraName']).toBe(nfd.normalize('NFC'));
    expect(r.attrs['cameraName']).not.toBe(nfd);
  });

  it('accepts expanded and prefixed type names', () => {
    expect(shortName('https://smartdatamodels.org/dataModel.Transportation/TrafficFlowObserved')).toBe(
      'TrafficFlowObserved',
    );
    expect(shortName('sdm:Camera')).toBe('Camera');
    expect(shortName('LAeq_d')).toBe('LAeq_d');
  });

  it('accepts an entity, an array, or a notification', () => {
    expect(entitiesOf({ id: 'x', type: 'Camera' })).toEqual({
      ok: true,
      entities: [{ id: 'x', type: 'Camera' }],
    });
    expect(entitiesOf([1, 2])).toEqual({ ok: true, entities: [1, 2] });
    expect(entitiesOf({ type: 'Notification', data: [1] })).toEqual({ ok: true, entities: [1] });
    expect(entitiesOf({ type: 'Notification' })).toMatchObject({ ok: false });
    expect(entitiesOf('nope')).toMatchObject({ ok: false });
  });
});

describe('NGSI-LD type mapping', () => {
  it('maps a traffic flow onto the traffic stream with measures, geometry and kept attributes', () => {
    const d = draft(fixture('traffic-flow.concise.jsonld'));
    expect(d.type).toBe('flow.observed');
    expect(d.id).toBe('flow:ls-ql1a-km12-lane1');
    expect(d.data).toMatchObject({
      sourceType: 'TrafficFlowObserved',
      position: [106.7601, 21.8452],
      geometry: { type: 'LineString' },
      measures: { averageVehicleSpeed: 38.5, intensity: 212, occupancy: 0.41 },
      attrs: {
        congested: false,
        laneDirection: 'forward',
        refRoadSegment: 'urn:ngsi-ld:RoadSegment:ls-ql1a-12',
      },
      observedAt: Date.parse('2026-07-14T08:15:00Z'),
    });
  });

  it('uses sensor.reading when a noise entity fills it', () => {
    const d = draft(fixture('noise.concise.jsonld'));
    expect(d).toMatchObject({
      type: 'sensor.reading',
      id: 'noise:ls-noise-dongkinh',
      data: { kind: 'noise', laeqDb: 67.8, position: [106.7585, 21.8541], attrs: { LAmax: 88.1 } },
    });
  });

  it('maps a FIWARE Alert to an alert area with a CAP severity', () => {
    const d = draft(fixture('alert.normalized.jsonld'));
    expect(d.type).toBe('alert.issued');
    if (d.type !== 'alert.issued') return;
    expect(d.id).toBe('alert:ls-jam-0007');
    expect(d.data.severity).toBe('Severe');
    expect(d.data.infos[0]).toMatchObject({
      event: 'trafficJam',
      description: expect.stringContaining('Trần Đăng Ninh'),
    });
    expect(d.data.polygons).toHaveLength(1);
    expect(d.data.expires).toBe(Date.parse('2026-07-14T03:25:55Z'));
  });

  it('maps every entity of a mixed notification onto its stream and event type', () => {
    const payload = fixture('notification-mixed.json') as { data: unknown[] };
    const got = payload.data.map((e) => {
      const d = draft(e);
      return [d.type, d.id];
    });
    expect(got).toEqual([
      ['sensor.reading', 'air:ls-air-kylua'],
      ['sensor.observed', 'air:ls-air-partial'],
      ['sensor.observed', 'water:ls-kycung-1'],
      ['weather.observed', 'weather:ls-kttv'],
      ['camera.status', 'camera:ls-017'],
      ['parking.status', 'parking:ls-parking-chodongkinh'],
      ['streetlight.status', 'streetlight:ls-sl-0431'],
      ['device.status', 'device:ls-gauge-ctrl-3'],
      ['road.status', 'road:ls-ql1a-12'],
    ]);
    const camera = draft(payload.data[4]);
    expect(camera.data).toMatchObject({
      status: 'offline',
      attrs: { cameraType: 'PTZ', streamURL: 'rtsp://10.0.0.17/stream1' },
    });
    const parking = draft(payload.data[5]);
    expect(parking.data).toMatchObject({
      status: 'open',
      measures: { availableSpotNumber: 41 },
      attrs: { category: ['public', 'feeCharged'] },
    });
    const light = draft(payload.data[6]);
    expect(light.data).toMatchObject({ status: 'off', attrs: { status: 'defectiveLamp' } });
  });

  it('rejects unsupported types and non-entities with reasons, per item', () => {
    const sink = new FakeSink();
    const r = ingestNgsiPayload(sink, 'ngsi-ld', [
      { id: 'urn:ngsi-ld:Building:1', type: 'Building' },
      { type: 'Camera' },
      fixture('noise.concise.jsonld'),
    ]);
    if ('reason' in r) throw new Error(r.reason);
    expect(r).toMatchObject({ accepted: 1, rejected: 2 });
    expect(r.reasons).toEqual([
      expect.stringContaining('unsupported NGSI-LD type "Building"'),
      expect.stringContaining('not an NGSI-LD entity'),
    ]);
    expect(sink.sources.get('ngsi-ld')?.rejected).toHaveLength(2);
  });

  it('is idempotent across forms: the concise resend of a normalized entity is a duplicate', () => {
    const sink = new FakeSink();
    ingestNgsiPayload(sink, 'ngsi-ld', fixture('traffic-flow.normalized.jsonld'));
    const again = ingestNgsiPayload(sink, 'ngsi-ld', fixture('traffic-flow.concise.jsonld'));
    expect(again).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(sink.log).toHaveLength(1);
  });
});
