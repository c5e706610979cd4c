import { CHECKLISTS, nextQuestion } from '../../../../shared/returns/checklists';
import {
  DISPOSITIONS,
  OVERRIDE_REASONS,
  PARCEL_CONDITIONS,
  QC_REASONS,
  SCRAP_REASONS,
} from '../../../../shared/returns/qc-codes';
import type { QcState, QcUnitView } from '../../../../shared/returns/qc-views';

/** A key the clerk can press (or the command barcode that means the same) and what it does. */
export interface KeyHint {
  key: string;
  /** i18n key of the label. */
  label: string;
  params?: Record<string, string | number>;
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
  values.map((v, i) => ({ key: String(i + 1), label: `${prefix}.${v}` }));

const UNDO: KeyHint = { key: 'U', label: 'receive.keys.undo' };

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
        keys: [{ key: 'Enter', label: 'receive.keys.intact' }],
      });
    case 'condition_photo':
      return step('condition_photo', 'receive.next.conditionPhoto', {
        params: { condition: receipt.condition ?? '' },
        wantsPhoto: true,
        keys: [{ key: 'Enter', label: 'receive.keys.takePhoto' }],
      });
    case 'unexpected_photo':
      return step('unexpected_photo', 'receive.next.unexpectedPhoto', {
        wantsPhoto: true,
        keys: [{ key: 'Enter', label: 'receive.keys.takePhoto' }],
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
          { key: 'Enter', label: 'receive.keys.complete' },
          { key: 'R', label: 'receive.keys.toggleDecision' },
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
      keys: [{ key: 'D', label: 'receive.keys.noMoreItems' }, ...undo],
    });
  }
  return unitStep(unit, undo);
}

function unitStep(unit: QcUnitView, undo: KeyHint[]): NextStep {
  const name = unit.name ?? unit.sku ?? unit.scannedCode ?? unit.id;
  const back = { key: 'B', label: 'receive.keys.reinspect' };
  switch (unit.step) {
    case 'serial':
      return step('serial', 'receive.next.serial', {
        params: { name },
        keys: [{ key: 'Enter', label: 'receive.keys.noSerial' }, ...undo],
      });
    case 'checklist': {
      const q = nextQuestion(unit.category, unit.answers);
      const total = CHECKLISTS[unit.category].length;
      const index =
        total - CHECKLISTS[unit.category].filter((c) => unit.answers[c.id] === undefined).length + 1;
      return step('checklist', `qc.question.${q?.id ?? 'sealed'}`, {
        params: { name, index, total },
        keys: [{ key: 'Y', label: 'receive.keys.yes' }, { key: 'N', label: 'receive.keys.no' }, ...undo],
      });
    }
    case 'reason':
      return step('reason', 'receive.next.reason', {
        params: { name },
        options: numbered(QC_REASONS, 'qc.reason'),
        keys: unit.reason
          ? [{ key: 'Enter', label: 'receive.keys.keepReason', params: { reason: unit.reason } }]
          : [],
      });
    case 'photos':
      return step('photos', 'receive.next.photos', {
        params: { name, count: unit.photos.length },
        keys: [
          { key: 'P', label: 'receive.keys.takePhoto' },
          { key: 'Enter', label: 'receive.keys.photosDone' },
          back,
        ],
      });
    case 'disposition':
      return step('disposition', 'receive.next.disposition', {
        params: { name, grade: unit.grade ?? '', suggested: unit.suggested?.disposition ?? '' },
        keys: [
          { key: 'Enter', label: 'receive.keys.confirmSuggestion' },
          ...DISPOSITIONS.filter((d) => d !== unit.suggested?.disposition).map((d) => ({
            key: OVERRIDE_KEYS[d],
            label: `qc.disposition.${d}`,
          })),
          back,
        ],
      });
    case 'override_reason':
      return step('override_reason', 'receive.next.overrideReason', {
        params: { name, disposition: unit.chosen ?? '' },
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
        keys: [{ key: 'Enter', label: 'receive.keys.takePhoto' }, back],
      });
    case 'approval':
      return step('approval', 'receive.next.approval', {
        params: { name },
        wantsApproval: true,
        keys: [{ key: 'L', label: 'receive.keys.later' }, back],
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
