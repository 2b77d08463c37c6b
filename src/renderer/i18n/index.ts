import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { vi } from './vi.ts';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'watchfloor.lang';

/** `?lang=en` wins (tests, a wall configured per screen), then the operator's last choice, then Vietnamese. */
export function initialLanguage(search: string, stored: string | null): Language {
  const fromUrl = new URLSearchParams(search).get('lang');
  if (fromUrl === 'vi' || fromUrl === 'en') return fromUrl;
  if (stored === 'vi' || stored === 'en') return stored;
  return 'vi';
}

export function createI18n(lng: Language): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng,
    fallbackLng: 'vi',
    resources: { vi: { translation: vi }, en: { translation: en } },
    // React escapes text itself; i18next must not double-escape feed-derived interpolations.
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  return instance;
}

export function rememberLanguage(lng: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Storage can be disabled (kiosk profiles); the toggle still works for this session.
  }
}

export function storedLanguage(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}
