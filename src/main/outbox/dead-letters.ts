import type { OutboxEventView } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import { writeTransaction } from '../db/write';
import { auditedBy, type Actor } from '../session/actor';
import type { OutboxQueries } from './outbox-queries';

/**
 * The events a destination refused for good. A supervisor either sends one again (after fixing the
 * cause at the carrier) or discards it with a reason; both are written to the audit log, with the
 * supervisor who approved it (signed in, or by step-up at a clerk's session).
 */
export class DeadLetters {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly queries: OutboxQueries,
    private readonly audit: AuditLog,
  ) {}

  list(limit: number): OutboxEventView[] {
    return this.queries.list(['dead'], limit, 0).events;
  }

  retry(eventId: string, by: Actor): Promise<OutboxEventView> {
    return this.resolve(eventId, by, 'outbox.retry', {}, (now) =>
      this.db
        .prepare(
          `UPDATE outbox_events SET status = 'pending', attempts = 0, next_attempt_at = ?, lease_owner = NULL,
             lease_until = NULL, updated_at = ? WHERE id = ? AND status = 'dead'`,
        )
        .run(now, now, eventId),
    );
  }

  discard(eventId: string, reason: string, by: Actor): Promise<OutboxEventView> {
    return this.resolve(eventId, by, 'outbox.discard', { reason }, (now) =>
      this.db
        .prepare(
          `UPDATE outbox_events SET status = 'discarded', last_error = ?, updated_at = ? WHERE id = ? AND status = 'dead'`,
        )
        .run(`discarded by ${(by.approver ?? by.user).name}: ${reason}`, now, eventId),
    );
  }

  private resolve(
    eventId: string,
    by: Actor,
    action: string,
    details: Record<string, unknown>,
    update: (now: number) => { changes: number },
  ): Promise<OutboxEventView> {
    return writeTransaction(this.db, () => {
      const before = this.queries.get(eventId);
      if (!before) throw new AppError('NOT_FOUND', { entity: 'outbox_event', id: eventId });
      if (before.status !== 'dead')
        throw new AppError('OUTBOX_EVENT_NOT_DEAD', { id: eventId, status: before.status });
      update(this.clock.now());
      const { userId, approvedBy } = auditedBy(by);
      this.audit.record({
        userId,
        action,
        entityType: 'outbox_event',
        entityId: eventId,
        details: {
          ...details,
          approvedBy,
          destination: before.destination,
          type: before.type,
          lastError: before.lastError,
        },
      });
      const after = this.queries.get(eventId);
      if (!after) throw new AppError('NOT_FOUND', { entity: 'outbox_event', id: eventId });
      return after;
    });
  }
}
