import { describe, expect, it } from 'vitest';
import { en } from '../../../src/renderer/i18n/en.ts';
import { createI18n, initialLanguage } from '../../../src/renderer/i18n/index.ts';
import { vi } from '../../../src/renderer/i18n/vi.ts';
import { LEGENDS } from '../../../src/renderer/panels/legend.ts';
import { LAYER_IDS } from '../../../src/renderer/state/records.ts';
import { STREAMS } from '../../../src/shared/protocol/streams.ts';
import {
  ALARM_KINDS,
  CAP_SEVERITIES,
  INCIDENT_CATEGORIES,
  INCIDENT_STATUSES,
  REPORT_STATUSES,
  UNIT_STATUSES,
  UNIT_TYPES,
} from '../../../src/shared/protocol/eventData.ts';

function flatten(tree: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else if (v && typeof v === 'object') for (const [kk, vv] of flatten(v as object, key)) out.set(kk, vv);
  }
  return out;
}

const viKeys = flatten(vi);
const enKeys = flatten(en);

describe('i18n', () => {
  it('both languages have exactly the same keys, none empty', () => {
    expect([...enKeys.keys()].sort()).toEqual([...viKeys.keys()].sort());
    for (const [k, v] of [...viKeys, ...enKeys]) expect(v.trim(), k).not.toBe('');
  });

  it('interpolation placeholders match between languages', () => {
    const vars = (s: string): string[] => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();
    for (const [k, v] of viKeys) expect(vars(enKeys.get(k) ?? ''), k).toEqual(vars(v));
  });

  it('every enum value the feed can carry has a label', () => {
    const need = [
      ...LAYER_IDS.map((l) => `layers.${l}`),
      ...STREAMS.map((s) => `streams.${s}`),
      ...ALARM_KINDS.map((k) => `alarmKind.${k}`),
      ...CAP_SEVERITIES.map((k) => `capSeverity.${k}`),
      ...INCIDENT_CATEGORIES.map((k) => `incidentCategory.${k}`),
      ...INCIDENT_STATUSES.map((k) => `incidentStatus.${k}`),
      ...REPORT_STATUSES.map((k) => `reportStatus.${k}`),
      ...UNIT_TYPES.map((k) => `unitType.${k}`),
      ...UNIT_STATUSES.map((k) => `unitStatus.${k}`),
      ...Object.values(LEGENDS).flatMap((entries) => entries.map((e) => e.key)),
    ];
    for (const key of need) {
      expect(viKeys.has(key), `vi ${key}`).toBe(true);
      expect(enKeys.has(key), `en ${key}`).toBe(true);
    }
  });

  it('Vietnamese by default, English on request', () => {
    expect(initialLanguage('', null)).toBe('vi');
    expect(initialLanguage('?lang=en', 'vi')).toBe('en');
    expect(initialLanguage('', 'en')).toBe('en');
    const i18n = createI18n('vi');
    expect(i18n.t('feed.ageMinutes', { n: 2 })).toBe('2 phút trước');
    void i18n.changeLanguage('en');
    expect(i18n.t('feed.ageMinutes', { n: 2 })).toBe('2 min old');
    expect(i18n.t('feed.offlineSince', { time: '14:32' })).toBe('offline since 14:32');
  });

  it('Vietnamese strings are NFC (decomposed marks fall back to another font)', () => {
    for (const [k, v] of viKeys) expect(v, k).toBe(v.normalize('NFC'));
  });
});
