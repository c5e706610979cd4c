import { gs1Valid } from './check-digits';
import { GS } from './scanner-framing';

/**
 * GS1 element strings: application identifier (AI) + data, repeated. A variable-length element
 * ends with FNC1, which reaches the PC as GS; a fixed-length one needs none. Formats and lengths
 * are those of the GS1 General Specifications' AI table (N = digits, X = the 82-character set).
 */
export interface AiSpec {
  title: string;
  /** Exact length for fixed elements; the maximum for variable ones. */
  length: number;
  fixed: boolean;
  charset: 'N' | 'X';
  /** The last digit is a GS1 mod 10 check digit. */
  check?: boolean;
  /** YYMMDD; DD may be 00 (end of month) where GS1 allows it. */
  date?: boolean;
  /** N3 ISO country + X..9 postcode (AI 421). */
  countryPrefix?: boolean;
}

const N = (title: string, length: number, extra: Partial<AiSpec> = {}): AiSpec => ({
  title,
  length,
  fixed: true,
  charset: 'N',
  ...extra,
});
const VAR = (title: string, length: number, charset: 'N' | 'X' = 'X'): AiSpec => ({
  title,
  length,
  fixed: false,
  charset,
});

/** The AIs a returns dock meets. GS1 AIs are prefix-free, so a 2-, 3- or 4-digit lookup is exact. */
export const AI_TABLE: Readonly<Record<string, AiSpec>> = {
  '00': N('SSCC', 18, { check: true }),
  '01': N('GTIN', 14, { check: true }),
  '02': N('CONTENT', 14, { check: true }),
  '10': VAR('BATCH/LOT', 20),
  '11': N('PROD DATE', 6, { date: true }),
  '12': N('DUE DATE', 6, { date: true }),
  '13': N('PACK DATE', 6, { date: true }),
  '15': N('BEST BEFORE', 6, { date: true }),
  '16': N('SELL BY', 6, { date: true }),
  '17': N('USE BY', 6, { date: true }),
  '20': N('VARIANT', 2),
  '21': VAR('SERIAL', 20),
  '30': VAR('VAR. COUNT', 8, 'N'),
  '37': VAR('COUNT', 8, 'N'),
  '400': VAR('ORDER NUMBER', 30),
  '420': VAR('SHIP TO POST', 20),
  '421': { ...VAR('SHIP TO POST', 12), countryPrefix: true },
  ...Object.fromEntries(
    ['3100', '3101', '3102', '3103', '3104', '3105'].map((ai) => [ai, N(`NET WEIGHT (kg)`, 6)]),
  ),
  // Company-internal AIs; USPS IMpb carries its tracking number in 92–95 after (420).
  '90': VAR('INTERNAL', 30),
  ...Object.fromEntries(
    ['91', '92', '93', '94', '95', '96', '97', '98', '99'].map((ai) => [ai, VAR('INTERNAL', 90)]),
  ),
};

export interface Gs1Element {
  ai: string;
  title: string;
  value: string;
  valid: boolean;
  /** Why not valid, in words. */
  problem?: string;
}

export type Gs1Parse =
  | { ok: true; elements: Gs1Element[] }
  /** `elements` holds what parsed before the problem. */
  | { ok: false; elements: Gs1Element[]; problem: string; at: number };

/** GS1's 82-character set for X fields (the "invariant" subset of ISO 646). */
const X_CHARSET = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/;

/**
 * Parses `text` as an element string: `01…<GS>10…` as a scanner sends it, or `(01)…(10)…` as
 * printed under the barcode. Never throws; a string that is not one says where it stopped.
 */
export function parseGs1(text: string): Gs1Parse {
  if (text.startsWith('(')) return parseBracketed(text);
  const elements: Gs1Element[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === GS) {
      i++;
      continue;
    }
    const found = findAi(text, i);
    if (!found) return { ok: false, elements, problem: `no known AI at position ${i + 1}`, at: i };
    const [ai, spec] = found;
    const start = i + ai.length;
    let end: number;
    if (spec.fixed) {
      end = start + spec.length;
      if (end > text.length) {
        return { ok: false, elements, problem: `(${ai}) needs ${spec.length} characters`, at: start };
      }
      if (text.slice(start, end).includes(GS)) {
        return { ok: false, elements, problem: `(${ai}) is cut short by GS`, at: start };
      }
    } else {
      const gs = text.indexOf(GS, start);
      end = gs === -1 ? text.length : gs;
      if (end - start > spec.length) {
        return {
          ok: false,
          elements,
          problem: `(${ai}) is longer than ${spec.length} characters (a missing GS?)`,
          at: start,
        };
      }
    }
    elements.push(checkElement(ai, spec, text.slice(start, end)));
    i = end;
  }
  if (elements.length === 0) return { ok: false, elements, problem: 'no elements', at: 0 };
  return { ok: true, elements };
}

function parseBracketed(text: string): Gs1Parse {
  const elements: Gs1Element[] = [];
  const part = /\((\d{2,4})\)([^(]*)/gy;
  let m: RegExpExecArray | null;
  let at = 0;
  while ((m = part.exec(text)) !== null) {
    const ai = m[1] ?? '';
    const spec = AI_TABLE[ai];
    if (!spec) return { ok: false, elements, problem: `unknown AI (${ai})`, at };
    const value = m[2] ?? '';
    if (spec.fixed ? value.length !== spec.length : value.length > spec.length) {
      return { ok: false, elements, problem: `(${ai}) has ${value.length} characters`, at };
    }
    elements.push(checkElement(ai, spec, value));
    at = part.lastIndex;
  }
  if (at !== text.length || elements.length === 0) {
    return { ok: false, elements, problem: `not an element string at position ${at + 1}`, at };
  }
  return { ok: true, elements };
}

function findAi(text: string, at: number): [string, AiSpec] | null {
  for (const n of [2, 3, 4]) {
    const ai = text.slice(at, at + n);
    if (!/^\d+$/.test(ai) || ai.length < n) return null;
    const spec = AI_TABLE[ai];
    if (spec) return [ai, spec];
  }
  return null;
}

function checkElement(ai: string, spec: AiSpec, value: string): Gs1Element {
  const problem = elementProblem(spec, value);
  return problem
    ? { ai, title: spec.title, value, valid: false, problem }
    : { ai, title: spec.title, value, valid: true };
}

function elementProblem(spec: AiSpec, value: string): string | null {
  if (value.length === 0) return 'empty';
  if (spec.countryPrefix) {
    if (!/^\d{3}/.test(value)) return 'must start with a 3-digit ISO country code';
    if (!X_CHARSET.test(value.slice(3))) return 'has characters outside the GS1 set';
    return null;
  }
  if (spec.charset === 'N' && !/^\d+$/.test(value)) return 'must be digits';
  if (spec.charset === 'X' && !X_CHARSET.test(value)) return 'has characters outside the GS1 set';
  if (spec.check && !gs1Valid(value)) return 'check digit does not match';
  if (spec.date && !isGs1Date(value)) return 'is not a date YYMMDD';
  return null;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** YYMMDD with DD = 00 meaning the month's last day; 29 February is accepted in any year. */
function isGs1Date(value: string): boolean {
  const m = /^\d\d(\d\d)(\d\d)$/.exec(value);
  if (!m) return false;
  const month = Number(m[1]);
  const day = Number(m[2]);
  return month >= 1 && month <= 12 && day <= (DAYS_IN_MONTH[month - 1] ?? 0);
}
