import type { Basemap } from '../layers/basemap.ts';

// A glob, not a plain import: the demo city generates this file, and a wall built before it exists
// must still start (with an empty basemap) instead of failing the build. Lazy, so the JSON is its own
// chunk and parses off the first script.
const modules = import.meta.glob<Basemap>('../../../resources/geo/langson-basemap.json', {
  import: 'default',
});

export async function loadBasemap(): Promise<Basemap | null> {
  const load = Object.values(modules)[0];
  if (!load) return null;
  try {
    return await load();
  } catch (err) {
    console.warn('basemap failed to load', err);
    return null;
  }
}
