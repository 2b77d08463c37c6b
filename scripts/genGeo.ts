// Writes resources/geo/langson-basemap.json, the wall's offline basemap, from the demo city's own
// geometry (src/hub/demo/geometry.ts). Run: node scripts/genGeo.ts. A unit test fails if the committed
// file differs from what this produces, so re-run it after changing the geometry.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { basemapJson } from '../src/hub/demo/basemap.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'resources', 'geo', 'langson-basemap.json');
mkdirSync(dirname(out), { recursive: true });
const json = basemapJson();
writeFileSync(out, json);
console.log(`wrote ${out} (${(Buffer.byteLength(json) / 1024).toFixed(0)} KiB)`);
