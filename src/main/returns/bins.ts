import { AppError } from '../../shared/errors';
import type { BinKind } from '../../shared/returns/qc-codes';
import type { Db } from '../db/open';

export interface BinRow {
  code: string;
  kind: BinKind;
  description: string | null;
}

/** The warehouse's bin locations. A restock or a quarantine names one that exists, or nothing happens. */
export class Bins {
  private readonly byCode;
  private readonly all;
  private readonly insert;

  constructor(db: Db) {
    this.byCode = db.prepare<[string], BinRow>(
      'SELECT code, kind, description FROM bins WHERE code = ? AND active = 1',
    );
    this.all = db.prepare<[], BinRow>(
      'SELECT code, kind, description FROM bins WHERE active = 1 ORDER BY code',
    );
    this.insert = db.prepare(
      `INSERT INTO bins (code, kind, description, active, created_at) VALUES (?, ?, ?, 1, ?)
       ON CONFLICT (code) DO NOTHING`,
    );
  }

  /** The bin, which must exist and be of `kind`. */
  require(code: string, kind: BinKind): BinRow {
    const bin = this.byCode.get(code);
    if (!bin) throw new AppError('QC_BIN_NOT_FOUND', { code });
    if (bin.kind !== kind) throw new AppError('QC_BIN_WRONG_KIND', { code, kind: bin.kind, expected: kind });
    return bin;
  }

  list(): BinRow[] {
    return this.all.all();
  }

  add(code: string, kind: BinKind, description: string | null, now: number): void {
    this.insert.run(code, kind, description, now);
  }
}
