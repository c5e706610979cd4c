/// <reference types="vite/client" />
import type { Locale } from './locale';

// Adding a language is adding one file to locales/: every file there is picked up here.
const modules = import.meta.glob<Locale>('./locales/*.ts', { eager: true, import: 'default' });

export const LOCALES: readonly Locale[] = Object.values(modules).sort((a, b) =>
  a.code === 'en' ? -1 : b.code === 'en' ? 1 : a.code.localeCompare(b.code),
);

export const FALLBACK_LANGUAGE = 'en';
