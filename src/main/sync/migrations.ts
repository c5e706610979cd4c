import { PARCEL_STATUSES } from '../../shared/domain';
import type { CapabilityMigration } from '../db/migrations';

const list = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');

/**
 * Tracking updates for parcels this station does not know yet wait here, instead of being dropped
 * while the pull cursor moves past them. One mechanism applies them whichever way the parcel
 * arrives (a return order pulled later, a clerk's scan, a seed, any future insert): a trigger on
 * parcels, in the inserting transaction, exactly once (the rows are deleted as they are applied,
 * and tracking_events is unique per (source, external_id) anyway). Each row already carries the id
 * its tracking event will get, made when it was received, because SQL cannot make our sortable ids.
 *
 * The parcel's status and last_tracking_at end as if the updates had been applied one by one in
 * the order they happened (TrackingUpserts' rules): the latest update that names a status sets it
 * unless the warehouse has received the parcel; last_tracking_at only moves forward.
 */
const pendingTracking = `
CREATE TABLE pending_tracking (
  source           TEXT NOT NULL,
  external_id      TEXT NOT NULL,
  event_id         TEXT NOT NULL UNIQUE,
  carrier          TEXT NOT NULL,
  tracking_number  TEXT NOT NULL,
  status           TEXT CHECK (status IS NULL OR status IN (${list(PARCEL_STATUSES)})),
  description      TEXT NOT NULL,
  occurred_at      INTEGER NOT NULL,
  received_at      INTEGER NOT NULL,
  PRIMARY KEY (source, external_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX pending_tracking_by_number ON pending_tracking (tracking_number);
CREATE INDEX pending_tracking_by_received ON pending_tracking (received_at);

-- How many waiting updates found their parcel since the last daily sync report took the count.
CREATE TABLE pending_tracking_applied (
  id  INTEGER PRIMARY KEY CHECK (id = 1),
  n   INTEGER NOT NULL CHECK (n >= 0)
) STRICT;
INSERT INTO pending_tracking_applied (id, n) VALUES (1, 0);

CREATE TRIGGER parcels_apply_pending_tracking AFTER INSERT ON parcels
WHEN EXISTS (SELECT 1 FROM pending_tracking WHERE tracking_number = NEW.tracking_number)
BEGIN
  INSERT INTO tracking_events (id, parcel_id, source, external_id, status, description, occurred_at, received_at)
    SELECT p.event_id, NEW.id, p.source, p.external_id, coalesce(p.status, 'unknown'), p.description,
           p.occurred_at, p.received_at
    FROM pending_tracking p
    WHERE p.tracking_number = NEW.tracking_number
      AND NOT EXISTS (SELECT 1 FROM tracking_events t WHERE t.source = p.source AND t.external_id = p.external_id);
  UPDATE parcels SET
    status = CASE WHEN status = 'received' THEN status ELSE coalesce((
      SELECT p.status FROM pending_tracking p
      WHERE p.tracking_number = NEW.tracking_number AND p.status IS NOT NULL
        AND p.occurred_at >= coalesce(NEW.last_tracking_at, p.occurred_at)
      ORDER BY p.occurred_at DESC, p.received_at DESC, p.external_id DESC LIMIT 1), status) END,
    last_tracking_at = (
      SELECT max(coalesce(NEW.last_tracking_at, max(p.occurred_at)), max(p.occurred_at))
      FROM pending_tracking p WHERE p.tracking_number = NEW.tracking_number)
  WHERE id = NEW.id;
  UPDATE pending_tracking_applied
    SET n = n + (SELECT count(*) FROM pending_tracking WHERE tracking_number = NEW.tracking_number);
  DELETE FROM pending_tracking WHERE tracking_number = NEW.tracking_number;
END;
`;

/**
 * Every verified, first-time webhook notification, written in the transaction that stored its
 * events and remembered its id: what a platform only names (TikTok Shop's refetch ids) waits here,
 * and a supervisor can see what arrived when.
 */
const webhookNotifications = `
CREATE TABLE webhook_notifications (
  id               TEXT PRIMARY KEY,
  destination      TEXT NOT NULL,
  connector        TEXT NOT NULL,
  notification_id  TEXT NOT NULL,
  type             TEXT NOT NULL,
  tracking_events  INTEGER NOT NULL CHECK (tracking_events >= 0),
  return_orders    INTEGER NOT NULL CHECK (return_orders >= 0),
  refetch          TEXT,
  received_at      INTEGER NOT NULL,
  UNIQUE (destination, notification_id)
) STRICT;
CREATE INDEX webhook_notifications_by_received ON webhook_notifications (received_at);
`;

/**
 * Records a webhook named without carrying them (TikTok Shop's return and order ids), written in
 * the notification's own transaction and fetched afterwards (sync/webhook-refetch.ts), so a
 * restart or a platform outage between the two loses nothing. One row per record: a second
 * notification for an id still waiting bumps `requests`, and a fetch that was already in the air
 * deletes the row only if `requests` is still what it read (the newer notification is fetched too).
 */
const webhookRefetch = `
CREATE TABLE webhook_refetch (
  destination      TEXT NOT NULL,
  kind             TEXT NOT NULL CHECK (kind IN ('return', 'order')),
  external_id      TEXT NOT NULL,
  notification_id  TEXT NOT NULL,
  requests         INTEGER NOT NULL DEFAULT 1 CHECK (requests >= 1),
  attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  due_at           INTEGER NOT NULL,
  last_error       TEXT,
  created_at       INTEGER NOT NULL,
  PRIMARY KEY (destination, kind, external_id)
) STRICT;
CREATE INDEX webhook_refetch_by_due ON webhook_refetch (due_at);
`;

/**
 * Unknown source codes counted for the next daily report (sync/unknown-codes.ts), and the
 * checkpoints already counted, so neither a restart nor a re-read checkpoint changes a count.
 */
const unknownCodes = `
CREATE TABLE unknown_code_counts (
  account    TEXT NOT NULL,
  code       TEXT NOT NULL,
  connector  TEXT NOT NULL,
  count      INTEGER NOT NULL CHECK (count > 0),
  sample     TEXT NOT NULL,
  PRIMARY KEY (account, code)
) STRICT, WITHOUT ROWID;
CREATE TABLE unknown_code_seen (
  account  TEXT NOT NULL,
  item     TEXT NOT NULL,
  seen_at  INTEGER NOT NULL,
  PRIMARY KEY (account, item)
) STRICT, WITHOUT ROWID;
CREATE INDEX unknown_code_seen_by_time ON unknown_code_seen (seen_at);
`;

/**
 * The refetch queue takes package ids too (a PACKAGE_UPDATE naming only its package): SQLite
 * cannot alter a CHECK, so the table is rebuilt with what it holds. Nothing references it.
 */
const refetchPackages = `
CREATE TABLE webhook_refetch_next (
  destination      TEXT NOT NULL,
  kind             TEXT NOT NULL CHECK (kind IN ('return', 'order', 'package')),
  external_id      TEXT NOT NULL,
  notification_id  TEXT NOT NULL,
  requests         INTEGER NOT NULL DEFAULT 1 CHECK (requests >= 1),
  attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  due_at           INTEGER NOT NULL,
  last_error       TEXT,
  created_at       INTEGER NOT NULL,
  PRIMARY KEY (destination, kind, external_id)
) STRICT;
INSERT INTO webhook_refetch_next (destination, kind, external_id, notification_id, requests, attempts,
  due_at, last_error, created_at)
  SELECT destination, kind, external_id, notification_id, requests, attempts, due_at, last_error, created_at
  FROM webhook_refetch;
DROP TABLE webhook_refetch;
ALTER TABLE webhook_refetch_next RENAME TO webhook_refetch;
CREATE INDEX webhook_refetch_by_due ON webhook_refetch (due_at);
`;

/** Numbered after every other capability's, so versions already released keep their numbers. */
export const syncRefetchPackages: CapabilityMigration = {
  id: 'sync/005-refetch-packages',
  sql: refetchPackages,
};

/** Orders cancelled after their handover, until the next daily report lists them (late-cancellations.ts). */
const lateCancellations = `
CREATE TABLE sync_late_cancellations (
  account     TEXT NOT NULL,
  order_id    TEXT NOT NULL,
  noticed_at  INTEGER NOT NULL,
  PRIMARY KEY (account, order_id)
) STRICT, WITHOUT ROWID;
`;

/** Numbered after every other capability's, so versions already released keep their numbers. */
export const syncLateCancellations: CapabilityMigration = {
  id: 'sync/006-late-cancellations',
  sql: lateCancellations,
};

/** Numbered after every other capability's, so versions already released keep their numbers. */
export const syncUnknownCodes: CapabilityMigration = { id: 'sync/004-unknown-codes', sql: unknownCodes };

/** Numbered after every other capability's, so versions already released keep their numbers. */
export const syncWebhookRefetch: CapabilityMigration = {
  id: 'sync/003-webhook-refetch',
  sql: webhookRefetch,
};

export const syncMigrations: readonly CapabilityMigration[] = [
  { id: 'sync/001-pending-tracking', sql: pendingTracking },
  { id: 'sync/002-webhook-notifications', sql: webhookNotifications },
];
