import { DISPOSITIONS, PARCEL_CONDITIONS, type Disposition, type ParcelCondition } from './qc-codes';

/**
 * Command barcodes printed on the bench's command sheet, so a clerk can do everything with the
 * scanner alone (and the keyboard keys that mean the same). A command is never a product,
 * parcel or bin code: they all start with `QC-`, which none of those formats use.
 */
export type QcCommand =
  | { kind: 'confirm' }
  | { kind: 'answer'; answer: 'yes' | 'no' }
  | { kind: 'choose'; index: number }
  | { kind: 'condition'; condition: ParcelCondition }
  | { kind: 'override'; disposition: Disposition }
  | { kind: 'no_more_items' }
  | { kind: 'undo' }
  | { kind: 'back' }
  | { kind: 'skip' }
  | { kind: 'later' }
  | { kind: 'photo' }
  | { kind: 'start_unexpected' }
  | { kind: 'toggle_decision' }
  | { kind: 'cancel' };

export const COMMAND_PREFIX = 'QC-';

const CONDITION_CODES: Record<string, ParcelCondition> = {
  INTACT: 'intact',
  DAMAGED: 'damaged',
  OPENED: 'opened',
  EMPTY: 'empty_box',
};
const DISPOSITION_CODES: Record<string, Disposition> = {
  RESTOCK: 'restock',
  REFURBISH: 'refurbish',
  DESTROY: 'destroy',
  RTS: 'return_to_seller',
};

const SIMPLE: Record<string, QcCommand> = {
  OK: { kind: 'confirm' },
  YES: { kind: 'answer', answer: 'yes' },
  NO: { kind: 'answer', answer: 'no' },
  DONE: { kind: 'no_more_items' },
  UNDO: { kind: 'undo' },
  BACK: { kind: 'back' },
  SKIP: { kind: 'skip' },
  LATER: { kind: 'later' },
  PHOTO: { kind: 'photo' },
  UNEXPECTED: { kind: 'start_unexpected' },
  DECISION: { kind: 'toggle_decision' },
  CANCEL: { kind: 'cancel' },
};

/** The command a normalised (upper-case) scan stands for, or null when it is not one. */
export function parseCommand(code: string): QcCommand | null {
  if (!code.startsWith(COMMAND_PREFIX)) return null;
  const body = code.slice(COMMAND_PREFIX.length);
  const simple = SIMPLE[body];
  if (simple) return simple;
  const choice = /^([1-9])$/.exec(body)?.[1];
  if (choice) return { kind: 'choose', index: Number(choice) - 1 };
  const [group, value = ''] = body.split('-', 2);
  if (group === 'COND' && CONDITION_CODES[value])
    return { kind: 'condition', condition: CONDITION_CODES[value] };
  if (group === 'DISP' && DISPOSITION_CODES[value]) {
    return { kind: 'override', disposition: DISPOSITION_CODES[value] };
  }
  return null;
}

/** Every command code with what it does, for the printable command sheet. */
export function commandSheet(): Array<{ code: string; command: QcCommand }> {
  const out: Array<{ code: string; command: QcCommand }> = [];
  for (const [body, command] of Object.entries(SIMPLE)) out.push({ code: COMMAND_PREFIX + body, command });
  for (let i = 1; i <= 9; i++)
    out.push({ code: `${COMMAND_PREFIX}${i}`, command: { kind: 'choose', index: i - 1 } });
  for (const [body, condition] of Object.entries(CONDITION_CODES)) {
    out.push({ code: `${COMMAND_PREFIX}COND-${body}`, command: { kind: 'condition', condition } });
  }
  for (const [body, disposition] of Object.entries(DISPOSITION_CODES)) {
    out.push({ code: `${COMMAND_PREFIX}DISP-${body}`, command: { kind: 'override', disposition } });
  }
  return out;
}

// Every condition and disposition has a command: a new one added to the lists must get its code.
const conditionsCovered: boolean = PARCEL_CONDITIONS.every((c) => Object.values(CONDITION_CODES).includes(c));
const dispositionsCovered: boolean = DISPOSITIONS.every((d) => Object.values(DISPOSITION_CODES).includes(d));
export const COMMANDS_COVER_EVERY_VALUE = conditionsCovered && dispositionsCovered;
