/// <reference types="vite/client" />
import type { Language, Locale, MessageTree } from './locale';

// Adding a language is one file in locales/ plus one per feature; adding a feature's texts is one
// file per language in features/<feature>/locales/. Every file is picked up here.
const bases = import.meta.glob<Locale<MessageTree>>('./locales/*.ts', { eager: true, import: 'default' });
const features = import.meta.glob<MessageTree>(['../features/*/locales/*.ts', '../shell/locales/*.ts'], {
  eager: true,
  import: 'default',
});

/** Deep merge; two files giving the same text key is a mistake, refused at start. */
function merge(into: MessageTree, from: MessageTree, where: string): void {
  for (const [key, value] of Object.entries(from)) {
    const existing = into[key];
    if (typeof value === 'string') {
      if (existing !== undefined) throw new Error(`text ${where}${key} is defined twice`);
      into[key] = value;
    } else {
      if (typeof existing === 'string') throw new Error(`text ${where}${key} is defined twice`);
      const branch: MessageTree = existing ?? {};
      merge(branch, value, `${where}${key}.`);
      into[key] = branch;
    }
  }
}

function languageOf(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1, -'.ts'.length);
}

function build(base: Locale<MessageTree>): Locale<MessageTree> {
  const messages: MessageTree = {};
  merge(messages, base.messages, '');
  for (const [file, tree] of Object.entries(features)) {
    if (languageOf(file) === base.code) merge(messages, tree, '');
  }
  return { ...base, messages };
}

export const LOCALES: readonly Locale<MessageTree>[] = Object.values(bases)
  .map(build)
  .sort((a, b) => (a.code === 'en' ? -1 : b.code === 'en' ? 1 : a.code.localeCompare(b.code)));

/** Feature text files whose language has no base file (a typo in a file name), for the tests. */
export const ORPHAN_TEXT_FILES: readonly string[] = Object.keys(features).filter(
  (file) => !LOCALES.some((l) => l.code === (languageOf(file) as Language)),
);

export const FALLBACK_LANGUAGE = 'en';
