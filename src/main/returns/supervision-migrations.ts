import {
  DESTROY_REJECT_REASONS,
  EXCEPTION_DISPOSALS,
  EXCEPTION_RESOLUTIONS,
} from '../../shared/returns/supervision-codes';
import type { CapabilityMigration } from './migrations';

const list = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');

/**
 * The supervisor's side of return QC: why a destroy was refused and what replaced it, batch notes
 * and their label, certificates with their canonical content and the issued file's hash, how an
 * exception was resolved, and the indexes the decision browser and the shift summary read by.
 */
export const returnsSupervision: CapabilityMigration = {
  id: 'returns/003-supervision',
  sql: `
ALTER TABLE qc_approvals ADD COLUMN reject_reason TEXT
  CHECK (reject_reason IS NULL OR reject_reason IN (${list(DESTROY_REJECT_REASONS)}));
ALTER TABLE qc_approvals ADD COLUMN replaced_by TEXT REFERENCES qc_unit_decisions (id);

-- The number people read on the cage label and the certificate (DB-<year>-<nnnn> per station), given at closing.
ALTER TABLE destruction_batches ADD COLUMN number TEXT;
CREATE UNIQUE INDEX destruction_batches_by_number ON destruction_batches (station_id, number) WHERE number IS NOT NULL;
ALTER TABLE destruction_batches ADD COLUMN note TEXT;
ALTER TABLE destruction_batches ADD COLUMN label_job_id TEXT;
ALTER TABLE destruction_batches ADD COLUMN label_error TEXT CHECK (label_error IS NULL OR json_valid(label_error));

-- The certificate keeps the content its hash is over (names as they were when it was issued) and
-- the hash of the file issued. Rebuilt rather than altered so both are NOT NULL where they must
-- be; no release wrote the first table, and a row in it would fail the copy loudly, not vanish.
CREATE TABLE destruction_certificates_v2 (
  id          TEXT PRIMARY KEY,
  batch_id    TEXT NOT NULL UNIQUE REFERENCES destruction_batches (id),
  sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
  content     TEXT NOT NULL CHECK (json_valid(content)),
  pdf_sha256  TEXT CHECK (pdf_sha256 IS NULL OR length(pdf_sha256) = 64),
  pdf_bytes   INTEGER CHECK (pdf_bytes IS NULL OR pdf_bytes > 0),
  issued_by   TEXT NOT NULL REFERENCES users (id),
  issued_at   INTEGER NOT NULL,
  station_id  TEXT NOT NULL
) STRICT;
INSERT INTO destruction_certificates_v2 (id, batch_id, sha256, content, issued_by, issued_at, station_id)
  SELECT id, batch_id, sha256, NULL, issued_by, issued_at, station_id FROM destruction_certificates;
DROP TABLE destruction_certificates;
ALTER TABLE destruction_certificates_v2 RENAME TO destruction_certificates;
CREATE UNIQUE INDEX destruction_certificates_by_pdf ON destruction_certificates (pdf_sha256)
  WHERE pdf_sha256 IS NOT NULL;

ALTER TABLE qc_exceptions ADD COLUMN resolution_kind TEXT
  CHECK (resolution_kind IS NULL OR resolution_kind IN (${list(EXCEPTION_RESOLUTIONS)}));
ALTER TABLE qc_exceptions ADD COLUMN matched_return_order_id TEXT REFERENCES return_orders (id);
ALTER TABLE qc_exceptions ADD COLUMN disposal TEXT
  CHECK (disposal IS NULL OR disposal IN (${list(EXCEPTION_DISPOSALS)}));
ALTER TABLE qc_exceptions ADD COLUMN resolution_event_id TEXT;

-- A unit's every decision (undone ones too), for the decision browser's history.
CREATE INDEX qc_unit_decisions_by_unit ON qc_unit_decisions (unit_id);
-- Undos per clerk for the shift summary; partial, so ordinary bench actions write no entry.
CREATE INDEX qc_actions_undos_by_user ON qc_actions (user_id, at) WHERE kind = 'undo';
`,
};

export const supervisionMigrations: CapabilityMigration[] = [returnsSupervision];
