import type { LANGUAGES } from '../../../shared/domain';

export type Language = (typeof LANGUAGES)[number];

/** A tree of texts: every leaf a string, with {{param}} placeholders. */
export interface MessageTree {
  [key: string]: string | MessageTree;
}

/** One language of the screens: the shared texts in locales/<code>.ts, merged with every feature's. */
export interface Locale<M = MessageTree> {
  code: Language;
  /** The language's name in itself, as the language picker shows it. */
  nativeName: string;
  messages: M;
}
