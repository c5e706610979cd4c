import path from 'node:path';
import { REJECT_REASONS, type RejectReason } from '../../shared/returns/qc-codes';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import type { IdGenerator } from '../ids';
import type { Outbox } from '../outbox/outbox';
import type { Session } from '../session/session';
import type { SettingsStore } from '../settings/settings-store';
import { ActionJournal } from './action-journal';
import { Approvals } from './approvals';
import { Bins } from './bins';
import { Completion, DEFAULT_REJECT_REASON_NAMES } from './completion';
import { Decisions } from './decisions';
import { Inspection } from './inspection';
import { waitingForPrinter, type LabelQueue } from './label-jobs';
import { PhotoStore } from './photo-store';
import { Plates } from './plates';
import type { QcContext } from './qc-context';
import { QcStation } from './qc-station';
import { ReceiptStore } from './receipt-store';
import { Receiving } from './receiving';
import { ResumeState } from './resume-state';
import { ReturnLookup } from './return-lookup';
import { RuleStore } from './rule-store';
import { ScanRecords } from './scan-records';
import { SessionSupervisorApproval, type SupervisorApproval } from './supervisor-approval';
import { Undo } from './undo';
import { Unexpected } from './unexpected';

export interface QcDeps {
  db: Db;
  dataDir: string;
  clock: Clock;
  newId: IdGenerator;
  outbox: Outbox;
  settings: SettingsStore;
  /** The session capability, whose step-up check approves a destroy at the bench. */
  session: Pick<Session, 'authorizeFor'>;
  audit: AuditLog;
  stationId: string;
  /** The station's print queue (core.printing): labels commit with the decision that asks for them. */
  labels: LabelQueue;
  /** The session's step-up check; a PIN check of our own until the session capability is wired. */
  approval?: SupervisorApproval;
}

export interface Qc {
  station: QcStation;
  /** What the bench's parts share; the supervisor's side (supervision.ts) builds on it too. */
  context: QcContext;
  decisions: Decisions;
  plates: Plates;
  approvals: Approvals;
  bins: Bins;
  photos: PhotoStore;
  rules: RuleStore;
  lookup: ReturnLookup;
  store: ReceiptStore;
}

export const PHOTO_FOLDER = 'photos';

/** The return-QC capability of one station, built from the core's services. */
export function createQc(deps: QcDeps): Qc {
  const { db, clock, newId, settings } = deps;
  const store = new ReceiptStore(db);
  const plates = new Plates(deps.stationId);
  const lookup = new ReturnLookup(db, plates);
  const rules = new RuleStore(db, clock);
  const ctx: QcContext = {
    db,
    clock,
    newId,
    outbox: deps.outbox,
    audit: deps.audit,
    labels: waitingForPrinter(deps.labels),
    plates,
    store,
    lookup,
    rules,
    stationId: deps.stationId,
    stationName: () => settings.value('stationName'),
    undoWindowMs: () => settings.value('qcUndoMinutes') * 60_000,
  };
  const bins = new Bins(db);
  const photos = new PhotoStore(db, path.join(deps.dataDir, PHOTO_FOLDER), clock);
  const journal = new ActionJournal(db);
  const decisions = new Decisions(ctx);
  const completion = new Completion(ctx, () => rejectReasonNames(settings));
  const undo = new Undo(ctx, journal, decisions, completion);
  const approvals = new Approvals(ctx, decisions);
  const station = new QcStation(ctx, {
    journal,
    receiving: new Receiving(ctx, new ScanRecords(ctx)),
    inspection: new Inspection(ctx, decisions),
    decisions,
    completion,
    unexpected: new Unexpected(ctx, bins),
    undo,
    bins,
    photos,
    resume: new ResumeState(ctx, completion, undo, approvals),
    approval: deps.approval ?? new SessionSupervisorApproval(deps.session),
  });
  return { station, context: ctx, decisions, plates, approvals, bins, photos, rules, lookup, store };
}

/** The shop's reject-reason names, when the station stores its own; ours map to the defaults. */
function rejectReasonNames(settings: SettingsStore): Record<RejectReason, string> {
  const stored = settings.getRaw('qc.rejectReasonNames');
  const names = { ...DEFAULT_REJECT_REASON_NAMES };
  if (stored && typeof stored === 'object') {
    for (const reason of REJECT_REASONS) {
      const v = (stored as Record<string, unknown>)[reason];
      if (typeof v === 'string' && v.length > 0 && v.length <= 100) names[reason] = v;
    }
  }
  return names;
}
