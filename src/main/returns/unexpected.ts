import { AppError } from '../../shared/errors';
import { feedback, HUB_DESTINATION, type ActionOutcome, type Actor, type QcContext } from './qc-context';
import type { ReceiptRow } from './receipt-store';
import type { Bins } from './bins';

/**
 * A parcel no return order expects: it goes to quarantine, with a photo and a note (both
 * mandatory), and becomes an exception a supervisor resolves. Nothing about it is guessed.
 */
export class Unexpected {
  private readonly insertException;

  constructor(
    private readonly ctx: QcContext,
    private readonly bins: Bins,
  ) {
    this.insertException = ctx.db.prepare(
      `INSERT INTO qc_exceptions (id, receipt_id, kind, code, quarantine_bin, note, status, raised_by, raised_at, station_id)
       VALUES (?, ?, 'unexpected_return', ?, ?, ?, 'open', ?, ?, ?)`,
    );
  }

  start(code: string, actor: Actor): ActionOutcome {
    const { ctx } = this;
    const id = ctx.newId();
    ctx.store.insertReceipt({
      id,
      station: ctx.stationId,
      kind: 'unexpected',
      step: 'unexpected_photo',
      code,
      scanId: null,
      by: actor.user.id,
      now: ctx.clock.now(),
    });
    return {
      feedback: feedback('warning', 'unexpected_started', {}, { scannedCode: code }),
      receiptId: id,
      target: id,
    };
  }

  photo(receipt: ReceiptRow, sha256: string, actor: Actor): ActionOutcome {
    const { ctx } = this;
    if (receipt.step !== 'unexpected_photo' && receipt.step !== 'unexpected_note') {
      throw new AppError('QC_STEP_MISMATCH', { step: receipt.step });
    }
    const now = ctx.clock.now();
    ctx.store.linkPhoto('receipt', receipt.id, 'unexpected', sha256, actor.user.id, now, ctx.stationId);
    receipt.step = 'unexpected_note';
    ctx.store.saveReceipt(receipt, now);
    return {
      feedback: feedback('ok', 'photo_attached', { purpose: 'unexpected' }),
      receiptId: receipt.id,
      target: sha256,
    };
  }

  note(receipt: ReceiptRow, text: string): ActionOutcome {
    if (receipt.step !== 'unexpected_note') throw new AppError('QC_STEP_MISMATCH', { step: receipt.step });
    receipt.note = text;
    receipt.step = 'unexpected_bin';
    this.ctx.store.saveReceipt(receipt, this.ctx.clock.now());
    return { feedback: feedback('ok', 'note_saved', {}), receiptId: receipt.id, target: receipt.id };
  }

  /** The quarantine bin scanned: the exception is raised and the parcel leaves the bench. */
  quarantine(receipt: ReceiptRow, binCode: string, actor: Actor): ActionOutcome {
    const { ctx } = this;
    if (receipt.step !== 'unexpected_bin') throw new AppError('QC_STEP_MISMATCH', { step: receipt.step });
    const bin = this.bins.require(binCode, 'quarantine');
    if (!receipt.note) throw new AppError('QC_STEP_MISMATCH', { step: 'unexpected_note' });
    const photos = ctx.store.photos('receipt', receipt.id).map((p) => p.sha256);
    if (photos.length === 0) throw new AppError('QC_PHOTO_REQUIRED', { purpose: 'unexpected' });
    const now = ctx.clock.now();
    const exceptionId = ctx.newId();
    this.insertException.run(
      exceptionId,
      receipt.id,
      receipt.scanned_code,
      bin.code,
      receipt.note,
      actor.user.id,
      now,
      ctx.stationId,
    );
    ctx.outbox.enqueue(ctx.db, {
      destination: HUB_DESTINATION,
      orderingKey: `exception:${exceptionId}`,
      type: 'qc.exception_raised',
      payload: {
        stationId: ctx.stationId,
        exceptionId,
        receiptId: receipt.id,
        kind: 'unexpected_return',
        code: receipt.scanned_code,
        quarantineBin: bin.code,
        note: receipt.note,
        photos,
        raisedBy: actor.user.id,
        raisedAt: now,
      },
    });
    receipt.quarantine_bin = bin.code;
    receipt.status = 'completed';
    receipt.step = 'done';
    receipt.completed_by = actor.user.id;
    receipt.completed_at = now;
    ctx.store.saveReceipt(receipt, now);
    return {
      feedback: feedback('ok', 'exception_raised', { bin: bin.code }),
      receiptId: receipt.id,
      target: exceptionId,
    };
  }
}
