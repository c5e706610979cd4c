import { foundation } from './001-foundation';
import { packingMigrations } from '../../packing/migrations';
import { printingMigrations } from '../../printing/migrations';
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
  // Until the per-capability runner lands: the printing capability's migration as the next version.
  { version: 3, name: 'printing/001-print-queue', sql: printingMigrations[0]?.sql ?? '' },
  // The packing capability's migration, the same way (the lead renumbers at merge).
  { version: 4, name: 'packing/001-foundations', sql: packingMigrations[0]?.sql ?? '' },
];
