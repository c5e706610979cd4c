import type { Clock } from '../clock';
import type { Db } from '../db/open';
import { AUDIT_GENESIS, hashAuditRow, storableText, type AuditRowContent } from './audit-hash';
import { canonicalJson } from './canonical-json';

export interface AuditEntry {
  userId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  details?: Record<string, unknown>;
}

/** The station whose chain a log appends to: its stable id, and its display name read per row. */
export interface AuditStation {
  id: string;
  name: () => string;
}

/** The last row of a chain: what an anchor records and what the next row links to. */
export interface AuditHead {
  chain: string;
  seq: number;
  hash: string;
}

/**
 * Append-only record of who did what at which station, written in the same transaction as the
 * act. Each station's rows form one hash chain (chain = station id): a row carries its place
 * (seq), the previous row's hash and its own hash over its content (audit-hash.ts), so an edit, a
 * deletion or an insertion out of order shows in `lastmile audit verify`.
 */
export class AuditLog {
  private readonly selectHead;
  private readonly insert;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly station: AuditStation,
  ) {
    // One probe of the (chain, seq) index, never a scan, on every append.
    this.selectHead = db.prepare<[string], { seq: number; hash: string }>(
      'SELECT seq, hash FROM audit_log WHERE chain = ? ORDER BY seq DESC LIMIT 1',
    );
    this.insert = db.prepare<
      [number, string | null, string, string, string, string, string, string, number, string, string]
    >(
      `INSERT INTO audit_log (at, user_id, station, action, entity_type, entity_id, details, chain, seq, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  /**
   * Appends one row to this station's chain. Must run inside the caller's write transaction:
   * reading the head and appending after it are then one step under SQLite's write lock, so two
   * processes on one file can never both append after the same row.
   */
  record(entry: AuditEntry): void {
    if (!this.db.inTransaction) {
      throw new Error('AuditLog.record must run inside the transaction of the act it records');
    }
    this.append(this.linkNext(entry));
  }

  /** The chain this log appends to: the station id. */
  get chain(): string {
    return this.station.id;
  }

  /** The last row of this station's chain, or null before its first row. */
  head(): AuditHead | null {
    const row = this.selectHead.get(this.station.id);
    return row ? { chain: this.station.id, seq: row.seq, hash: row.hash } : null;
  }

  /** The next row after the current head, hashed: what record() appends. */
  private linkNext(entry: AuditEntry): AuditRowContent & { hash: string } {
    const head = this.selectHead.get(this.station.id);
    const content: AuditRowContent = {
      chain: this.station.id,
      seq: (head?.seq ?? 0) + 1,
      at: this.clock.now(),
      userId: entry.userId === null ? null : storableText(entry.userId),
      station: storableText(this.station.name()),
      action: storableText(entry.action),
      entityType: storableText(entry.entityType),
      entityId: storableText(entry.entityId),
      details: canonicalJson(entry.details ?? {}),
      prevHash: head?.hash ?? AUDIT_GENESIS,
    };
    return { ...content, hash: hashAuditRow(content) };
  }

  private append(row: AuditRowContent & { hash: string }): void {
    this.insert.run(
      row.at,
      row.userId,
      row.station,
      row.action,
      row.entityType,
      row.entityId,
      row.details,
      row.chain,
      row.seq,
      row.prevHash,
      row.hash,
    );
  }
}
