import type { CapabilityMigration } from '../db/migrations';

/**
 * What a connector keeps between runs, per destination (the instance's name): OAuth tokens,
 * cursors of its own, webhook ids already seen (with an expiry), the circuit's "down since" the
 * route supervisor fails over on. A station restart or a one-shot CLI run must find them again,
 * so they live in the station database, not in memory.
 */
const connectorState = `
CREATE TABLE connector_state (
  destination  TEXT NOT NULL CHECK (length(destination) BETWEEN 1 AND 64),
  key          TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
  value        TEXT NOT NULL,
  -- Set for remembered keys (webhook de-duplication): a row past it is as good as absent.
  expires_at   INTEGER,
  updated_at   INTEGER NOT NULL,
  PRIMARY KEY (destination, key)
) STRICT, WITHOUT ROWID;
CREATE INDEX connector_state_by_expiry ON connector_state (expires_at) WHERE expires_at IS NOT NULL;
`;

export const carriersMigrations: CapabilityMigration[] = [
  { id: 'carriers/001-connector-state', sql: connectorState },
];
