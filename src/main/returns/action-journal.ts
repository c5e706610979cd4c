import type { QcFeedback, QcUndoView } from '../../shared/returns/qc-views';
import type { Db } from '../db/open';
import type { ActionOutcome } from './qc-context';

export interface JournalEntry {
  id: string;
  receipt_id: string | null;
  kind: string;
  target: string | null;
  at: number;
  undo_kind: QcUndoView['what'] | null;
  user_id: string;
}

/**
 * Every bench action under the id the screen made for it. A repeated id (a retry after DB_LOCKED,
 * a lost answer) finds its first result here and acts no more; the undoable entries of a parcel,
 * newest first, are its undo stack. Entries are marked undone, never deleted.
 */
export class ActionJournal {
  private readonly byId;
  private readonly insert;
  private readonly top;
  private readonly markUndone;

  constructor(db: Db) {
    this.byId = db.prepare<[string], { result: string }>('SELECT result FROM qc_actions WHERE id = ?');
    this.insert = db.prepare(
      `INSERT INTO qc_actions (id, ord, receipt_id, kind, target, result, user_id, station_id, at, undo_kind)
       VALUES (@id, @ord, @receipt, @kind, @target, @result, @user, @station, @at, @undo)`,
    );
    this.top = db.prepare<[string], JournalEntry>(
      `SELECT id, receipt_id, kind, target, at, undo_kind, user_id FROM qc_actions
       WHERE receipt_id = ? AND undo_kind IS NOT NULL AND undone_at IS NULL ORDER BY ord DESC LIMIT 1`,
    );
    this.markUndone = db.prepare(
      'UPDATE qc_actions SET undone_by = ?, undone_at = ? WHERE id = ? AND undone_at IS NULL',
    );
  }

  /** The stored answer of an action already taken under this id. */
  replay(id: string): QcFeedback | null {
    const row = this.byId.get(id);
    return row ? (JSON.parse(row.result) as QcFeedback) : null;
  }

  record(
    entry: { id: string; ord: string; kind: string; user: string; station: string; at: number },
    outcome: ActionOutcome,
  ): void {
    this.insert.run({
      ...entry,
      receipt: outcome.receiptId,
      target: outcome.target,
      result: JSON.stringify(outcome.feedback),
      undo: outcome.undoable ?? null,
    });
  }

  /** The newest action of a parcel Undo would revert. */
  undoable(receiptId: string): JournalEntry | undefined {
    return this.top.get(receiptId);
  }

  undone(id: string, by: string, at: number): void {
    this.markUndone.run(by, at, id);
  }
}
