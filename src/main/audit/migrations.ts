/**
 * The hash chain of the audit log (docs/AUDIT.md). Columns are added rather than the table rebuilt,
 * so every existing row keeps its id and content; rows from before the chain have the four columns
 * NULL until the station links them at its next start (chain-legacy-rows.ts), which needs the
 * station id and SHA-256 — neither is available to plain SQL.
 *
 * The CHECK (on the last column, so it sees the three before it) makes a row either wholly
 * unchained or wholly chained; every test in it is NULL-safe, since a CHECK that comes out NULL
 * passes. The trigger refuses any new unchained row, so after this migration only AuditLog.record
 * appends. (chain, seq) is unique: two rows can never both claim one place, and the index makes
 * "the head of my chain" one probe. Hashes are checked for length only: verify recomputes them.
 */
export const auditMigrations: { id: string; sql: string }[] = [
  {
    id: 'audit/001-hash-chain',
    sql: `
ALTER TABLE audit_log ADD COLUMN chain TEXT;
ALTER TABLE audit_log ADD COLUMN seq INTEGER;
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT CHECK (
  CASE WHEN seq IS NULL AND chain IS NULL AND prev_hash IS NULL THEN hash IS NULL
  ELSE chain IS NOT NULL AND seq IS NOT NULL AND prev_hash IS NOT NULL AND hash IS NOT NULL
   AND length(chain) BETWEEN 1 AND 128
   AND seq >= 1
   AND length(prev_hash) = 64 AND length(hash) = 64
  END
);
CREATE UNIQUE INDEX audit_by_chain_seq ON audit_log (chain, seq);
CREATE TRIGGER audit_log_appends_chained BEFORE INSERT ON audit_log WHEN NEW.seq IS NULL
BEGIN
  SELECT RAISE(ABORT, 'audit_log rows are appended by AuditLog.record, with their place in the chain');
END;
`,
  },
];
