import type { ScaleReading } from './scale-reading';
import { isWeightUnit, parseDecimal, toGrams, type ScaledInteger, type WeightUnit } from './weight-units';

/**
 * CAS serial scales (community-sourced: CAS manuals for the EC/ED/PB series as quoted in
 * open-source drivers, not checked against a device): the host sends `W` (some models stream
 * without asking); each answer is one line `ST,GS,+ 1.500kg`:
 *   header 1: ST stable, US unstable, OL overload;
 *   header 2: GS gross, NT net (TR tare on some models);
 *   sign, value (padded with spaces or zeros), unit (kg, g, lb, oz).
 * Pure, like the other scale parsers, so a Web Serial path can reuse it.
 */
export type CasAnswer =
  | {
      kind: 'weight';
      stable: boolean;
      mode: 'gross' | 'net' | 'tare';
      value: ScaledInteger;
      text: string;
      unit: WeightUnit;
    }
  | { kind: 'overload' }
  | { kind: 'unreadable'; line: string; why: string };

/** The poll command. CAS manuals differ on the terminator; a bare `W` is what the scales take. */
export const CAS_POLL = 'W';

const LINE = /^(ST|US|OL)\s*,\s*(GS|NT|TR)\s*,\s*([+-])?\s*([0-9.\s]*?)\s*([A-Za-z]+)?$/;

export function parseCasLine(input: string): CasAnswer {
  const line = input.replace(/[\r\n]+$/, '');
  const m = LINE.exec(line.trim());
  if (!m) return { kind: 'unreadable', line, why: 'not a CAS weight line' };
  if (m[1] === 'OL') return { kind: 'overload' };
  const digits = (m[4] ?? '').replace(/\s+/g, '');
  const value = parseDecimal(`${m[3] ?? ''}${digits}`);
  if (!value) return { kind: 'unreadable', line, why: `"${digits}" is not a number` };
  const unit = (m[5] ?? '').toLowerCase();
  if (!isWeightUnit(unit))
    return { kind: 'unreadable', line, why: `unit "${m[5] ?? ''}" is not a weight unit we know` };
  const mode = m[2] === 'NT' ? 'net' : m[2] === 'TR' ? 'tare' : 'gross';
  return {
    kind: 'weight',
    stable: m[1] === 'ST',
    mode,
    value,
    text: `${m[3] === '-' ? '-' : ''}${digits}`,
    unit,
  };
}

export function casToReading(answer: CasAnswer, at: number): ScaleReading | null {
  if (answer.kind === 'overload') {
    return {
      grams: 0,
      stable: false,
      overRange: true,
      underZero: false,
      reported: { text: 'OL', unit: '' },
      at,
      source: 'cas',
    };
  }
  if (answer.kind !== 'weight' || answer.mode === 'tare') return null;
  const grams = toGrams(answer.value, answer.unit);
  return {
    grams,
    stable: answer.stable,
    overRange: false,
    underZero: grams < 0,
    reported: { text: answer.text, unit: answer.unit },
    at,
    source: 'cas',
  };
}
