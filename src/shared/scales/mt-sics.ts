import type { ScaleReading } from './scale-reading';
import { isWeightUnit, parseDecimal, toGrams, type ScaledInteger, type WeightUnit } from './weight-units';

/**
 * Mettler Toledo MT-SICS level 0/1 over a serial line (Mettler Toledo's "MT-SICS Interface
 * Commands" reference): commands are ASCII + CR LF; answers are one line each.
 *
 *   S   → `S S     1.23 kg` stable weight | `S I` busy (no stable value yet) | `S +` / `S -` over /
 *         under range
 *   SI  → `S S …` or `S D …` (dynamic: the weight now, not settled)
 *   Z   → `Z A` zeroed | `Z I` busy | `Z +` / `Z -` outside the zeroing range
 *   T   → `T S   100.00 g` tare taken (the tare weight) | `T I` | `T +` / `T -`
 *   any → `ES` syntax error, `ET` transmission error, `EL` logical error (command not allowed now)
 *
 * The weight field is right-aligned in ten characters; its sign is a `-` directly before the
 * digits. Pure: the station's serial driver and a future Web Serial path parse the same lines.
 */
export type MtSicsCommand = 'S' | 'SI' | 'Z' | 'T';

export type MtSicsAnswer =
  | {
      kind: 'weight';
      command: 'S' | 'T';
      stable: boolean;
      value: ScaledInteger;
      text: string;
      unit: WeightUnit;
    }
  | { kind: 'zeroed' }
  | { kind: 'busy'; command: 'S' | 'Z' | 'T' }
  | { kind: 'over'; command: 'S' | 'Z' | 'T' }
  | { kind: 'under'; command: 'S' | 'Z' | 'T' }
  | { kind: 'error'; code: 'ES' | 'ET' | 'EL'; meaning: string }
  | { kind: 'unreadable'; line: string; why: string };

const ERRORS = {
  ES: 'syntax error: the scale does not know the command',
  ET: 'transmission error: the scale received a garbled command',
  EL: 'logical error: the command cannot be carried out now',
} as const;

/** The bytes to send for a command. */
export function mtSicsCommand(command: MtSicsCommand): string {
  return `${command}\r\n`;
}

const WEIGHT_LINE = /^([ST]) ([SD]) +(-?\s*[0-9.]+) +([A-Za-z]+)$/;
const STATUS_LINE = /^([SZT]) ([IA+-])$/;

export function parseMtSicsLine(input: string): MtSicsAnswer {
  const line = input.replace(/[\r\n]+$/, '');
  const trimmed = line.trim();
  if (trimmed === 'ES' || trimmed === 'ET' || trimmed === 'EL') {
    return { kind: 'error', code: trimmed, meaning: ERRORS[trimmed] };
  }
  const status = STATUS_LINE.exec(trimmed);
  if (status) {
    const command = status[1] as 'S' | 'Z' | 'T';
    switch (status[2]) {
      case 'A':
        return command === 'Z'
          ? { kind: 'zeroed' }
          : { kind: 'unreadable', line, why: `"${command} A" is not an answer to a weight or tare command` };
      case 'I':
        return { kind: 'busy', command };
      case '+':
        return { kind: 'over', command };
      default:
        return { kind: 'under', command };
    }
  }
  const weight = WEIGHT_LINE.exec(trimmed);
  if (weight) {
    const command = weight[1] as 'S' | 'T';
    const text = (weight[3] ?? '').replace(/\s+/g, '');
    const value = parseDecimal(text);
    const unit = weight[4] ?? '';
    if (!value) return { kind: 'unreadable', line, why: `"${text}" is not a number` };
    if (!isWeightUnit(unit))
      return { kind: 'unreadable', line, why: `unit "${unit}" is not a weight unit we know` };
    if (command === 'T' && weight[2] === 'D') {
      return { kind: 'unreadable', line, why: 'a tare answer is always stable' };
    }
    return { kind: 'weight', command, stable: weight[2] === 'S', value, text, unit };
  }
  return { kind: 'unreadable', line, why: 'not an MT-SICS answer' };
}

/** A weight answer of S / SI as a reading; over / under range become flagged readings. */
export function mtSicsToReading(answer: MtSicsAnswer, at: number): ScaleReading | null {
  if (answer.kind === 'weight' && answer.command === 'S') {
    const grams = toGrams(answer.value, answer.unit);
    return {
      grams,
      stable: answer.stable,
      overRange: false,
      underZero: grams < 0,
      reported: { text: answer.text, unit: answer.unit },
      at,
      source: 'mt-sics',
    };
  }
  if ((answer.kind === 'over' || answer.kind === 'under') && answer.command === 'S') {
    return {
      grams: 0,
      stable: false,
      overRange: answer.kind === 'over',
      underZero: answer.kind === 'under',
      reported: { text: answer.kind === 'over' ? '+' : '-', unit: '' },
      at,
      source: 'mt-sics',
    };
  }
  return null;
}
