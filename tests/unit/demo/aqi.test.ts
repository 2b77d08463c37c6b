import { describe, expect, it } from 'vitest';
import { subIndex, vnAqi } from '../../../src/hub/demo/aqi.ts';

describe('VN_AQI (1459/QĐ-TCMT)', () => {
  it('maps breakpoints to their index values', () => {
    expect(subIndex('pm25', 25)).toBe(50);
    expect(subIndex('pm25', 50)).toBe(100);
    expect(subIndex('pm10', 150)).toBe(100);
    expect(subIndex('o3', 200)).toBe(100);
    expect(subIndex('no2', 100)).toBe(50);
    expect(subIndex('co', 30_000)).toBe(100);
  });

  it('interpolates within a band and caps at 500', () => {
    expect(subIndex('pm25', 37.5)).toBeCloseTo(75, 5);
    expect(subIndex('pm25', 65)).toBeCloseTo(125, 5);
    expect(subIndex('pm25', 9999)).toBe(500);
    expect(subIndex('pm25', 0)).toBe(0);
  });

  it('takes the worst pollutant', () => {
    expect(vnAqi({ pm25: 10, pm10: 20, no2: 30, o3: 180, co: 500 })).toBe(75);
    expect(vnAqi({ pm25: 65, pm10: 20, no2: 30, o3: 40, co: 500 })).toBe(125);
  });
});
