import { AppError } from '../../shared/errors';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import type { IdGenerator } from '../ids';
import type { CapabilityMigration } from './migrations';

/**
 * The labels a QC decision asks for, as the print queue takes them: a template name and its data,
 * spelled as the printing capability's templates declare them (qc-tag, restock-label,
 * refurbish-work-order, license-plate). `enqueue` runs INSIDE the decision's transaction, so a
 * decision and its labels commit or roll back together.
 *
 * INTEGRATION: the lead wires `printQueue.enqueue(tx, job)` of the printing capability here; until
 * then `LabelJobsStandIn` keeps the jobs in a table of their own so the transaction boundary is
 * real and tested.
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

export type NewLabelJob = LabelJob & { requestedBy: string; printer?: string };

export interface LabelJobs {
  enqueue(tx: Db, job: NewLabelJob): { id: string };
}

export const labelJobsStandIn: CapabilityMigration = {
  id: 'returns/002-label-jobs-stand-in',
  sql: `
-- Stand-in for the print queue's print_jobs until the printing capability is merged.
CREATE TABLE qc_label_jobs (
  seq           INTEGER PRIMARY KEY,
  id            TEXT NOT NULL UNIQUE,
  template      TEXT NOT NULL,
  data          TEXT NOT NULL CHECK (json_valid(data)),
  printer       TEXT,
  requested_by  TEXT NOT NULL,
  created_at    INTEGER NOT NULL
) STRICT;
`,
};

export class LabelJobsStandIn implements LabelJobs {
  private readonly insert;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly newId: IdGenerator,
  ) {
    this.insert = db.prepare(
      `INSERT INTO qc_label_jobs (id, template, data, printer, requested_by, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
    );
  }

  enqueue(tx: Db, job: NewLabelJob): { id: string } {
    if (tx !== this.db || !tx.inTransaction) {
      throw new AppError('INTERNAL', { reason: 'labelJobs.enqueue outside the caller transaction' });
    }
    const id = this.newId();
    this.insert.run(
      id,
      job.template,
      JSON.stringify(job.data),
      job.printer ?? null,
      job.requestedBy,
      this.clock.now(),
    );
    return { id };
  }
}

/** A label's date and time as the templates print them (station local time is the printer's business). */
export function labelTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}
