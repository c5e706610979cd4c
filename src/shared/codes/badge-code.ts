/**
 * Staff badges: `BADGE-` + 4–16 letters/digits + one ISO/IEC 7064 MOD 37,36 check character
 * (hybrid system, alphabet 0–9A–Z), e.g. `BADGE-10017`. The prefix keeps a badge from ever being
 * taken for a parcel label; the check character catches a misread or a mistyped badge number.
 */
export const BADGE_PREFIX = 'BADGE-';
export const BADGE_BODY_MIN = 4;
export const BADGE_BODY_MAX = 16;
/** Prefix + longest body + check character. */
export const BADGE_MAX_LENGTH = BADGE_PREFIX.length + BADGE_BODY_MAX + 1;

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const M = 36;

function valueOf(ch: string): number {
  return ALPHABET.indexOf(ch);
}

/** The ISO 7064 MOD 37,36 check character of `body` (digits and upper-case letters). */
export function badgeCheckCharacter(body: string): string {
  if (!/^[0-9A-Z]+$/.test(body)) throw new RangeError('a badge body is digits and upper-case letters');
  let p = M;
  for (const ch of body) {
    let s = (p + valueOf(ch)) % M;
    if (s === 0) s = M;
    p = (s * 2) % (M + 1);
  }
  return ALPHABET.charAt((M + 1 - p) % M);
}

/** True when `text` (ASCII, upper-cased, check character last) passes the MOD 37,36 check. */
export function passesMod3736(text: string): boolean {
  if (text.length < 2 || !/^[0-9A-Z]+$/.test(text)) return false;
  return badgeCheckCharacter(text.slice(0, -1)) === text.slice(-1);
}

/** A badge code for a badge number (what a supervisor prints); the number must fit the body rules. */
export function makeBadgeCode(body: string): string {
  const upper = body.toUpperCase();
  if (upper.length < BADGE_BODY_MIN || upper.length > BADGE_BODY_MAX) {
    throw new RangeError(`a badge number has ${BADGE_BODY_MIN}–${BADGE_BODY_MAX} characters`);
  }
  return `${BADGE_PREFIX}${upper}${badgeCheckCharacter(upper)}`;
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
  const rest = code.slice(BADGE_PREFIX.length);
  if (!/^[0-9A-Z]+$/.test(rest) || rest.length < BADGE_BODY_MIN + 1 || rest.length > BADGE_BODY_MAX + 1) {
    return { ok: false, reason: 'format' };
  }
  return passesMod3736(rest) ? { ok: true, code } : { ok: false, reason: 'check_character' };
}
