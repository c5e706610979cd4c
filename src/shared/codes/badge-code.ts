import { mod37_36CheckCharacter } from './check-digits';
import { DEFAULT_OWN_CODE_RULES, makeBadge } from './own-codes';

/**
 * Staff badges, in the recogniser's own-code format (own-codes.ts): `BADGE-` + an id of 2–16
 * letters/digits + `-` + its ISO/IEC 7064 MOD 37,36 check character, e.g. `BADGE-MEI01-0`. The
 * prefix keeps a badge from ever being taken for a parcel label; the check character catches a
 * misread or a mistyped badge before anyone is looked up.
 */
export const BADGE_PREFIX = DEFAULT_OWN_CODE_RULES.badge.prefix;
export const BADGE_ID_MIN = 2;
export const BADGE_ID_MAX = 16;
/** Shortest and longest badge text: prefix + id + `-` + check character. */
export const BADGE_MIN_LENGTH = BADGE_PREFIX.length + BADGE_ID_MIN + 2;
export const BADGE_MAX_LENGTH = BADGE_PREFIX.length + BADGE_ID_MAX + 2;

/** The badge text for a badge id (what a supervisor prints on the card). */
export function makeBadgeCode(id: string): string {
  return makeBadge(id);
}

/**
 * Whether a normalised scan is meant as a badge: anything with the prefix, valid or not — it is
 * never a parcel label, so it must never be recorded as one.
 */
export function looksLikeBadge(code: string): boolean {
  return code.toUpperCase().startsWith(BADGE_PREFIX);
}

export type BadgeVerdict = { ok: true; code: string } | { ok: false; reason: 'format' | 'check_character' };

/** Reads what a scanner or a person typed as a badge: trimmed, upper-cased, format and check character. */
export function parseBadge(raw: string): BadgeVerdict {
  const code = raw
    .replace(/[\r\n\t]+$/u, '')
    .trim()
    .toUpperCase();
  if (!code.startsWith(BADGE_PREFIX)) return { ok: false, reason: 'format' };
  const m = /^([A-Z0-9]{2,16})-([0-9A-Z])$/.exec(code.slice(BADGE_PREFIX.length));
  if (!m?.[1] || !m[2]) return { ok: false, reason: 'format' };
  return mod37_36CheckCharacter(m[1]) === m[2]
    ? { ok: true, code }
    : { ok: false, reason: 'check_character' };
}
