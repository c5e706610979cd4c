/** Shape the lead's per-capability migration runner takes (see the helper brief). */
export interface CapabilityMigration {
  id: string;
  sql: string;
}

/**
 * Carrier and platform account secrets, one row per account and secret field, sealed by the
 * station's SecretCipher (the OS store in the desktop app, the key file in station mode). The
 * backend that sealed a row is kept so a value another backend sealed is reported as such, not
 * as garbage. `last_four` is at most the last four characters of a long secret (16 or more), the
 * only part a screen may show; null otherwise.
 */
export const credentialsMigrations: CapabilityMigration[] = [
  {
    id: 'credentials/001-carrier-credentials',
    sql: `
CREATE TABLE carrier_credentials (
  account     TEXT NOT NULL CHECK (length(account) BETWEEN 1 AND 64),
  field       TEXT NOT NULL CHECK (length(field) BETWEEN 1 AND 260),
  sealed      BLOB NOT NULL CHECK (length(sealed) > 0),
  backend     TEXT NOT NULL CHECK (length(backend) BETWEEN 1 AND 64),
  last_four   TEXT CHECK (last_four IS NULL OR length(last_four) <= 4),  -- characters, not bytes
  updated_at  INTEGER NOT NULL,
  updated_by  TEXT NOT NULL,
  PRIMARY KEY (account, field)
) STRICT, WITHOUT ROWID;
`,
  },
];
