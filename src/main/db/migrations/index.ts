import { foundation } from './001-foundation';
import { sync } from './002-sync';
import { outboxMigrations } from '../../outbox/migrations';
import { syncMigrations } from '../../sync/migrations';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** A capability's own migration (`<cap>/NNN-name`), the shape main is moving to. */
export interface CapabilityMigration {
  id: string;
  sql: string;
}

/** Forward-only, numbered from 1 without gaps; a released migration is never edited, only followed. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'foundation', sql: foundation },
  { version: 2, name: 'sync', sql: sync },
  // Capability migrations, numbered here until main tracks them by id (schema_migrations).
  ...[...syncMigrations, ...outboxMigrations].map((m, i) => ({ version: 3 + i, name: m.id, sql: m.sql })),
];
