import {
  DIRECTIONS,
  OUTBOX_STATUSES,
  PARCEL_STATUSES,
  RETURN_STATUSES,
  SCAN_OUTCOMES,
  SCAN_SOURCES,
} from '../../../shared/domain';

const list = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');

// The roles as this migration shipped them: a released migration must make the same schema forever.
// Roles added later widen the CHECK in their own migration (session/migrations.ts).
const ROLES_AT_VERSION_1 = ['clerk', 'packer', 'supervisor'] as const;

/** First schema: the tables every station needs, with enums enforced by CHECK constraints. */
export const foundation = `
CREATE TABLE users (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  role        TEXT NOT NULL CHECK (role IN (${list(ROLES_AT_VERSION_1)})),
  pin_hash    TEXT NOT NULL,
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE settings (
  key         TEXT PRIMARY KEY,
  value       TEXT NOT NULL CHECK (json_valid(value)),
  updated_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE parcels (
  id                TEXT PRIMARY KEY,
  tracking_number   TEXT NOT NULL CHECK (length(tracking_number) BETWEEN 1 AND 128),
  carrier           TEXT NOT NULL,
  country           TEXT NOT NULL CHECK (length(country) = 2),
  order_id          TEXT,
  direction         TEXT NOT NULL CHECK (direction IN (${list(DIRECTIONS)})),
  status            TEXT NOT NULL CHECK (status IN (${list(PARCEL_STATUSES)})),
  last_tracking_at  INTEGER,
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL,
  UNIQUE (carrier, tracking_number)
) STRICT;
CREATE INDEX parcels_by_tracking ON parcels (tracking_number);
CREATE INDEX parcels_by_order ON parcels (order_id) WHERE order_id IS NOT NULL;

CREATE TABLE return_orders (
  id                      TEXT PRIMARY KEY,
  platform                TEXT NOT NULL CHECK (platform IN ('tiktok_shop', 'manual')),
  platform_return_id      TEXT NOT NULL,
  order_id                TEXT NOT NULL,
  parcel_id               TEXT REFERENCES parcels (id),
  return_tracking_number  TEXT,
  status                  TEXT NOT NULL CHECK (status IN (${list(RETURN_STATUSES)})),
  reason                  TEXT,
  created_at              INTEGER NOT NULL,
  updated_at              INTEGER NOT NULL,
  UNIQUE (platform, platform_return_id)
) STRICT;
CREATE INDEX return_orders_by_return_id ON return_orders (platform_return_id);
CREATE INDEX return_orders_by_order ON return_orders (order_id);
CREATE INDEX return_orders_by_tracking ON return_orders (return_tracking_number)
  WHERE return_tracking_number IS NOT NULL;
CREATE INDEX return_orders_by_parcel ON return_orders (parcel_id) WHERE parcel_id IS NOT NULL;

CREATE TABLE return_items (
  id               TEXT PRIMARY KEY,
  return_order_id  TEXT NOT NULL REFERENCES return_orders (id) ON DELETE CASCADE,
  sku              TEXT NOT NULL,
  barcode          TEXT,
  name             TEXT NOT NULL,
  quantity         INTEGER NOT NULL CHECK (quantity > 0)
) STRICT;
CREATE INDEX return_items_by_return ON return_items (return_order_id);
CREATE INDEX return_items_by_barcode ON return_items (barcode) WHERE barcode IS NOT NULL;

-- WITHOUT ROWID: the sortable id is the table's only B-tree and orders scans by time, so a scan
-- commit writes one page here instead of three (row, id index, time index).
CREATE TABLE scans (
  id               TEXT PRIMARY KEY,
  code             TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 128),
  symbology        TEXT,
  source           TEXT NOT NULL CHECK (source IN (${list(SCAN_SOURCES)})),
  station          TEXT NOT NULL,
  user_id          TEXT REFERENCES users (id),
  outcome          TEXT NOT NULL CHECK (outcome IN (${list(SCAN_OUTCOMES)})),
  parcel_id        TEXT REFERENCES parcels (id),
  return_order_id  TEXT REFERENCES return_orders (id),
  scanned_at       INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX scans_by_parcel ON scans (parcel_id) WHERE parcel_id IS NOT NULL;

CREATE TABLE qc_decisions (
  id              TEXT PRIMARY KEY,
  return_item_id  TEXT NOT NULL REFERENCES return_items (id),
  grade           TEXT NOT NULL CHECK (grade IN ('new', 'like_new', 'opened', 'damaged', 'unusable')),
  disposition     TEXT NOT NULL CHECK (disposition IN ('restock', 'refurbish', 'b_stock', 'recycle', 'destroy')),
  status          TEXT NOT NULL CHECK (status IN ('proposed', 'approved', 'rejected', 'done')),
  decided_by      TEXT NOT NULL REFERENCES users (id),
  approved_by     TEXT REFERENCES users (id),
  note            TEXT,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX qc_decisions_by_item ON qc_decisions (return_item_id);

-- seq is the commit order (one writer per file), which is the delivery order within an ordering key.
-- Not AUTOINCREMENT (that writes sqlite_sequence in every commit): seq only grows as long as the
-- newest row is never deleted, and outbox rows are never deleted.
CREATE TABLE outbox_events (
  seq              INTEGER PRIMARY KEY,
  id               TEXT NOT NULL UNIQUE,
  idempotency_key  TEXT NOT NULL,
  destination      TEXT NOT NULL,
  ordering_key     TEXT NOT NULL,
  type             TEXT NOT NULL,
  payload          TEXT NOT NULL CHECK (json_valid(payload)),
  status           TEXT NOT NULL CHECK (status IN (${list(OUTBOX_STATUSES)})),
  attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at  INTEGER NOT NULL,
  lease_owner      TEXT,
  lease_until      INTEGER,
  last_error       TEXT,
  last_error_kind  TEXT,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  delivered_at     INTEGER
) STRICT;
-- Most events use their own id as the idempotency key (unique already); only a key chosen by the
-- caller needs its own index entry, so a clerk's commit writes one B-tree page fewer.
CREATE UNIQUE INDEX outbox_by_idempotency_key ON outbox_events (idempotency_key) WHERE idempotency_key <> id;
CREATE INDEX outbox_ready ON outbox_events (destination, status, seq);
CREATE INDEX outbox_by_key ON outbox_events (ordering_key, seq) WHERE status <> 'delivered';

CREATE TABLE audit_log (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  at           INTEGER NOT NULL,
  user_id      TEXT REFERENCES users (id),
  station      TEXT NOT NULL,
  action       TEXT NOT NULL,
  entity_type  TEXT NOT NULL,
  entity_id    TEXT NOT NULL,
  details      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details))
) STRICT;
CREATE INDEX audit_by_entity ON audit_log (entity_type, entity_id);
CREATE INDEX audit_by_time ON audit_log (at);
`;
