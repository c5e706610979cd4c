import { SYNC_RUN_STATUSES } from '../../../shared/sync-views';

const list = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');

/** Sync engine state: pull cursors, destination health, sync runs with their reports, the sync lock. */
export const sync = `
CREATE TABLE sync_cursors (
  source      TEXT PRIMARY KEY,
  cursor      TEXT,
  updated_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE destination_status (
  name             TEXT PRIMARY KEY,
  last_success_at  INTEGER,
  last_failure_at  INTEGER,
  last_error       TEXT,
  updated_at       INTEGER NOT NULL
) STRICT;

CREATE TABLE tracking_events (
  id            TEXT PRIMARY KEY,
  parcel_id     TEXT NOT NULL REFERENCES parcels (id),
  source        TEXT NOT NULL,
  external_id   TEXT NOT NULL,
  status        TEXT NOT NULL,
  description   TEXT NOT NULL,
  occurred_at   INTEGER NOT NULL,
  received_at   INTEGER NOT NULL,
  UNIQUE (source, external_id)
) STRICT;
CREATE INDEX tracking_events_by_parcel ON tracking_events (parcel_id, occurred_at);
CREATE INDEX parcels_by_last_tracking ON parcels (last_tracking_at);

CREATE TABLE sync_runs (
  id           TEXT PRIMARY KEY,
  trigger      TEXT NOT NULL CHECK (trigger IN ('ui', 'cli')),
  status       TEXT NOT NULL CHECK (status IN (${list(SYNC_RUN_STATUSES)})),
  started_by   TEXT REFERENCES users (id),
  started_at   INTEGER NOT NULL,
  finished_at  INTEGER,
  report       TEXT CHECK (report IS NULL OR json_valid(report))
) STRICT;
CREATE INDEX sync_runs_by_start ON sync_runs (started_at);

-- One row while a sync runs, in any process; a holder that stops heartbeating loses it.
CREATE TABLE sync_lock (
  name          TEXT PRIMARY KEY,
  holder        TEXT NOT NULL,
  pid           INTEGER NOT NULL,
  acquired_at   INTEGER NOT NULL,
  heartbeat_at  INTEGER NOT NULL
) STRICT;
`;
