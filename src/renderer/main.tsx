import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/600.css';
import '@fontsource/be-vietnam-pro/700.css';
import './styles.css';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { bridge } from './bridge.ts';
import { createI18n, initialLanguage, storedLanguage } from './i18n/index.ts';
import { App } from './wall/App.tsx';
import { setAppState } from './wall/readiness.ts';
import { parsePreset, parseScreen } from './wall/screen.ts';

// Latin and Vietnamese in one sample: canvas text (deck.gl's glyph atlas) is rasterised once with
// whatever font is loaded at that moment and never redrawn when the font arrives later.
const FONT_SAMPLE = 'Đđ ạảãáàậụự ỹ Lạng Sơn Kỳ Lừa AQI 0123456789';

async function loadFonts(): Promise<void> {
  try {
    await Promise.all([
      document.fonts.load('400 24px "Be Vietnam Pro"', FONT_SAMPLE),
      document.fonts.load('600 24px "Be Vietnam Pro"', FONT_SAMPLE),
      document.fonts.load('700 24px "Be Vietnam Pro"', FONT_SAMPLE),
    ]);
  } catch (err) {
    // A wall with a fallback font is better than no wall; the e2e test checks the font separately.
    console.warn('font preload failed', err);
  }
}

async function start(): Promise<void> {
  setAppState('loading');
  await loadFonts();
  const lng = initialLanguage(location.search, storedLanguage());
  document.documentElement.lang = lng;
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  const screen = parseScreen(location.search);
  createRoot(root).render(
    <I18nextProvider i18n={createI18n(lng)}>
      <App bridge={bridge} screen={screen} preset={parsePreset(location.search, screen)} />
    </I18nextProvider>,
  );
}

void start();
