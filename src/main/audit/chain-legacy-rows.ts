import type { Db } from '../db/open';
import { AUDIT_GENESIS, hashAuditRow, type AuditRowContent } from './audit-hash';
import type { AuditLog } from './audit-log';

interface LegacyRow {
  id: number;
  at: number;
  user_id: string | null;
  station: string;
  action: string;
  entity_type: string;
  entity_id: string;
  details: string;
}

const BATCH = 1000;

/**
 * Links the rows a station wrote before the audit log was chained, once: in id order they become
 * seq 1…n of the station's chain, content untouched, and one more row records that it happened.
 * Runs under the write lock at open (in the same transaction as the station identity), after
 * audit/001-hash-chain added the columns.
 *
 * Only a chain that has not started is linked: unchained rows found after the chain began were
 * not written by this app (the migration's trigger refuses them), and `lastmile audit verify`
 * reports them rather than this making them look legitimate.
 */
/** Whether chainLegacyRows has work: old unchained rows and a chain that has not started (two probes). */
export function hasLegacyRowsToChain(db: Db, stationId: string): boolean {
  const first = db.prepare<[], { seq: number | null }>('SELECT seq FROM audit_log ORDER BY id LIMIT 1').get();
  if (!first || first.seq !== null) return false;
  return (
    db
      .prepare<[string], { n: number }>('SELECT 1 AS n FROM audit_log WHERE chain = ? LIMIT 1')
      .get(stationId) === undefined
  );
}

export function chainLegacyRows(db: Db, audit: AuditLog): number {
  const stationId = audit.chain;
  if (!db.inTransaction) throw new Error('chainLegacyRows must run inside the opening transaction');
  // Old rows come before every chained one, so the first row tells (one probe of the primary key).
  const first = db
    .prepare<[], { id: number; seq: number | null }>('SELECT id, seq FROM audit_log ORDER BY id LIMIT 1')
    .get();
  if (!first || first.seq !== null || audit.head() !== null) return 0;

  const batch = db.prepare<[number, number], LegacyRow>(
    `SELECT id, at, user_id, station, action, entity_type, entity_id, details
     FROM audit_log WHERE seq IS NULL AND id > ? ORDER BY id LIMIT ?`,
  );
  const link = db.prepare<[string, number, string, string, number]>(
    'UPDATE audit_log SET chain = ?, seq = ?, prev_hash = ?, hash = ? WHERE id = ?',
  );
  let seq = 0;
  let prevHash = AUDIT_GENESIS;
  let lastId = first.id - 1;
  for (;;) {
    const rows = batch.all(lastId, BATCH);
    for (const row of rows) {
      const content: AuditRowContent = {
        chain: stationId,
        seq: seq + 1,
        at: row.at,
        userId: row.user_id,
        station: row.station,
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        details: row.details,
        prevHash,
      };
      const hash = hashAuditRow(content);
      link.run(stationId, content.seq, prevHash, hash, row.id);
      seq = content.seq;
      prevHash = hash;
      lastId = row.id;
    }
    if (rows.length < BATCH) break;
  }
  audit.record({
    userId: null,
    action: 'audit.chain_started',
    entityType: 'audit_log',
    entityId: stationId,
    details: { chainedRows: seq, firstId: first.id, lastId },
  });
  return seq;
}
