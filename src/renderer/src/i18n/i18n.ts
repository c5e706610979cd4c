import i18next, { type i18n } from 'i18next';
import { FALLBACK_LANGUAGE, LOCALES } from './locales';
import type { Language } from './locale';

/** One i18next instance per app (tests make their own); resources are bundled, so it is ready at once. */
export function createI18n(language: Language = FALLBACK_LANGUAGE): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: language,
    fallbackLng: FALLBACK_LANGUAGE,
    resources: Object.fromEntries(LOCALES.map((l) => [l.code, { translation: l.messages }])),
    // React escapes what it renders; escaping here too would show "&quot;" on screen.
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  return instance;
}
