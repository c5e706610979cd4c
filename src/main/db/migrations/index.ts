import { foundation } from './001-foundation';
import { scansMigrations } from '../../scans/migrations';
import { sync } from './002-sync';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Forward-only, numbered from 1 without gaps; a released migration is never edited, only followed. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'foundation', sql: foundation },
  { version: 2, name: 'sync', sql: sync },
  // Until the lead converts migrations to named ones per capability.
  { version: 3, name: scansMigrations[0].id, sql: scansMigrations[0].sql },
];
