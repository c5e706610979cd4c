import type { LANGUAGES } from '../../../shared/domain';
import type { Messages } from './locales/en';

export type Language = (typeof LANGUAGES)[number];

/** One language of the screens: a single file under locales/, found by locales.ts. */
export interface Locale {
  code: Language;
  /** The language's name in itself, as the language picker shows it. */
  nativeName: string;
  messages: Messages;
}
