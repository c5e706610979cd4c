import type { Db } from '../db/open';

/**
 * The labels a QC decision asks for, as the print queue takes them: a template name and its data,
 * spelled as the printing capability's templates declare them (src/main/printing/templates/:
 * qc-tag, restock-label, refurbish-work-order, license-plate; a test validates each against its
 * schema). They are enqueued INSIDE the decision's transaction, so a decision and its labels
 * commit or roll back together.
 */
export type LabelJob =
  | {
      template: 'qc-tag';
      data: {
        returnId: string;
        grade: 'A' | 'B' | 'C' | 'D';
        disposition: 'restock' | 'refurbish' | 'destroy' | 'return_to_seller';
        item: string;
        sku?: string;
        inspectedBy: string;
        inspectedAt: string;
        barcode: string;
      };
    }
  | { template: 'restock-label'; data: { sku: string; bin: string; description?: string; barcode: string } }
  | {
      template: 'refurbish-work-order';
      data: {
        workOrderId: string;
        returnId: string;
        item: string;
        faults: string;
        assignedTo: string;
        due: string;
      };
    }
  | {
      template: 'license-plate';
      data: { lpn: string; returnId: string; receivedAt: string; station: string };
    };

export type NewLabelJob = LabelJob & { requestedBy: string; printer?: string; whenNoPrinter?: 'wait' };

/**
 * The station's print queue as the bench uses it (core.printing). A job with no printer named goes
 * where the station's routing sends its template; with no printer set up at all it waits (the
 * banner says so) and the decision is never refused for it.
 */
export interface LabelQueue {
  enqueue(tx: Db, job: NewLabelJob): { id: string };
}

/** The bench's labels wait for a printer when none is set up yet: the decision is never refused for it. */
export function waitingForPrinter(queue: LabelQueue): LabelQueue {
  return { enqueue: (tx, job) => queue.enqueue(tx, { ...job, whenNoPrinter: 'wait' }) };
}

/** A label's date and time as the templates print them (station local time is the printer's business). */
export function labelTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * A value printed as a barcode: printable ASCII of at most `max` characters, else null (the
 * caller prints the unit's license plate instead — a SKU in Thai script is not a Code 128).
 */
export function barcodeValue(value: string | null | undefined, max = 40): string | null {
  const v = value?.trim() ?? '';
  return v.length > 0 && v.length <= max && /^[\x20-\x7e]+$/.test(v) ? v : null;
}

/**
 * Text for a label line: the scripts the station's label fonts cover (Latin with Vietnamese,
 * Thai, CJK); anything else (an emoji in a product name) is dropped rather than refuse the label.
 */
export function labelText(value: string, max: number): string {
  const kept = Array.from(value.normalize('NFC'))
    .filter((ch) => PRINTABLE.test(ch))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  return (kept.length > 0 ? kept : '-').slice(0, max);
}

// One code point at a time: combining marks (Thai, Vietnamese) are allowed on their own.
const PRINTABLE =
  // eslint-disable-next-line no-misleading-character-class
  /^[\u0020-\u007e\u00a0-\u024f\u0300-\u036f\u0e00-\u0e7f\u1e00-\u1eff\u2000-\u206f\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]$/u;
