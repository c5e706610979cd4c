import { CHECKLISTS, nextQuestion } from '../../../../shared/returns/checklists';
import {
  DISPOSITIONS,
  OVERRIDE_REASONS,
  PARCEL_CONDITIONS,
  QC_REASONS,
  SCRAP_REASONS,
} from '../../../../shared/returns/qc-codes';
import type { QcState, QcUnitView } from '../../../../shared/returns/qc-views';

/**
 * Parameters naming a code (`qc.disposition.destroy`) are i18n keys: the screen shows their words.
 * Pure, so the screen and the tests read params the same way.
 */
export function paramWords(
  params: Record<string, string | number> | undefined,
  t: (key: string) => string,
): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params ?? {}))
    out[k] = typeof v === 'string' && v.startsWith('qc.') ? t(v) : v;
  return out;
}

/** A key the clerk can press (or the command barcode that means the same) and what it does. */
export interface KeyHint {
  key: string;
  /** i18n key of the label. */
  label: string;
  params?: Record<string, string | number>;
  /** The command barcode (on the printed command sheet) that does the same with the scanner. */
  command?: string;
}

/** The one obvious next action at the bench, derived from the state the core answered. */
export interface NextStep {
  id: string;
  /** i18n key of the big instruction. */
  title: string;
  params: Record<string, string | number>;
  /** Numbered choices (1…9), when the step is a list. */
  options: KeyHint[];
  keys: KeyHint[];
  /** The step wants a photo: the camera opens by itself. */
  wantsPhoto: boolean;
  /** The step wants a supervisor's badge and PIN. */
  wantsApproval: boolean;
  wantsNote: boolean;
}

const step = (id: string, title: string, more: Partial<NextStep> = {}): NextStep => ({
  id,
  title,
  params: {},
  options: [],
  keys: [],
  wantsPhoto: false,
  wantsApproval: false,
  wantsNote: false,
  ...more,
});

const numbered = (values: readonly string[], prefix: string): KeyHint[] =>
  values.map((v, i) => ({ key: String(i + 1), label: `${prefix}.${v}`, command: `QC-${i + 1}` }));

const UNDO: KeyHint = { key: 'U', label: 'receive.keys.undo', command: 'QC-UNDO' };
const enter = (label: string, params?: Record<string, string | number>): KeyHint => ({
  key: 'Enter',
  label,
  command: 'QC-OK',
  ...(params ? { params } : {}),
});

/** The disposition each override key and command barcode stands for. */
const DISPOSITION_COMMANDS: Record<(typeof DISPOSITIONS)[number], string> = {
  restock: 'QC-DISP-RESTOCK',
  refurbish: 'QC-DISP-REFURBISH',
  destroy: 'QC-DISP-DESTROY',
  return_to_seller: 'QC-DISP-RTS',
};

/** Maps what the bench is at to what the screen asks for. Pure, so it is tested without a DOM. */
export function nextStep(state: QcState | null): NextStep {
  const receipt = state?.receipt ?? null;
  const undo = state?.undo ? [UNDO] : [];
  if (!receipt) {
    return step('scan_parcel', 'receive.next.scanParcel', {
      keys: [{ key: 'S', label: 'receive.keys.search' }, ...undo],
    });
  }
  switch (receipt.step) {
    case 'condition':
      return step('condition', 'receive.next.condition', {
        options: numbered(PARCEL_CONDITIONS, 'qc.condition'),
        keys: [enter('receive.keys.intact')],
      });
    case 'condition_photo':
      return step('condition_photo', 'receive.next.conditionPhoto', {
        params: { condition: receipt.condition ? `qc.condition.${receipt.condition}` : '' },
        wantsPhoto: true,
        keys: [enter('receive.keys.takePhoto')],
      });
    case 'unexpected_photo':
      return step('unexpected_photo', 'receive.next.unexpectedPhoto', {
        wantsPhoto: true,
        keys: [enter('receive.keys.takePhoto')],
      });
    case 'unexpected_note':
      return step('unexpected_note', 'receive.next.unexpectedNote', {
        wantsNote: true,
        keys: [{ key: 'Enter', label: 'receive.keys.saveNote' }],
      });
    case 'unexpected_bin':
      return step('unexpected_bin', 'receive.next.unexpectedBin');
    case 'complete':
      return step('complete', 'receive.next.complete', {
        params: { count: receipt.orders.length },
        keys: [
          enter('receive.keys.complete'),
          { key: 'R', label: 'receive.keys.toggleDecision', command: 'QC-DECISION' },
          ...undo,
        ],
      });
    case 'done':
      return step('scan_parcel', 'receive.next.scanParcel');
    case 'items':
      break;
  }
  const unit = receipt.units.find((u) => u.id === receipt.currentUnitId);
  if (!unit) {
    return step('scan_item', 'receive.next.scanItem', {
      params: { left: itemsLeft(state) },
      keys: [{ key: 'D', label: 'receive.keys.noMoreItems', command: 'QC-DONE' }, ...undo],
    });
  }
  return unitStep(unit, undo);
}

function unitStep(unit: QcUnitView, undo: KeyHint[]): NextStep {
  const name = unit.name ?? unit.sku ?? unit.scannedCode ?? unit.id;
  const back: KeyHint = { key: 'B', label: 'receive.keys.reinspect', command: 'QC-BACK' };
  switch (unit.step) {
    case 'serial':
      return step('serial', 'receive.next.serial', {
        params: { name },
        keys: [enter('receive.keys.noSerial'), ...undo],
      });
    case 'checklist': {
      const q = nextQuestion(unit.category, unit.answers);
      const total = CHECKLISTS[unit.category].length;
      const index =
        total - CHECKLISTS[unit.category].filter((c) => unit.answers[c.id] === undefined).length + 1;
      return step('checklist', `qc.question.${q?.id ?? 'sealed'}`, {
        params: { name, index, total },
        keys: [
          { key: 'Y', label: 'receive.keys.yes', command: 'QC-YES' },
          { key: 'N', label: 'receive.keys.no', command: 'QC-NO' },
          back,
          ...undo,
        ],
      });
    }
    case 'reason':
      return step('reason', 'receive.next.reason', {
        params: { name },
        options: numbered(QC_REASONS, 'qc.reason'),
        keys: unit.reason ? [enter('receive.keys.keepReason', { reason: `qc.reason.${unit.reason}` })] : [],
      });
    case 'photos':
      return step('photos', 'receive.next.photos', {
        params: { name, count: unit.photos.length },
        keys: [
          { key: 'P', label: 'receive.keys.takePhoto', command: 'QC-PHOTO' },
          enter('receive.keys.photosDone'),
          back,
        ],
      });
    case 'disposition':
      return step('disposition', 'receive.next.disposition', {
        params: {
          name,
          grade: unit.grade ?? '',
          suggested: unit.suggested ? `qc.disposition.${unit.suggested.disposition}` : '',
        },
        keys: [
          enter('receive.keys.confirmSuggestion'),
          ...DISPOSITIONS.filter((d) => d !== unit.suggested?.disposition).map((d) => ({
            key: OVERRIDE_KEYS[d],
            label: `qc.disposition.${d}`,
            command: DISPOSITION_COMMANDS[d],
          })),
          back,
        ],
      });
    case 'override_reason':
      return step('override_reason', 'receive.next.overrideReason', {
        params: { name, disposition: unit.chosen ? `qc.disposition.${unit.chosen}` : '' },
        options: numbered(OVERRIDE_REASONS, 'qc.override'),
        keys: [back],
      });
    case 'bin':
      return step('bin', 'receive.next.bin', { params: { name }, keys: [back, ...undo] });
    case 'scrap_reason':
      return step('scrap_reason', 'receive.next.scrapReason', {
        params: { name },
        options: numbered(SCRAP_REASONS, 'qc.scrap'),
        keys: [back],
      });
    case 'evidence_photo':
      return step('evidence_photo', 'receive.next.evidencePhoto', {
        params: { name },
        wantsPhoto: true,
        keys: [enter('receive.keys.takePhoto'), back],
      });
    case 'approval':
      return step('approval', 'receive.next.approval', {
        params: { name },
        wantsApproval: true,
        keys: [{ key: 'L', label: 'receive.keys.later', command: 'QC-LATER' }, back],
      });
    case 'decided':
      return step('scan_item', 'receive.next.scanItem', { params: { left: 0 } });
  }
}

/** The override keys at the disposition step (letters, so they never clash with list numbers). */
export const OVERRIDE_KEYS: Record<(typeof DISPOSITIONS)[number], string> = {
  restock: 'R',
  refurbish: 'F',
  destroy: 'X',
  return_to_seller: 'T',
};

function itemsLeft(state: QcState | null): number {
  const orders = state?.receipt?.orders ?? [];
  let left = 0;
  for (const o of orders) for (const i of o.items) left += Math.max(0, i.quantity - i.received - i.missing);
  return left;
}
