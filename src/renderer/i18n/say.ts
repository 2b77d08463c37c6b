import type { TFunction } from 'i18next';
import type { Phrase } from '../domain/freshness.ts';

/** Translates a phrase built by pure code (no i18next there, so it stays testable without React). */
export function say(t: TFunction, p: Phrase): string {
  return p.params ? t(p.key, p.params) : t(p.key);
}
