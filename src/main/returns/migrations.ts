import {
  APPROVAL_STATUSES,
  BATCH_STATUSES,
  BIN_KINDS,
  DECISION_STATUSES,
  DISPOSITIONS,
  EXCEPTION_STATUSES,
  GRADES,
  OVERRIDE_REASONS,
  PARCEL_CONDITIONS,
  PHOTO_MIME_TYPES,
  PHOTO_PURPOSES,
  QC_CATEGORIES,
  QC_REASONS,
  RECEIPT_DECISIONS,
  RECEIPT_KINDS,
  RECEIPT_STATUSES,
  RECEIPT_STEPS,
  REJECT_REASONS,
  SCRAP_REASONS,
  UNIT_MATCHES,
  UNIT_STATUSES,
  UNIT_STEPS,
  WORK_ORDER_STATUSES,
} from '../../shared/returns/qc-codes';
import { UNDO_TARGETS } from '../../shared/returns/qc-views';

const list = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');

export interface CapabilityMigration {
  id: string;
  sql: string;
}

/**
 * Return QC: the platform's fields on return orders and items, bins, the parcels on the bench
 * (receipts) with their units, decisions, photos, approvals, destruction batches and certificates,
 * rule tables, exceptions, and the journal of bench actions (idempotency, undo, history).
 *
 * Nothing here is ever deleted: an undo marks a row undone and sends a compensating event.
 */
export const returnsQc: CapabilityMigration = {
  id: 'returns/001-qc',
  sql: `
ALTER TABLE return_orders ADD COLUMN buyer_name TEXT;
ALTER TABLE return_orders ADD COLUMN platform_status TEXT;
ALTER TABLE return_orders ADD COLUMN return_type TEXT;
ALTER TABLE return_orders ADD COLUMN next_action TEXT;
ALTER TABLE return_orders ADD COLUMN next_action_deadline INTEGER;
ALTER TABLE return_orders ADD COLUMN received_at INTEGER;
ALTER TABLE return_orders ADD COLUMN received_by TEXT REFERENCES users (id);
-- Several returns of one buyer may share a parcel: the bench lists the buyer's other open returns.
CREATE INDEX return_orders_by_buyer ON return_orders (buyer_name COLLATE NOCASE) WHERE buyer_name IS NOT NULL;

ALTER TABLE return_items ADD COLUMN platform_item_id TEXT;
ALTER TABLE return_items ADD COLUMN unit_price TEXT CHECK (unit_price IS NULL OR unit_price GLOB '[0-9]*');
ALTER TABLE return_items ADD COLUMN currency TEXT CHECK (currency IS NULL OR length(currency) = 3);
ALTER TABLE return_items ADD COLUMN category TEXT;
CREATE INDEX return_items_by_sku ON return_items (sku);

CREATE TABLE bins (
  code         TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 20),
  kind         TEXT NOT NULL CHECK (kind IN (${list(BIN_KINDS)})),
  description  TEXT,
  active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at   INTEGER NOT NULL
) STRICT;

-- One parcel on one bench. At most one is open per station: the bench resumes it after a restart.
CREATE TABLE qc_receipts (
  id              TEXT PRIMARY KEY,
  station_id      TEXT NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN (${list(RECEIPT_KINDS)})),
  status          TEXT NOT NULL CHECK (status IN (${list(RECEIPT_STATUSES)})),
  step            TEXT NOT NULL CHECK (step IN (${list(RECEIPT_STEPS)})),
  scanned_code    TEXT NOT NULL,
  scan_id         TEXT,
  condition       TEXT CHECK (condition IS NULL OR condition IN (${list(PARCEL_CONDITIONS)})),
  note            TEXT,
  quarantine_bin  TEXT REFERENCES bins (code),
  opened_by       TEXT NOT NULL REFERENCES users (id),
  opened_at       INTEGER NOT NULL,
  completed_by    TEXT REFERENCES users (id),
  completed_at    INTEGER,
  updated_at      INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX qc_receipts_one_open ON qc_receipts (station_id) WHERE status = 'open';
CREATE INDEX qc_receipts_by_completion ON qc_receipts (station_id, completed_at) WHERE completed_at IS NOT NULL;

CREATE TABLE qc_receipt_orders (
  receipt_id       TEXT NOT NULL REFERENCES qc_receipts (id),
  return_order_id  TEXT NOT NULL REFERENCES return_orders (id),
  position         INTEGER NOT NULL,
  added_by         TEXT NOT NULL REFERENCES users (id),
  added_at         INTEGER NOT NULL,
  -- The clerk's choice for the platform, made at the completion step (null: the suggestion stands).
  decision         TEXT CHECK (decision IS NULL OR decision IN (${list(RECEIPT_DECISIONS)})),
  reject_reason    TEXT CHECK (reject_reason IS NULL OR reject_reason IN (${list(REJECT_REASONS)})),
  PRIMARY KEY (receipt_id, return_order_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX qc_receipt_orders_by_order ON qc_receipt_orders (return_order_id);

-- A unit on the bench. Its rowid is its license plate's serial (LP + 8 digits + check digit).
CREATE TABLE qc_units (
  id               INTEGER PRIMARY KEY,
  receipt_id       TEXT NOT NULL REFERENCES qc_receipts (id),
  seq              INTEGER NOT NULL,
  status           TEXT NOT NULL CHECK (status IN (${list(UNIT_STATUSES)})),
  return_order_id  TEXT REFERENCES return_orders (id),
  return_item_id   TEXT REFERENCES return_items (id),
  match            TEXT NOT NULL CHECK (match IN (${list(UNIT_MATCHES)})),
  scanned_code     TEXT,
  serial           TEXT,
  sku              TEXT,
  name             TEXT,
  category         TEXT NOT NULL CHECK (category IN (${list(QC_CATEGORIES)})),
  step             TEXT NOT NULL CHECK (step IN (${list(UNIT_STEPS)})),
  answers          TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(answers)),
  grade            TEXT CHECK (grade IS NULL OR grade IN (${list(GRADES)})),
  reason           TEXT CHECK (reason IS NULL OR reason IN (${list(QC_REASONS)})),
  suggested        TEXT CHECK (suggested IS NULL OR suggested IN (${list(DISPOSITIONS)})),
  rule_id          TEXT,
  rule_version     INTEGER,
  chosen           TEXT CHECK (chosen IS NULL OR chosen IN (${list(DISPOSITIONS)})),
  override_reason  TEXT CHECK (override_reason IS NULL OR override_reason IN (${list(OVERRIDE_REASONS)})),
  scrap_reason     TEXT CHECK (scrap_reason IS NULL OR scrap_reason IN (${list(SCRAP_REASONS)})),
  decision_id      TEXT,
  created_by       TEXT NOT NULL REFERENCES users (id),
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
) STRICT;
CREATE INDEX qc_units_by_receipt ON qc_units (receipt_id, seq);
CREATE INDEX qc_units_by_item ON qc_units (return_item_id) WHERE return_item_id IS NOT NULL;

-- Every decision ever made, never deleted: an undo marks it and names the compensating event.
CREATE TABLE qc_unit_decisions (
  id                   TEXT PRIMARY KEY,
  unit_id              INTEGER NOT NULL REFERENCES qc_units (id),
  disposition          TEXT NOT NULL CHECK (disposition IN (${list(DISPOSITIONS)})),
  grade                TEXT NOT NULL CHECK (grade IN (${list(GRADES)})),
  reason               TEXT NOT NULL CHECK (reason IN (${list(QC_REASONS)})),
  suggested            TEXT NOT NULL CHECK (suggested IN (${list(DISPOSITIONS)})),
  rule_id              TEXT NOT NULL,
  rule_version         INTEGER NOT NULL,
  override_reason      TEXT CHECK (override_reason IS NULL OR override_reason IN (${list(OVERRIDE_REASONS)})),
  scrap_reason         TEXT CHECK (scrap_reason IS NULL OR scrap_reason IN (${list(SCRAP_REASONS)})),
  bin_code             TEXT REFERENCES bins (code),
  location             TEXT NOT NULL,
  work_order_id        TEXT,
  approval_id          TEXT,
  status               TEXT NOT NULL CHECK (status IN (${list(DECISION_STATUSES)})),
  adjustment_event_id  TEXT,
  decided_by           TEXT NOT NULL REFERENCES users (id),
  decided_at           INTEGER NOT NULL,
  station_id           TEXT NOT NULL,
  undone_by            TEXT REFERENCES users (id),
  undone_at            INTEGER,
  undo_event_id        TEXT
) STRICT;

CREATE TABLE qc_photos (
  sha256     TEXT PRIMARY KEY CHECK (length(sha256) = 64),
  mime_type  TEXT NOT NULL CHECK (mime_type IN (${list(PHOTO_MIME_TYPES)})),
  width      INTEGER NOT NULL CHECK (width > 0),
  height     INTEGER NOT NULL CHECK (height > 0),
  bytes      INTEGER NOT NULL CHECK (bytes > 0),
  stored_by  TEXT REFERENCES users (id),
  stored_at  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE qc_photo_links (
  entity_type  TEXT NOT NULL CHECK (entity_type IN ('receipt', 'unit')),
  entity_id    TEXT NOT NULL,
  purpose      TEXT NOT NULL CHECK (purpose IN (${list(PHOTO_PURPOSES)})),
  sha256       TEXT NOT NULL REFERENCES qc_photos (sha256),
  linked_by    TEXT NOT NULL REFERENCES users (id),
  linked_at    INTEGER NOT NULL,
  station_id   TEXT NOT NULL,
  PRIMARY KEY (entity_type, entity_id, purpose, sha256)
) STRICT, WITHOUT ROWID;

CREATE TABLE qc_work_orders (
  id           TEXT PRIMARY KEY,
  unit_id      INTEGER NOT NULL REFERENCES qc_units (id),
  decision_id  TEXT NOT NULL REFERENCES qc_unit_decisions (id),
  faults       TEXT NOT NULL CHECK (json_valid(faults)),
  status       TEXT NOT NULL CHECK (status IN (${list(WORK_ORDER_STATUSES)})),
  created_by   TEXT NOT NULL REFERENCES users (id),
  created_at   INTEGER NOT NULL,
  station_id   TEXT NOT NULL,
  closed_by    TEXT REFERENCES users (id),
  closed_at    INTEGER
) STRICT;

CREATE TABLE qc_approvals (
  id            TEXT PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('destroy')),
  unit_id       INTEGER NOT NULL REFERENCES qc_units (id),
  decision_id   TEXT NOT NULL REFERENCES qc_unit_decisions (id),
  status        TEXT NOT NULL CHECK (status IN (${list(APPROVAL_STATUSES)})),
  requested_by  TEXT NOT NULL REFERENCES users (id),
  requested_at  INTEGER NOT NULL,
  station_id    TEXT NOT NULL,
  decided_by    TEXT REFERENCES users (id),
  decided_at    INTEGER,
  decided_via   TEXT CHECK (decided_via IS NULL OR decided_via IN ('station', 'queue')),
  note          TEXT
) STRICT;
CREATE INDEX qc_approvals_by_status ON qc_approvals (status, requested_at);

-- Approved destroys wait in one open batch per station until it is closed and certified.
CREATE TABLE destruction_batches (
  id          TEXT PRIMARY KEY,
  station_id  TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN (${list(BATCH_STATUSES)})),
  opened_by   TEXT NOT NULL REFERENCES users (id),
  opened_at   INTEGER NOT NULL,
  closed_by   TEXT REFERENCES users (id),
  closed_at   INTEGER
) STRICT;
CREATE UNIQUE INDEX destruction_batches_one_open ON destruction_batches (station_id) WHERE status = 'open';

CREATE TABLE destruction_batch_items (
  batch_id     TEXT NOT NULL REFERENCES destruction_batches (id),
  unit_id      INTEGER NOT NULL REFERENCES qc_units (id),
  decision_id  TEXT NOT NULL REFERENCES qc_unit_decisions (id),
  approval_id  TEXT NOT NULL REFERENCES qc_approvals (id),
  added_at     INTEGER NOT NULL,
  -- An undone destroy leaves its batch marked, not deleted; a certified batch is never changed.
  removed_by   TEXT REFERENCES users (id),
  removed_at   INTEGER,
  PRIMARY KEY (batch_id, decision_id)
) STRICT, WITHOUT ROWID;

-- The certificate is a PDF kept content-addressed next to the photos; sha256 is its own hash.
CREATE TABLE destruction_certificates (
  id          TEXT PRIMARY KEY,
  batch_id    TEXT NOT NULL UNIQUE REFERENCES destruction_batches (id),
  sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
  issued_by   TEXT NOT NULL REFERENCES users (id),
  issued_at   INTEGER NOT NULL,
  station_id  TEXT NOT NULL
) STRICT;

-- Each saved rule table is a new version; decisions name the version and rule they followed.
CREATE TABLE qc_rule_sets (
  version   INTEGER PRIMARY KEY CHECK (version > 0),
  rules     TEXT NOT NULL CHECK (json_valid(rules)),
  note      TEXT,
  saved_by  TEXT NOT NULL REFERENCES users (id),
  saved_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE qc_exceptions (
  id              TEXT PRIMARY KEY,
  receipt_id      TEXT NOT NULL REFERENCES qc_receipts (id),
  kind            TEXT NOT NULL CHECK (kind IN ('unexpected_return')),
  code            TEXT NOT NULL,
  quarantine_bin  TEXT NOT NULL REFERENCES bins (code),
  note            TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN (${list(EXCEPTION_STATUSES)})),
  raised_by       TEXT NOT NULL REFERENCES users (id),
  raised_at       INTEGER NOT NULL,
  station_id      TEXT NOT NULL,
  resolved_by     TEXT REFERENCES users (id),
  resolved_at     INTEGER,
  resolution      TEXT
) STRICT;
CREATE INDEX qc_exceptions_by_status ON qc_exceptions (status, raised_at);

-- Every action taken at a bench, keyed by the id the screen made for it: a repeat returns the
-- stored result instead of acting twice; the undoable ones form the undo stack of their parcel.
CREATE TABLE qc_actions (
  id          TEXT PRIMARY KEY,
  ord         TEXT NOT NULL,
  receipt_id  TEXT,
  kind        TEXT NOT NULL,
  target      TEXT,
  result      TEXT NOT NULL CHECK (json_valid(result)),
  user_id     TEXT NOT NULL REFERENCES users (id),
  station_id  TEXT NOT NULL,
  at          INTEGER NOT NULL,
  undo_kind   TEXT CHECK (undo_kind IS NULL OR undo_kind IN (${list(UNDO_TARGETS)})),
  undone_by   TEXT REFERENCES users (id),
  undone_at   INTEGER
) STRICT, WITHOUT ROWID;
CREATE INDEX qc_actions_undo_stack ON qc_actions (receipt_id, ord) WHERE undo_kind IS NOT NULL AND undone_at IS NULL;
`,
};

/**
 * Released with returns/001 (schema version 5) while the print queue was not wired yet; kept
 * verbatim because a released migration is never edited. returns/003 drops the table.
 */
export const returnsLabelJobsStandIn: CapabilityMigration = {
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

/**
 * The bench's labels go to the station's print queue (print_jobs), in the decision's transaction.
 * Jobs the stand-in held were never printed: they move to the queue, waiting for a printer.
 */
export const returnsDropLabelJobs: CapabilityMigration = {
  id: 'returns/003-labels-to-print-queue',
  sql: `
INSERT INTO print_jobs (id, printer_id, template, data, status, attempts, next_attempt_at, requested_by,
                        reason, created_at, updated_at)
  SELECT id, coalesce(printer, ''), template, data, 'queued', 0, created_at, requested_by,
         'moved from the QC stand-in queue', created_at, created_at
  FROM qc_label_jobs ORDER BY seq;
DROP TABLE qc_label_jobs;
`,
};

/**
 * Manual search at the bench (part of a number, an order id, a buyer's name) as an FTS5 trigram
 * index: any substring of three characters or more is an index lookup, not a scan of every
 * return, and a buyer's name matches without its accents. Kept in step by triggers that fire only
 * when a searched column changes (a status change at the bench writes nothing here).
 */
export const returnsSearch: CapabilityMigration = {
  id: 'returns/004-return-search',
  sql: `
CREATE VIRTUAL TABLE return_search USING fts5(
  return_tracking_number, platform_return_id, order_id, buyer_name,
  content = 'return_orders', content_rowid = 'rowid', tokenize = 'trigram remove_diacritics 1'
);
INSERT INTO return_search (rowid, return_tracking_number, platform_return_id, order_id, buyer_name)
  SELECT rowid, return_tracking_number, platform_return_id, order_id, buyer_name FROM return_orders;
CREATE TRIGGER return_search_insert AFTER INSERT ON return_orders BEGIN
  INSERT INTO return_search (rowid, return_tracking_number, platform_return_id, order_id, buyer_name)
    VALUES (new.rowid, new.return_tracking_number, new.platform_return_id, new.order_id, new.buyer_name);
END;
CREATE TRIGGER return_search_delete AFTER DELETE ON return_orders BEGIN
  INSERT INTO return_search (return_search, rowid, return_tracking_number, platform_return_id, order_id, buyer_name)
    VALUES ('delete', old.rowid, old.return_tracking_number, old.platform_return_id, old.order_id, old.buyer_name);
END;
CREATE TRIGGER return_search_update
  AFTER UPDATE OF return_tracking_number, platform_return_id, order_id, buyer_name ON return_orders BEGIN
  INSERT INTO return_search (return_search, rowid, return_tracking_number, platform_return_id, order_id, buyer_name)
    VALUES ('delete', old.rowid, old.return_tracking_number, old.platform_return_id, old.order_id, old.buyer_name);
  INSERT INTO return_search (rowid, return_tracking_number, platform_return_id, order_id, buyer_name)
    VALUES (new.rowid, new.return_tracking_number, new.platform_return_id, new.order_id, new.buyer_name);
END;
`,
};

/**
 * The platform's own update time of each return order as last stored: a sync that brings an older
 * version of a return (an overlapping window, a replayed page) must not undo a newer one.
 */
export const returnsPlatformUpdated: CapabilityMigration = {
  id: 'returns/005-platform-updated',
  sql: `
ALTER TABLE return_orders ADD COLUMN platform_updated_at INTEGER;
`,
};

/**
 * A buyer's other returns still expected, oldest first (what the bench lists beside an open
 * parcel): an index range in the order shown, read only as far as the 20 the bench lists. With
 * the plain buyer index every return of that name — tens of them at 200,000 returns, where common
 * names repeat — was read, filtered and sorted on every answer of the bench (bench
 * qc-decision-commit).
 */
export const returnsBuyerIndex: CapabilityMigration = {
  id: 'returns/006-expected-by-buyer',
  sql: `
CREATE INDEX return_orders_expected_by_buyer ON return_orders (buyer_name COLLATE NOCASE, created_at)
  WHERE status = 'expected' AND buyer_name IS NOT NULL;
`,
};

export const returnsMigrations: CapabilityMigration[] = [
  returnsQc,
  returnsLabelJobsStandIn,
  returnsDropLabelJobs,
  returnsSearch,
  returnsPlatformUpdated,
  returnsBuyerIndex,
];
