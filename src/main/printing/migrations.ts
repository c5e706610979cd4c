import { PRINT_JOB_STATUSES, PRINTER_STATES } from '../../shared/printing';

const list = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');

/** Shape the lead's per-capability migration runner takes (see the helper brief). */
export interface CapabilityMigration {
  id: string;
  sql: string;
}

/**
 * Printer profiles, the print queue and each printer's last known state. A job keeps its
 * template and data (to reprint and to show in history) and, once rendered, the exact bytes
 * sent and their SHA-256, so a retry sends the very same label.
 */
export const printingMigrations: CapabilityMigration[] = [
  {
    id: 'printing/001-print-queue',
    sql: `
CREATE TABLE printer_profiles (
  id          TEXT PRIMARY KEY,
  profile     TEXT NOT NULL CHECK (json_valid(profile)),
  updated_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE print_jobs (
  seq              INTEGER PRIMARY KEY,
  id               TEXT NOT NULL UNIQUE,
  printer_id       TEXT NOT NULL,
  template         TEXT NOT NULL,
  data             TEXT NOT NULL CHECK (json_valid(data)),
  status           TEXT NOT NULL CHECK (status IN (${list(PRINT_JOB_STATUSES)})),
  attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at  INTEGER NOT NULL,
  rendered         BLOB,
  rendered_sha256  TEXT CHECK (rendered_sha256 IS NULL OR length(rendered_sha256) = 64),
  last_error       TEXT CHECK (last_error IS NULL OR json_valid(last_error)),
  requested_by     TEXT NOT NULL,
  reprint_of       TEXT REFERENCES print_jobs (id),
  reason           TEXT,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  printed_at       INTEGER,
  CHECK ((status = 'printed') = (printed_at IS NOT NULL))
) STRICT;
CREATE INDEX print_jobs_by_printer ON print_jobs (printer_id, status, seq);
CREATE INDEX print_jobs_waiting ON print_jobs (status, printer_id) WHERE status IN ('queued', 'sending');

CREATE TABLE printer_states (
  printer_id  TEXT PRIMARY KEY,
  state       TEXT NOT NULL CHECK (state IN (${list(PRINTER_STATES)})),
  last_error  TEXT,
  since       INTEGER,
  checked_at  INTEGER
) STRICT;
`,
  },
];
