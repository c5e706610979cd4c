/**
 * The scans capability's own migrations (named; the lead registers them in db/migrations/index.ts).
 *
 * client_scan_id: the id the clerk's screen made for one scan, so a recordScan sent again (the
 * screen retried after "busy", or an answer was lost) is recorded once and answered with the first
 * result. Only the screen's scans carry one; the partial index holds only those.
 * outbox_event_id: the event that carries the scan, which that first result names.
 */
export const scansMigrations = [
  {
    id: 'scans/001-client-scan-id',
    sql: `
ALTER TABLE scans ADD COLUMN client_scan_id TEXT
  CHECK (client_scan_id IS NULL OR length(client_scan_id) BETWEEN 8 AND 64);
ALTER TABLE scans ADD COLUMN outbox_event_id TEXT;
CREATE UNIQUE INDEX scans_by_client_scan_id ON scans (client_scan_id) WHERE client_scan_id IS NOT NULL;
`,
  },
] as const;
