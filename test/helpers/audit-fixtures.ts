import Database from 'better-sqlite3';
import path from 'node:path';
import type { AuditHead } from '../../src/main/audit/audit-log';
import { openAuditLogReadOnly } from '../../src/main/audit/read-only-log';
import {
  verifyAuditLog,
  type AuditVerification,
  type VerifyOptions,
} from '../../src/main/audit/audit-verify';
import type { Core } from '../../src/main/core';
import { DATABASE_FILE } from '../../src/main/core';
import { writeTransaction } from '../../src/main/db/write';

export const stationFile = (dataDir: string): string => path.join(dataDir, DATABASE_FILE);

/** Appends `n` rows through the real path (record() in a write transaction), one transaction each. */
export async function appendRows(core: Core, n: number, tag = 'row'): Promise<void> {
  for (let i = 1; i <= n; i++) {
    await writeTransaction(core.db, () =>
      core.audit.record({
        userId: i % 3 === 0 ? null : 'clerk',
        action: `test.${tag}`,
        entityType: 'parcel',
        entityId: `P${i}`,
        details: { i, tag, note: i % 5 === 0 ? 'ไทย 中文 "quoted"' : 'plain' },
      }),
    );
  }
}

/** Verifies a station file the way the CLI does: a read-only connection of its own. */
export function verifyFile(file: string, options: VerifyOptions = {}): AuditVerification {
  const db = openAuditLogReadOnly(file);
  try {
    return verifyAuditLog(db, options);
  } finally {
    db.close();
  }
}

/** Tampering by hand: a plain better-sqlite3 connection, as sqlite3 at a shell would be. */
export function tamper(file: string, sql: (db: Database.Database) => void): void {
  const db = new Database(file);
  try {
    sql(db);
  } finally {
    db.close();
  }
}

export interface StoredRow {
  id: number;
  chain: string;
  seq: number;
  at: number;
  user_id: string | null;
  station: string;
  action: string;
  entity_type: string;
  entity_id: string;
  details: string;
  prev_hash: string;
  hash: string;
}

export function storedRows(db: Database.Database): StoredRow[] {
  return db.prepare('SELECT * FROM audit_log ORDER BY id').all() as StoredRow[];
}

export function headOf(row: StoredRow): AuditHead {
  return { chain: row.chain, seq: row.seq, hash: row.hash };
}
