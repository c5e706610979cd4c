import type { Clock } from '../clock';
import type { Db } from '../db/open';

export interface AuditEntry {
  userId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  details?: Record<string, unknown>;
}

/** Append-only record of who did what at which station; written in the same transaction as the act. */
export class AuditLog {
  private readonly insert;

  constructor(
    db: Db,
    private readonly clock: Clock,
    private readonly station: () => string,
  ) {
    this.insert = db.prepare(
      'INSERT INTO audit_log (at, user_id, station, action, entity_type, entity_id, details) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
  }

  record(entry: AuditEntry): void {
    this.insert.run(
      this.clock.now(),
      entry.userId,
      this.station(),
      entry.action,
      entry.entityType,
      entry.entityId,
      JSON.stringify(entry.details ?? {}),
    );
  }
}
