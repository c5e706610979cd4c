import { LINES, LINE_REASONS } from '../../shared/route-views';
import type { CapabilityMigration } from '../db/migrations';

const list = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');

/**
 * The route table (destination country, optionally one seller → primary and backup line) and the
 * record of which line each piece of routed work went to, written in the transaction that
 * enqueued it; the daily report takes the backup ones once each (reported_at).
 */
const routeTable = `
CREATE TABLE routes (
  id          TEXT PRIMARY KEY,
  country     TEXT NOT NULL CHECK (length(country) = 2 AND country = upper(country)),
  seller_id   TEXT CHECK (seller_id IS NULL OR length(seller_id) BETWEEN 1 AND 64),
  primary_line TEXT NOT NULL CHECK (length(primary_line) BETWEEN 1 AND 64),
  backup_line  TEXT CHECK (backup_line IS NULL OR (length(backup_line) BETWEEN 1 AND 64 AND backup_line <> primary_line)),
  updated_at  INTEGER NOT NULL,
  updated_by  TEXT
) STRICT;
-- One route per country and seller; '' stands for "every other seller" (NULLs are never equal).
CREATE UNIQUE INDEX routes_by_key ON routes (country, ifnull(seller_id, ''));

CREATE TABLE route_dispatches (
  event_id     TEXT PRIMARY KEY,
  route_id     TEXT NOT NULL,
  -- The route as it was when the work was sent (a route may be edited or deleted later).
  country      TEXT NOT NULL,
  seller_id    TEXT,
  primary_line TEXT NOT NULL,
  line         TEXT NOT NULL CHECK (line IN (${list(LINES)})),
  destination  TEXT NOT NULL,
  reason       TEXT NOT NULL CHECK (reason IN (${list(LINE_REASONS)})),
  at           INTEGER NOT NULL,
  reported_at  INTEGER
) STRICT;
CREATE INDEX route_dispatches_unreported ON route_dispatches (route_id) WHERE reported_at IS NULL AND line = 'backup';
CREATE INDEX route_dispatches_by_route_at ON route_dispatches (route_id, line, at);
`;

export const routesMigrations: CapabilityMigration[] = [{ id: 'routes/001-route-table', sql: routeTable }];
