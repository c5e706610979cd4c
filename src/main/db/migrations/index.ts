import { foundation } from './001-foundation';
import { sessionSecurity } from '../../session/migrations';
import { sync } from './002-sync';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /**
   * The migration rebuilds a table that others reference (SQLite cannot alter a CHECK): it runs with
   * foreign keys off, and `PRAGMA foreign_key_check` must find nothing before it commits.
   */
  foreignKeysOff?: true;
}

/** Forward-only, numbered from 1 without gaps; a released migration is never edited, only followed. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'foundation', sql: foundation },
  { version: 2, name: 'sync', sql: sync },
  // Lead: session/001-security, numbered here until migrations are named per capability.
  { version: 3, name: 'session-security', sql: sessionSecurity.sql, foreignKeysOff: true },
];
