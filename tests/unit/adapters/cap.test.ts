import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { capAlertId, capDrafts } from '../../../src/hub/adapters/cap/drafts.ts';
import { circleRing, parseCircle, parsePolygon } from '../../../src/hub/adapters/cap/geometry.ts';
import {
  parseCapDocument,
  parseReferences,
  type CapItem,
  type CapMessage,
} from '../../../src/hub/adapters/cap/parseCap.ts';
import { ingestCapItems } from '../../../src/hub/adapters/cap/route.ts';
import { alertIssuedData } from '../../../src/shared/protocol/eventData.ts';
import { FakeSink } from './fakeSink.ts';

const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/cap/${name}`, import.meta.url));

function parseOne(name: string): CapMessage {
  const doc = parseCapDocument(fixture(name));
  if (!doc.ok) throw new Error(doc.reason);
  const item = doc.value[0];
  if (!item?.ok) throw new Error(item ? item.reason : 'no item');
  return item.message;
}

function items(name: string): CapItem[] {
  const doc = parseCapDocument(fixture(name));
  if (!doc.ok) throw new Error(doc.reason);
  return doc.value;
}

describe('CAP geometry', () => {
  it('turns "lat,lon" polygons into [lon, lat] rings and closes open ones', () => {
    const r = parsePolygon('21.84,106.75 21.86,106.75 21.86,106.78');
    expect(r).toEqual({
      ring: [
        [106.75, 21.84],
        [106.75, 21.86],
        [106.78, 21.86],
        [106.75, 21.84],
      ],
    });
  });

  it('tolerates "+" signs and trailing commas seen in real messages', () => {
    const r = parsePolygon('+41.12,-117.61 +41.06,-117.47 +40.85,-118.09, +41.12,-117.61');
    expect('ring' in r && r.ring[2]).toEqual([-118.09, 40.85]);
  });

  it('refuses a malformed point with the token in the reason', () => {
    expect(parsePolygon('21.8,106.7 abc 21.9,106.8')).toEqual({ reason: expect.stringContaining('"abc"') });
  });

  it('approximates a circle: every vertex at the radius from the centre', () => {
    const r = parseCircle('21.853,106.761 2.5');
    if (!('ring' in r)) throw new Error(r.reason);
    expect(r.ring[0]).toEqual(r.ring[r.ring.length - 1]);
    for (const [lon, lat] of r.ring) {
      // Equirectangular distance is precise enough at 2.5 km.
      const dx = (lon - 106.761) * 111.32 * Math.cos((21.853 * Math.PI) / 180);
      const dy = (lat - 21.853) * 110.57;
      expect(Math.hypot(dx, dy)).toBeGreaterThan(2.45);
      expect(Math.hypot(dx, dy)).toBeLessThan(2.55);
    }
  });

  it('gives a radius-0 circle a small visible area and rejects nonsense', () => {
    const ring = circleRing([106.95, 21.88], 0.05);
    expect(ring.length).toBeGreaterThan(10);
    expect(parseCircle('21.88,106.95')).toHaveProperty('reason');
    expect(parseCircle('21.88,106.95 -1')).toHaveProperty('reason');
  });
});

describe('CAP parsing', () => {
  it('reads every info block (vi and en), polygon + circle, geocodes and the time window', () => {
    const m = parseOne('alert-vi-en.xml');
    expect(m.identifier).toBe('LS-KTTV-2026-0042');
    expect(m.infos.map((i) => i.language)).toEqual(['vi-VN', 'en-US']);
    expect(m.infos[0]?.event).toBe('Lũ trên sông Kỳ Cùng');
    expect(m.infos[0]?.areaDesc).toBe('Phường Đông Kinh; Phường Tam Thanh');
    expect(m.infos[1]?.headline).toContain('alarm level II');
    expect(m.severity).toBe('Severe');
    expect(m.urgency).toBe('Expected');
    expect(m.certainty).toBe('Likely');
    // The same polygon and circle in both languages are one area each.
    expect(m.polygons).toHaveLength(2);
    expect(m.polygons[0]?.[0]).toEqual([106.75, 21.84]);
    expect(m.geocodes).toEqual([{ valueName: 'VN-ADMIN', value: '20' }]);
    expect(m.sent).toBe(Date.parse('2026-07-13T23:30:00Z'));
    expect(m.effective).toBe(Date.parse('2026-07-14T00:00:00Z'));
    expect(m.expires).toBe(Date.parse('2026-07-15T00:00:00Z'));
  });

  it('produces data the protocol schema accepts', () => {
    const [draft] = capDrafts(parseOne('alert-vi-en.xml'));
    expect(draft?.type).toBe('alert.issued');
    expect(draft?.id).toBe(capAlertId('kttv@langson.example.vn', 'LS-KTTV-2026-0042'));
    expect(alertIssuedData.safeParse(draft?.data).success).toBe(true);
  });

  it('tolerates a UTF-8 BOM', () => {
    expect(parseOne('bom.xml').infos[0]?.event).toBe('Lũ trên sông Kỳ Cùng');
  });

  it('decodes a declared ISO-8859-1 body and folds CAP 1.1 "Very Likely" into Likely', () => {
    const m = parseOne('latin1.xml');
    expect(m.infos[0]?.headline).toBe('EQ 4.6 Usulután, El Salvador');
    expect(m.infos[0]?.language).toBe('en-US');
    expect(m.certainty).toBe('Likely');
  });

  it('reads a cap:-prefixed root the same as a default-namespace one', () => {
    const m = parseOne('prefixed.xml');
    expect(m.identifier).toBe('LS-PCCC-7781');
    expect(m.infos[0]?.event).toBe('Cháy rừng');
    expect(m.polygons).toHaveLength(1);
  });

  it('ignores an XML signature and keeps the status', () => {
    const m = parseOne('signed.xml');
    expect(m.status).toBe('Test');
    expect(m.geocodes).toHaveLength(1);
  });

  it('rejects invalid XML with the position of the error', () => {
    const r = parseCapDocument(fixture('invalid.xml'));
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/^invalid XML at line \d+, column \d+/) });
  });

  it('refuses a DOCTYPE before any entity can be expanded', () => {
    const r = parseCapDocument(fixture('doctype.xml'));
    expect(r).toEqual({ ok: false, reason: expect.stringContaining('DOCTYPE') });
  });

  it('refuses an alert outside the CAP namespace', () => {
    expect(items('wrong-namespace.xml')[0]).toMatchObject({
      ok: false,
      reason: expect.stringContaining('namespace'),
    });
  });

  it('refuses bytes that are not valid UTF-8 when no other encoding is declared', () => {
    const bytes = Buffer.concat([Buffer.from('<alert>'), Buffer.from([0xc3, 0x28]), Buffer.from('</alert>')]);
    expect(parseCapDocument(bytes)).toEqual({
      ok: false,
      reason: expect.stringContaining('not valid UTF-8'),
    });
  });

  it('reports missing required fields per alert', () => {
    const xml = fixture('alert-vi-en.xml')
      .toString('utf8')
      .replaceAll('<severity>Severe</severity>', '<severity></severity>');
    expect(parseCapDocument(Buffer.from(xml))).toMatchObject({
      ok: true,
      value: [{ ok: false, reason: expect.stringContaining('severity') }],
    });
  });

  it('treats an empty <references/> as absent on an Alert but refuses an Update without references', () => {
    const xml = fixture('alert-vi-en.xml')
      .toString('utf8')
      .replace('<scope>Public</scope>', '<scope>Public</scope><references/>');
    expect(parseCapDocument(Buffer.from(xml))).toMatchObject({ ok: true, value: [{ ok: true }] });
    const update = xml.replace('<msgType>Alert</msgType>', '<msgType>Update</msgType>');
    expect(parseCapDocument(Buffer.from(update))).toMatchObject({
      ok: true,
      value: [{ ok: false, reason: 'CAP Update without references' }],
    });
  });

  it('refuses hostile sizes cheaply: too many tags, too many info blocks', () => {
    const deep = Buffer.from('<a>'.repeat(20_000) + '</a>'.repeat(20_000));
    expect(parseCapDocument(deep)).toEqual({
      ok: false,
      reason: expect.stringContaining('more than 10000 tags'),
    });
    const info =
      '<info><event>e</event><urgency>Past</urgency><severity>Minor</severity><certainty>Observed</certainty></info>';
    const many = fixture('alert-vi-en.xml')
      .toString('utf8')
      .replace('<info>', `${info.repeat(60)}<info>`);
    expect(parseCapDocument(Buffer.from(many))).toMatchObject({
      ok: true,
      value: [{ ok: false, reason: expect.stringContaining('more than 50 info blocks') }],
    });
  });

  it('parses reference triples and refuses broken ones', () => {
    expect(parseReferences('a@b,ID-1,2026-01-01T00:00:00Z c@d,ID-2,2026-01-02T00:00:00Z')).toHaveLength(2);
    expect(parseReferences('')).toBeUndefined();
    expect(parseReferences('only,two')).toBeUndefined();
  });
});

describe('CAP Update and Cancel', () => {
  it('an Update removes the alert it references and issues the new one; a Cancel removes that', () => {
    const sink = new FakeSink();
    const first = ingestCapItems(sink, 'cap', items('alert-vi-en.xml'));
    expect(first.accepted).toBe(1);
    const oldId = capAlertId('kttv@langson.example.vn', 'LS-KTTV-2026-0042');
    const newId = capAlertId('kttv@langson.example.vn', 'LS-KTTV-2026-0043');

    const update = ingestCapItems(sink, 'cap', items('update.xml'));
    expect(update.accepted).toBe(2);
    expect(sink.latest('alerts', oldId)).toBeUndefined();
    expect(sink.log.at(-2)).toMatchObject({
      type: 'alert.removed',
      id: oldId,
      data: { reason: expect.stringContaining('updated by LS-KTTV-2026-0043') },
    });
    expect(sink.latest('alerts', newId)).toMatchObject({
      type: 'alert.issued',
      data: { msgType: 'Update', severity: 'Extreme' },
    });

    const cancel = ingestCapItems(sink, 'cap', items('cancel.xml'));
    expect(cancel.accepted).toBe(1);
    expect(sink.latest('alerts', newId)).toBeUndefined();
    expect(sink.log.at(-1)).toMatchObject({
      type: 'alert.removed',
      id: newId,
      data: { reason: expect.stringContaining('cancelled') },
    });
    // The same Update and Cancel again change nothing.
    expect(ingestCapItems(sink, 'cap', items('update.xml'))).toMatchObject({ accepted: 1 });
    expect(ingestCapItems(sink, 'cap', items('cancel.xml'))).toMatchObject({ accepted: 1 });
    expect(ingestCapItems(sink, 'cap', items('cancel.xml'))).toMatchObject({ accepted: 0, duplicates: 1 });
  });

  it('is idempotent: the same message twice is one event, reported as a duplicate', () => {
    const sink = new FakeSink();
    ingestCapItems(sink, 'cap', items('alert-vi-en.xml'));
    const again = ingestCapItems(sink, 'cap', items('alert-vi-en.xml'));
    expect(again).toMatchObject({ accepted: 0, duplicates: 1, rejected: 0 });
    expect(sink.log).toHaveLength(1);
  });

  it('a Cancel of an alert the hub never held makes no event', () => {
    const sink = new FakeSink();
    expect(ingestCapItems(sink, 'cap', items('cancel.xml'))).toMatchObject({
      accepted: 0,
      duplicates: 1,
      rejected: 0,
    });
    expect(sink.log).toHaveLength(0);
  });
});
