import {
  fedexCheckDigit,
  gs1CheckDigit,
  gs1Valid,
  mod37_36CheckCharacter,
  mod7CheckDigit,
  s10CheckDigit,
  upsCheckDigit,
} from './check-digits';
import {
  CARRIER_FORMATS,
  type ByGroup,
  type CarrierFormat,
  type CheckAlgorithm,
  type Source,
} from './carrier-formats';
import { displayCode } from './display-code';
import { AI_TABLE, parseGs1, type Gs1Element, type Gs1Parse } from './gs1';
import { isIsoCountry } from './iso-countries';
import { DEFAULT_OWN_CODE_RULES, matchOwnCodes, type OwnCodeRules } from './own-codes';
import { DEFAULT_PLATFORM_IDS, type PlatformIdRule } from './platform-ids';
import { GS, GS1_SYMBOLOGIES, unframe } from './scanner-framing';

export const CODE_KINDS = [
  'tracking',
  'sscc',
  'gtin',
  'gs1',
  'return_id',
  'order_id',
  'sku',
  'bin',
  'license_plate',
  'badge',
  'box',
  'unknown',
] as const;
export type CodeKind = (typeof CODE_KINDS)[number];

export interface Candidate {
  kind: Exclude<CodeKind, 'unknown'>;
  /** Which rule matched: a carrier format id (`ups-1z`), `gs1-00`, `ean-13`, `own-badge`… */
  format: string;
  name: string;
  carrier: string | null;
  service: string | null;
  markets: string[];
  /** What to look up: the number as its issuer knows it (no routing prefix); null for a whole GS1 string. */
  value: string | null;
  /** Other spellings of the same value (a GTIN-14 with a leading 0 is also an EAN-13). */
  alternates: string[];
  /** Matches the format and, where the format has one, the check digit. */
  valid: boolean;
  check: 'passed' | 'failed' | 'none';
  /**
   * 0–1, for ranking: valid with a check digit > valid by pattern only > invalid, then how
   * specific the pattern is, the station's markets, and the scanner's symbology.
   */
  score: number;
  why: string;
  source: Source | 'ours';
  details: Record<string, string>;
}

export interface Recognition {
  input: string;
  /** The code without scanner framing (AIM identifier, STX/ETX, terminators, FNC1). */
  code: string;
  /** `code` with control characters as visible tokens (`‹GS›`), for screens and logs. */
  display: string;
  symbology: string | null;
  kind: CodeKind;
  carrier: string | null;
  service: string | null;
  valid: boolean;
  candidates: Candidate[];
  /** The elements, when the code is (or begins as) a GS1 element string. */
  gs1: Gs1Element[] | null;
  notes: string[];
}

export interface RecogniseOptions {
  /** The station's markets (ISO alpha-2): among equal candidates, formats seen there rank first. */
  markets?: readonly string[];
  own?: Partial<OwnCodeRules>;
  platformIds?: readonly PlatformIdRule[];
  formats?: readonly CarrierFormat[];
}

/** Longer than any label's data a dock reads; beyond it, nothing is matched. */
export const MAX_RECOGNISED_LENGTH = 512;

const EAN_SYMBOLOGIES = new Set(['E0', 'E1', 'E2', 'E3', 'E4']);

/**
 * Tells what a scanned or typed code is. Pure and total: any string in, a Recognition out,
 * never an exception — garbage is `unknown` with a note saying why.
 */
export function recognise(raw: string, options: RecogniseOptions = {}): Recognition {
  const { text, symbology, removed } = unframe(raw);
  const notes = removed;
  const unknown = (note: string, gs1: Gs1Element[] | null = null): Recognition => {
    notes.push(note);
    return answer(raw, text, symbology, null, [], gs1, notes);
  };

  if (text.length === 0) return unknown('empty');
  if (text.length > MAX_RECOGNISED_LENGTH) {
    return unknown(`${text.length} characters: longer than any label (${MAX_RECOGNISED_LENGTH})`);
  }
  const bad = firstUnreadable(text);
  if (bad) return unknown(bad);

  const ctx: Context = {
    markets: new Set(options.markets ?? []),
    symbology,
    found: [],
  };
  const upper = text.toUpperCase();
  let compact = upper.replace(/ /g, '');
  if (compact !== upper) notes.push('spaces removed');
  if (compact.includes(GS)) {
    compact = compact.split(GS).join('');
  }

  const formats = options.formats ?? CARRIER_FORMATS;
  const gs1 = recogniseGs1(text, ctx, formats);
  matchFormats(compact, ctx, formats, '');
  const platformId = matchPlatformIds(compact, ctx, options.platformIds ?? DEFAULT_PLATFORM_IDS);
  matchBareGs1(compact, ctx, platformId);
  const own = options.own ? Object.assign({}, DEFAULT_OWN_CODE_RULES, options.own) : DEFAULT_OWN_CODE_RULES;
  matchOwn(compact, ctx, own);

  const candidates = rank(ctx);
  const top = candidates[0];
  if (!top) return unknown('matches no known format', gs1);
  return answer(raw, text, symbology, top, candidates, gs1, notes);
}

/**
 * The Recognition, written out field by field: object spread in this hot path cost more than
 * all the pattern matching put together (V8, Node 20).
 */
function answer(
  raw: string,
  text: string,
  symbology: string | null,
  top: Candidate | null,
  candidates: Candidate[],
  gs1: Gs1Element[] | null,
  notes: string[],
): Recognition {
  return {
    input: raw,
    code: text,
    display: displayCode(text),
    symbology,
    kind: top ? top.kind : 'unknown',
    carrier: top ? top.carrier : null,
    service: top ? top.service : null,
    valid: top ? top.valid : false,
    candidates,
    gs1,
    notes,
  };
}

interface Context {
  markets: ReadonlySet<string>;
  symbology: string | null;
  found: Draft[];
}

/** A candidate before ranking, with what the ranking reads. */
interface Draft {
  c: Candidate;
  specificity: number;
  order: number;
}

function firstUnreadable(text: string): string | null {
  for (let i = 0; i < text.length; i++) {
    const cp = text.charCodeAt(i);
    if (cp === 0x1d) continue;
    if (cp < 0x20 || cp === 0x7f) {
      return `control character ${hex(cp)} at position ${i + 1}`;
    }
    if (cp > 0x7e) return `character ${hex(cp)} at position ${i + 1} is not on any label`;
  }
  return null;
}

const hex = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

function add(ctx: Context, specificity: number, candidate: Omit<Candidate, 'score'>): void {
  const c = candidate as Candidate;
  c.score = 0;
  ctx.found.push({ c, specificity, order: ctx.found.length });
}

// ---------------------------------------------------------------- carrier formats

const CHECKS: Record<CheckAlgorithm, (data: string) => string> = {
  'gs1-mod10': (d) => String(gs1CheckDigit(d)),
  ups: (d) => String(upsCheckDigit(d)),
  s10: (d) => String(s10CheckDigit(d)),
  'fedex-mod11': (d) => String(fedexCheckDigit(d)),
  mod7: (d) => String(mod7CheckDigit(d)),
  'mod37-36': (d) => mod37_36CheckCharacter(d),
};

/** Expected check character, or null when the data does not fit the algorithm. */
function expectedCheck(algorithm: CheckAlgorithm, data: string): string | null {
  try {
    return CHECKS[algorithm](data);
  } catch {
    return null;
  }
}

const RESERVED_GROUPS = new Set(['data', 'check', 'number', 'lead', 'service']);

function matchFormats(code: string, ctx: Context, formats: readonly CarrierFormat[], via: string): void {
  for (const format of formats) {
    const m = format.pattern.exec(code);
    if (!m) continue;
    const groups = m.groups ?? {};
    let check: Candidate['check'] = 'none';
    let problem: string | null = null;
    let verdict = 'pattern only, no check digit';
    if (format.check) {
      const data = `${format.check.implied ?? ''}${groups.data ?? ''}`;
      const expected = expectedCheck(format.check.algorithm, data);
      if (expected !== null && expected === groups.check) {
        check = 'passed';
        verdict = `check digit ${expected} matches`;
      } else {
        check = 'failed';
        problem =
          expected === null
            ? 'the check digit cannot be computed'
            : `the check digit should be ${expected}, not ${groups.check ?? '?'}`;
      }
    }
    const country = format.countryGroup ? groups[format.countryGroup] : undefined;
    if (country !== undefined && !isIsoCountry(country)) {
      problem = `${country} is not an ISO 3166 country`;
    }
    // A failed match is worth showing only when the pattern itself is telling (letters, prefix):
    // a bare run of digits that fails a check digit is simply not that format.
    if (problem && format.specificity < 0.5) continue;
    const markets =
      format.marketGroup && groups[format.marketGroup]
        ? [groups[format.marketGroup] ?? '']
        : [...format.markets];
    const details: Record<string, string> = {};
    for (const k in groups) {
      const v = groups[k];
      if (v !== undefined && !RESERVED_GROUPS.has(k)) details[k] = v;
    }
    const fromSource = format.source === 'standard' ? '' : ` (${format.source} format)`;
    add(ctx, format.specificity, {
      kind: 'tracking',
      format: format.id,
      name: format.name,
      carrier: pick(format.carrier, groups),
      service: format.service === undefined ? null : pick(format.service, groups),
      markets,
      value: format.numberGroup ? (groups[format.numberGroup] ?? code) : code,
      alternates: [],
      valid: problem === null,
      check,
      why: `${via}${format.name}: ${problem ?? verdict}${fromSource}`,
      source: format.source,
      details,
    });
  }
}

function pick(field: string | ByGroup, groups: Record<string, string | undefined>): string | null {
  if (typeof field === 'string') return field;
  const key = groups[field.group];
  return (key !== undefined ? field.table[key] : undefined) ?? field.otherwise;
}

// ---------------------------------------------------------------- GS1

/** True when the code says it is GS1: a GS1 symbology, a GS separator, or `(01)…` brackets. */
function gs1Evidence(text: string, symbology: string | null): boolean {
  return (
    (symbology !== null && GS1_SYMBOLOGIES.has(symbology)) || text.includes(GS) || /^\(\d{2,4}\)/.test(text)
  );
}

function recogniseGs1(text: string, ctx: Context, formats: readonly CarrierFormat[]): Gs1Element[] | null {
  const evidence = gs1Evidence(text, ctx.symbology);
  // Bare digits parse as GS1 only with a check-digit element first: "10…" alone is not a batch.
  if (!evidence && !/^0[0-2]\d{14,}/.test(text)) return null;
  const parse: Gs1Parse = parseGs1(text);
  const { elements } = parse;
  if (!evidence && !(parse.ok && elements[0]?.valid)) return null;
  if (elements.length === 0 && !evidence) return null;

  const symbologyMatch = ctx.symbology !== null && GS1_SYMBOLOGIES.has(ctx.symbology);
  const single = parse.ok && elements.length === 1 ? elements[0] : undefined;
  if (!single) {
    const checked = elements.filter((e) => AI_TABLE[e.ai]?.check);
    const allValid = parse.ok && elements.every((e) => e.valid);
    const firstBad = elements.find((e) => !e.valid);
    add(ctx, symbologyMatch ? 0.95 : 0.9, {
      kind: 'gs1',
      format: 'gs1-element-string',
      name: 'GS1 element string',
      carrier: null,
      service: null,
      markets: [],
      value: null,
      alternates: [],
      valid: allValid,
      check: checked.length === 0 ? 'none' : checked.every((e) => e.valid) ? 'passed' : 'failed',
      why: parse.ok
        ? firstBad
          ? `GS1 element string: (${firstBad.ai}) ${firstBad.problem ?? 'is not valid'}`
          : `GS1 element string: ${elements.map((e) => `(${e.ai})`).join('')}, every element valid`
        : `GS1 element string: ${parse.problem}`,
      source: 'standard',
      details: Object.fromEntries(elements.map((e) => [e.ai, e.value])),
    });
  }
  for (let i = 0; i < elements.length; i++) {
    const e = elements[i] as Gs1Element;
    const why = (what: string) =>
      `GS1 (${e.ai}) ${what}: ${e.valid ? 'check digit matches' : (e.problem ?? 'not valid')}`;
    if (e.ai === '00') {
      add(ctx, single ? 0.9 : 0.8, gs1Derived('sscc', 'gs1-00', 'SSCC (GS1 AI 00)', e, why('SSCC')));
    } else if (e.ai === '01' || e.ai === '02') {
      const gtin = gs1Derived('gtin', `gs1-${e.ai}`, `GTIN (GS1 AI ${e.ai})`, e, why('GTIN'));
      gtin.alternates = gtinAlternates(e.value);
      add(ctx, single ? 0.85 : 0.75, gtin);
    } else if (e.ai === '400' && e.valid) {
      const order = gs1Derived(
        'order_id',
        'gs1-400',
        'order number (GS1 AI 400)',
        e,
        'GS1 (400) order number',
      );
      order.check = 'none';
      add(ctx, 0.5, order);
    } else if (/^9[1-5]$/.test(e.ai) && elements[i - 1]?.ai === '420') {
      // USPS IMpb: (420) ship-to ZIP, then the tracking number, whose first two digits are the AI.
      matchFormats(`${e.ai}${e.value}`.toUpperCase(), ctx, formats, 'GS1 (420) + ');
    }
  }
  return elements.length > 0 ? elements : null;
}

function gs1Derived(
  kind: 'sscc' | 'gtin' | 'order_id',
  format: string,
  name: string,
  e: Gs1Element,
  why: string,
): Omit<Candidate, 'score'> {
  return {
    kind,
    format,
    name,
    carrier: null,
    service: null,
    markets: [],
    value: e.value,
    alternates: [],
    valid: e.valid,
    check: e.valid ? 'passed' : 'failed',
    why,
    source: 'standard',
    details: {},
  };
}

/** GTIN-14 with leading zeros is also the EAN-13 / UPC-A printed on the item. */
function gtinAlternates(gtin14: string): string[] {
  const out: string[] = [];
  if (gtin14.length === 14 && gtin14.startsWith('0')) out.push(gtin14.slice(1));
  if (gtin14.length === 14 && gtin14.startsWith('00')) out.push(gtin14.slice(2));
  return out;
}

const GTIN_NAMES: Record<number, string> = { 8: 'EAN-8', 12: 'UPC-A', 13: 'EAN-13', 14: 'GTIN-14' };

/**
 * GTIN/EAN/UPC and SSCC as bare digits, with no AI in front. A bare 18-digit number that is
 * also a platform id is not offered as an SSCC: SSCCs travel with their (00), platform ids
 * never do, and a mod 10 digit passes for one number in ten by chance — the one exception to
 * "a passed check digit outranks a pattern".
 */
function matchBareGs1(code: string, ctx: Context, platformId: boolean): void {
  if (!/^\d+$/.test(code)) return;
  const eanSymbology = ctx.symbology !== null && EAN_SYMBOLOGIES.has(ctx.symbology);
  const name = GTIN_NAMES[code.length];
  if (name) {
    const ok = gs1Valid(code);
    // An EAN symbology says it is a GTIN even when the digit is wrong; otherwise a failed check is noise.
    if (ok || eanSymbology) {
      const expected = gs1CheckDigit(code.slice(0, -1));
      add(ctx, eanSymbology ? 0.6 : 0.15, {
        kind: 'gtin',
        format: name.toLowerCase(),
        name,
        carrier: null,
        service: null,
        markets: [],
        value: code,
        alternates: code.length < 14 ? [code.padStart(14, '0')] : gtinAlternates(code),
        valid: ok,
        check: ok ? 'passed' : 'failed',
        why: ok
          ? `${name}: check digit ${expected} matches`
          : `${name}: the check digit should be ${expected}`,
        source: 'standard',
        details: {},
      });
    }
  }
  if (code.length === 18 && !platformId && gs1Valid(code)) {
    add(ctx, 0.1, {
      kind: 'sscc',
      format: 'sscc-18',
      name: 'SSCC (no AI)',
      carrier: null,
      service: null,
      markets: [],
      value: code,
      alternates: [],
      valid: true,
      check: 'passed',
      why: `SSCC-18 without its (00): check digit ${code.at(-1)} matches`,
      source: 'standard',
      details: {},
    });
  }
}

// ---------------------------------------------------------------- platform and own codes

/** Adds every platform id `code` matches; true when there was one. */
function matchPlatformIds(code: string, ctx: Context, rules: readonly PlatformIdRule[]): boolean {
  let matched = false;
  for (const rule of rules) {
    if (!rule.pattern.test(code)) continue;
    add(ctx, rule.specificity, {
      kind: rule.kind,
      format: rule.format,
      name: rule.name,
      carrier: rule.platform,
      service: null,
      markets: [],
      value: code,
      alternates: [],
      valid: true,
      check: 'none',
      why: `${rule.name}: pattern only, no check digit (${rule.source} format)`,
      source: rule.source,
      details: {},
    });
    matched = true;
  }
  return matched;
}

function matchOwn(code: string, ctx: Context, rules: OwnCodeRules): void {
  for (const m of matchOwnCodes(code, rules)) {
    add(ctx, m.specificity, {
      kind: m.kind,
      format: m.format,
      name: m.name,
      carrier: null,
      service: null,
      markets: [],
      value: code,
      alternates: [],
      valid: m.check !== 'failed',
      check: m.check,
      why: m.why,
      source: 'ours',
      details: {},
    });
  }
}

// ---------------------------------------------------------------- ranking

function rank(ctx: Context): Candidate[] {
  for (const d of ctx.found) d.c.score = score(d, ctx);
  // Equal scores keep the order the rules were tried in (table order).
  const sorted = ctx.found.sort((a, b) => b.c.score - a.c.score || a.order - b.order);
  const seen = new Set<string>();
  const out: Candidate[] = [];
  for (const { c } of sorted) {
    // The same number reached twice (a 420-prefixed IMpb read whole and through its GS1 parse)
    // is one candidate: the better-ranked reading.
    const key = c.value === null ? null : `${c.kind}|${c.carrier ?? ''}|${c.value}`;
    if (key !== null && seen.has(key)) continue;
    if (key !== null) seen.add(key);
    out.push(c);
  }
  return out;
}

/**
 * Three tiers — valid with a check digit, valid by pattern only, invalid — so a passed check
 * digit always outranks a pattern; inside a tier, the pattern's specificity, a market of the
 * station and a symbology that agrees with the kind.
 */
function score(d: Draft, ctx: Context): number {
  const { c } = d;
  const tier = c.valid ? (c.check === 'passed' ? 2 : 1) : 0;
  const market = c.markets.some((m) => ctx.markets.has(m)) ? 0.25 : 0;
  const sym = ctx.symbology;
  const symbology =
    sym !== null &&
    ((EAN_SYMBOLOGIES.has(sym) && c.kind === 'gtin') ||
      (GS1_SYMBOLOGIES.has(sym) && (c.kind === 'gs1' || c.kind === 'sscc' || c.kind === 'gtin')))
      ? 0.15
      : 0;
  const within = Math.min(0.999, 0.6 * d.specificity + market + symbology);
  return Math.round(((tier + within) / 3) * 10000) / 10000;
}
