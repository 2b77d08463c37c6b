// Every real example under ../shared/data (CAP, FIWARE, Open311) through the adapters' parsers. The folder
// is not part of the project: where it is absent (a user's fresh clone) these tests are skipped.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capDrafts } from '../../src/hub/adapters/cap/drafts.ts';
import { feedEntries } from '../../src/hub/adapters/cap/feed.ts';
import { parseCapDocument } from '../../src/hub/adapters/cap/parseCap.ts';
import { decodeXml, parseXml } from '../../src/hub/adapters/cap/xml.ts';
import { NGSI_TYPES, ngsiDraft } from '../../src/hub/adapters/ngsi/mapping.ts';
import { normalizeEntity } from '../../src/hub/adapters/ngsi/normalize.ts';
import { lenientJsonParse } from '../../src/hub/adapters/open311/lenientJson.ts';
import { reportDraft, slaPolicy } from '../../src/hub/adapters/open311/requests.ts';
import { parseDraft } from '../../src/shared/protocol/envelope.ts';

const DATA = resolve(import.meta.dirname, '../../../shared/data');
const CAP = join(DATA, 'cap-1.2');
const FIWARE = join(DATA, 'fiware-smart-data-models');
const OPEN311 = join(DATA, 'open311-georeport-v2');
const files = (dir: string): string[] => readdirSync(dir).sort();
/** `describe`, or `describe.skip` with the reason in the title where the reference folder is absent. */
function suite(dir: string, title: string, body: () => void): void {
  if (existsSync(dir)) describe(title, body);
  else
    describe.skip(`${title} — skipped: ${dir} not found (reference data is not part of the project)`, body);
}

/** Parses a CAP document and turns every alert into drafts the protocol accepts; returns per-alert outcomes. */
function capOutcomes(path: string): { documentReason?: string; accepted: number; reasons: string[] } {
  const doc = parseCapDocument(readFileSync(path));
  if (!doc.ok) return { documentReason: doc.reason, accepted: 0, reasons: [] };
  let accepted = 0;
  const reasons: string[] = [];
  for (const item of doc.value) {
    if (!item.ok) {
      reasons.push(item.reason);
      continue;
    }
    for (const draft of capDrafts(item.message)) {
      const checked = parseDraft(draft);
      if (!checked.ok) throw new Error(`${path}: ${checked.reason}`);
    }
    accepted++;
  }
  return { accepted, reasons };
}

suite(CAP, 'real CAP 1.2 messages (../shared/data/cap-1.2)', () => {
  it('accepts every OASIS spec example', () => {
    for (const f of files(join(CAP, 'spec-examples'))) {
      expect(capOutcomes(join(CAP, 'spec-examples', f)), f).toMatchObject({
        accepted: expect.any(Number),
        reasons: [],
      });
      expect(capOutcomes(join(CAP, 'spec-examples', f)).accepted, f).toBeGreaterThan(0);
    }
  });

  it('accepts every real agency alert (BOM, ISO-8859-1, cap: prefix, signatures, EDXL-DE, collections) but one with no info', () => {
    for (const f of files(join(CAP, 'real-alerts'))) {
      const out = capOutcomes(join(CAP, 'real-alerts', f));
      if (f === 'minimal_no_optional_fields.cap') {
        // An Alert without any <info> has nothing to draw.
        expect(out.reasons, f).toEqual(['CAP alert has no <info> block']);
      } else {
        expect(out.documentReason, f).toBeUndefined();
        expect(out.reasons, f).toEqual([]);
        expect(out.accepted, f).toBeGreaterThan(0);
      }
    }
  });

  it('rejects the broken inputs with reasons', () => {
    // Documented exceptions: a Cancel needs no <info> (CAP 1.2 §3.2.2), and weather_invalid.atom breaks
    // Atom rules while the CAP it embeds is valid.
    const accepted = new Set(['no_info_tag.cap', 'weather_invalid.atom']);
    for (const f of files(join(CAP, 'negative'))) {
      const out = capOutcomes(join(CAP, 'negative', f));
      if (accepted.has(f)) expect(out.accepted, f).toBeGreaterThan(0);
      else {
        expect(out.accepted, f).toBe(0);
        expect(out.documentReason ?? out.reasons[0], f).toEqual(expect.any(String));
      }
    }
  });

  it('reads every Atom/RSS feed: each entry embeds a usable alert or links to one', () => {
    for (const f of files(join(CAP, 'feeds'))) {
      const decoded = decodeXml(readFileSync(join(CAP, 'feeds', f)));
      if (f === 'pelmorex.atom') {
        // Declares UTF-8 but carries Latin-1 bytes: refused rather than guessed.
        expect(decoded).toMatchObject({ ok: false, reason: expect.stringContaining('UTF-8') });
        continue;
      }
      if (!decoded.ok) throw new Error(`${f}: ${decoded.reason}`);
      const doc = parseXml(decoded.value);
      if (!doc.ok) throw new Error(`${f}: ${doc.reason}`);
      const entries = feedEntries(doc.value, 'http://feed.example/');
      if (!Array.isArray(entries)) throw new Error(`${f}: not read as a feed`);
      for (const e of entries)
        expect(e.embedded.some((i) => i.ok) || e.link !== undefined, `${f} ${e.key}`).toBe(true);
      if (f !== 'empty_weather_index.atom') expect(entries.length, f).toBeGreaterThan(0);
    }
  });
});

const FIWARE_TYPES: Record<string, string> = {
  'Transportation/TrafficFlowObserved': 'flow.observed',
  'Transportation/RoadSegment': 'road.status',
  'Environment/AirQualityObserved': 'sensor.observed',
  'WaterQuality/WaterQualityObserved': 'sensor.observed',
  'Environment/NoiseLevelObserved': 'sensor.reading',
  'Weather/WeatherObserved': 'weather.observed',
  'Alert/Alert': 'alert.issued',
  'Device/Device': 'device.status',
  'Device/Camera': 'camera.status',
  'Parking/OffStreetParking': 'parking.status',
  'Streetlighting/Streetlight': 'streetlight.status',
};

suite(FIWARE, 'real FIWARE Smart Data Models examples (NGSI-LD)', () => {
  it('maps the concise and normalized example of every supported type onto its event', () => {
    for (const [dir, type] of Object.entries(FIWARE_TYPES)) {
      for (const f of ['example.jsonld', 'example-normalized.jsonld']) {
        const raw: unknown = JSON.parse(readFileSync(join(FIWARE, dir, 'examples', f), 'utf8'));
        const n = normalizeEntity(raw, NGSI_TYPES);
        if (!n.ok) throw new Error(`${dir}/${f}: ${n.reason}`);
        const draft = ngsiDraft(n.record);
        if ('reason' in draft) throw new Error(`${dir}/${f}: ${draft.reason}`);
        const checked = parseDraft(draft);
        expect(checked.ok ? checked.value.type : checked.reason, `${dir}/${f}`).toBe(type);
      }
    }
  });

  it('rejects types it has no mapping for, with the type in the reason', () => {
    const raw: unknown = JSON.parse(
      readFileSync(join(FIWARE, 'Transportation/RoadAccident/examples/example.jsonld'), 'utf8'),
    );
    expect(normalizeEntity(raw, NGSI_TYPES)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('RoadAccident'),
    });
  });
});

suite(OPEN311, 'real Open311 GeoReport v2 spec examples', () => {
  const examples = join(OPEN311, 'spec-examples');
  const sla = slaPolicy({});

  it('parses the spec JSON, invalid numbers included, and keeps zero-padded codes as strings', () => {
    const list = lenientJsonParse(readFileSync(join(examples, 'json-service-list.json'), 'utf8'));
    expect(list).toMatchObject({
      ok: true,
      value: [{ service_code: '001' }, { service_code: '002' }, { service_code: '003' }],
    });
  });

  it('turns the spec service requests into reports with string ids', () => {
    for (const f of ['json-service-requests.json', 'json-service-request.json']) {
      const parsed = lenientJsonParse(readFileSync(join(examples, f), 'utf8'));
      if (!parsed.ok) throw new Error(parsed.reason);
      for (const raw of parsed.value as unknown[]) {
        const r = reportDraft(raw, { sla, latest: () => undefined });
        if (!('draft' in r)) throw new Error(`${f}: ${r.reason}`);
        expect(parseDraft(r.draft).ok, f).toBe(true);
        expect(r.draft.data).toMatchObject({
          externalId: expect.stringMatching(/^\d+$/),
          attrs: { service_code: '006' },
        });
      }
    }
  });

  it('refuses answers that are not service requests (token and POST replies)', () => {
    for (const f of ['json-request-from-token.json', 'json-service-request-post.json']) {
      const parsed = lenientJsonParse(readFileSync(join(examples, f), 'utf8'));
      if (!parsed.ok) throw new Error(parsed.reason);
      for (const raw of parsed.value as unknown[])
        expect(reportDraft(raw, { sla, latest: () => undefined }), f).toHaveProperty('reason');
    }
  });
});
