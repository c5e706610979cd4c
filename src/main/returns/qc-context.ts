import { displayCode } from '../../shared/codes/display-code';
import type { ParcelView, UserView } from '../../shared/domain';
import type { CandidateView, FeedbackKind, QcFeedback } from '../../shared/returns/qc-views';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import type { IdGenerator } from '../ids';
import type { Outbox } from '../outbox/outbox';
import type { LabelQueue } from './label-jobs';
import type { Plates } from './plates';
import type { ReceiptStore } from './receipt-store';
import type { ReturnLookup } from './return-lookup';
import type { RuleStore } from './rule-store';

/** What every part of the QC capability works with; built once per station by createQc. */
export interface QcContext {
  db: Db;
  clock: Clock;
  newId: IdGenerator;
  outbox: Outbox;
  labels: LabelQueue;
  plates: Plates;
  store: ReceiptStore;
  lookup: ReturnLookup;
  rules: RuleStore;
  stationId: string;
  /** The display name, for labels a person reads; rows and events carry the id. */
  stationName: () => string;
  undoWindowMs: () => number;
}

/** A write's outcome: what the clerk is told, and the journal entry of the action. */
export interface ActionOutcome {
  feedback: QcFeedback;
  receiptId: string | null;
  target: string | null;
  /** Set for the actions Undo may revert (see undo.ts). */
  undoable?: 'unit_scanned' | 'decided' | 'closed_missing' | 'completed';
}

/** The caller of a bench action. */
export interface Actor {
  user: UserView;
  clientId: string;
}

export function feedback(
  tone: QcFeedback['tone'],
  kind: FeedbackKind,
  params: QcFeedback['params'] = {},
  extra: { scannedCode?: string | null; candidates?: CandidateView[]; parcel?: ParcelView | null } = {},
): QcFeedback {
  return {
    tone,
    kind,
    params,
    // GS and other control characters shown as visible tokens: a blank box tells the clerk nothing.
    scannedCode:
      extra.scannedCode === undefined || extra.scannedCode === null ? null : displayCode(extra.scannedCode),
    candidates: extra.candidates ?? [],
    parcel: extra.parcel ?? null,
  };
}

/** Hub destination of inventory movements and exceptions (same constant the scans use). */
export { HUB_DESTINATION, PLATFORM_DESTINATION } from '../scans/scan-routing';

export function returnKey(returnOrderId: string): string {
  return `return:${returnOrderId}`;
}
