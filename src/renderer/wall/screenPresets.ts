import { LAYER_IDS, type LayerId } from '../state/records.ts';
import type { ScreenPreset } from './screen.ts';

export interface ViewState {
  longitude: number;
  latitude: number;
  zoom: number;
  pitch: number;
  bearing: number;
}

/** Lạng Sơn city centre (Kỳ Lừa – Đông Kinh). */
export const CITY_CENTRE = { longitude: 106.761, latitude: 21.853 };
/** Width of the layer panel on the left (styles.css .layerpanel, with its margin). */
const LEFT_PANEL_PX = 460;

/**
 * A camera with (longitude, latitude) in the middle of the map the layer panel leaves visible, not under
 * the panel: shifted west by half the panel's width (deck.gl's MapView ignores viewport padding).
 */
export function viewCentredOn(longitude: number, latitude: number, zoom: number): ViewState {
  const degPerPx = 360 / (512 * 2 ** zoom);
  return { longitude: longitude - (LEFT_PANEL_PX / 2) * degPerPx, latitude, zoom, pitch: 0, bearing: 0 };
}

function only(...layers: LayerId[]): Record<LayerId, boolean> {
  return Object.fromEntries(LAYER_IDS.map((l) => [l, layers.includes(l)])) as Record<LayerId, boolean>;
}

/**
 * One display per concern, as an operations room splits its wall: the whole city; traffic and the units
 * that respond to it; cameras and their alarms; air, water and noise with disaster alerts. Each keeps
 * incidents or alerts where they matter to its operator. The operator can still switch any layer.
 */
export const PRESETS: Record<ScreenPreset, { visible: Record<LayerId, boolean>; view: ViewState }> = {
  overview: { visible: only(...LAYER_IDS), view: viewCentredOn(CITY_CENTRE.longitude, CITY_CENTRE.latitude, 13.5) },
  traffic: { visible: only('traffic', 'units', 'incidents', 'reports', 'alerts'), view: viewCentredOn(CITY_CENTRE.longitude, CITY_CENTRE.latitude, 14) },
  security: { visible: only('cameras', 'alarms', 'units', 'incidents'), view: viewCentredOn(CITY_CENTRE.longitude, CITY_CENTRE.latitude, 14.2) },
  // The stations spread further out than the centre's streets (106.75–106.80 E, 21.84–21.89 N).
  environment: { visible: only('air', 'water', 'noise', 'alerts', 'reports'), view: viewCentredOn(106.775, 21.864, 13.3) },
};
