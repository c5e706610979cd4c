import { OUTBOX_STATUSES } from '../../shared/domain';
import type { CapabilityMigration } from '../db/migrations';

const list = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');

/** The pseudo-status under which outbox_counts keeps how many delivered events were archived. */
export const ARCHIVED = 'archived';

/**
 * Counters, a time index for delivered events, and the archive they move to.
 *
 * Counters are kept by triggers rather than by the delivery store: every status change (a claim,
 * a settle, a clerk's enqueue, a supervisor's retry or discard, a test's UPDATE, the archive's
 * DELETE) adjusts them in its own transaction, and no code path can forget to. Either way the same
 * counter page is written by the same transactions; the triggers only add a few microseconds of
 * work per changed row.
 *
 * The archive keeps what the audit log and the KPIs read (id, idempotency key, destination, type,
 * ordering key, attempts, created and delivered time) but not the payload. outbox_events.seq is an
 * INTEGER PRIMARY KEY without AUTOINCREMENT: a new row takes max(seq) + 1, so deleting the newest
 * row would hand its seq out again. The archive step therefore never moves the row with the
 * highest seq (outbox-archive.ts), which keeps seq growing as the delivery order requires, and the
 * archive keys its rows by the same seq, so the two tables never share one. An archived event's
 * idempotency key (or id) is still refused to a new event, by a trigger.
 */
const countsAndArchive = `
CREATE TABLE outbox_counts (
  destination  TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN (${list([...OUTBOX_STATUSES, ARCHIVED])})),
  n            INTEGER NOT NULL CHECK (n >= 0),
  PRIMARY KEY (destination, status)
) STRICT, WITHOUT ROWID;

INSERT INTO outbox_counts (destination, status, n)
  SELECT destination, status, count(*) FROM outbox_events GROUP BY destination, status;

CREATE TRIGGER outbox_counts_insert AFTER INSERT ON outbox_events
BEGIN
  INSERT INTO outbox_counts (destination, status, n) VALUES (NEW.destination, NEW.status, 1)
    ON CONFLICT (destination, status) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER outbox_counts_update AFTER UPDATE OF status, destination ON outbox_events
WHEN OLD.status IS NOT NEW.status OR OLD.destination IS NOT NEW.destination
BEGIN
  UPDATE outbox_counts SET n = n - 1 WHERE destination = OLD.destination AND status = OLD.status;
  INSERT INTO outbox_counts (destination, status, n) VALUES (NEW.destination, NEW.status, 1)
    ON CONFLICT (destination, status) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER outbox_counts_delete AFTER DELETE ON outbox_events
BEGIN
  UPDATE outbox_counts SET n = n - 1 WHERE destination = OLD.destination AND status = OLD.status;
END;

-- The retention step finds old deliveries without reading the rest of the history.
CREATE INDEX outbox_delivered_by_time ON outbox_events (delivered_at) WHERE status = 'delivered';

CREATE TABLE outbox_archive (
  seq              INTEGER PRIMARY KEY,
  id               TEXT NOT NULL UNIQUE,
  idempotency_key  TEXT NOT NULL,
  destination      TEXT NOT NULL,
  ordering_key     TEXT NOT NULL,
  type             TEXT NOT NULL,
  attempts         INTEGER NOT NULL,
  created_at       INTEGER NOT NULL,
  delivered_at     INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX outbox_archive_by_key ON outbox_archive (idempotency_key) WHERE idempotency_key <> id;
CREATE INDEX outbox_archive_by_delivery ON outbox_archive (destination, delivered_at);

CREATE TRIGGER outbox_archive_counts AFTER INSERT ON outbox_archive
BEGIN
  INSERT INTO outbox_counts (destination, status, n) VALUES (NEW.destination, '${ARCHIVED}', 1)
    ON CONFLICT (destination, status) DO UPDATE SET n = n + 1;
END;

-- Only a caller-chosen key can meet an archived one (an event's own id is new by construction),
-- so a clerk's scan, whose key is its id, pays nothing for this check.
CREATE TRIGGER outbox_key_not_archived BEFORE INSERT ON outbox_events
WHEN NEW.idempotency_key <> NEW.id AND (
  EXISTS (SELECT 1 FROM outbox_archive WHERE idempotency_key = NEW.idempotency_key AND idempotency_key <> id)
  OR EXISTS (SELECT 1 FROM outbox_archive WHERE id = NEW.idempotency_key))
BEGIN
  SELECT RAISE(ABORT, 'UNIQUE constraint failed: outbox_events.idempotency_key (archived)');
END;
`;

export const outboxMigrations: readonly CapabilityMigration[] = [
  { id: 'outbox/001-counts-and-archive', sql: countsAndArchive },
];
