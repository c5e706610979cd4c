import { foundation } from './001-foundation';
import { auditMigrations } from '../../audit/migrations';
import {
  packingCombinedOrders,
  packingCutoffs,
  packingFlow,
  packingItemClasses,
  packingMigrations,
  packingPlatformProvider,
  packingSerialsPhotos,
  packingSkuItemClasses,
  packingSkuSerials,
  packingRebooks,
} from '../../packing/migrations';
import { credentialsMigrations } from '../../credentials/migrations';
import { printingMigrations } from '../../printing/migrations';
import { scansMigrations } from '../../scans/migrations';
import { sessionSecurity } from '../../session/migrations';
import { sync } from './002-sync';
import {
  returnsBuyerIndex,
  returnsDropLabelJobs,
  returnsLabelJobsStandIn,
  returnsPlatformUpdated,
  returnsQc,
  returnsSearch,
} from '../../returns/migrations';
import { returnsSupervision } from '../../returns/supervision-migrations';
import { outboxMigrations } from '../../outbox/migrations';
import {
  syncLateCancellations,
  syncMigrations,
  syncRefetchPackages,
  syncUnknownCodes,
  syncWebhookRefetch,
} from '../../sync/migrations';
import { carriersMigrations } from '../../carriers/migrations';
import { routesMigrations } from '../../routes/migrations';

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

/** A capability's own migration (`<cap>/NNN-name`), the shape main is moving to. */
export interface CapabilityMigration {
  id: string;
  sql: string;
}

/** Forward-only, numbered from 1 without gaps; a released migration is never edited, only followed. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'foundation', sql: foundation },
  { version: 2, name: 'sync', sql: sync },
  // Until the per-capability runner lands: each capability's migration as the next version.
  { version: 3, name: 'printing/001-print-queue', sql: printingMigrations[0]?.sql ?? '' },
  { version: 4, name: scansMigrations[0].id, sql: scansMigrations[0].sql },
  // The lead converts these to named per-capability migrations at merge (returns/001-qc, returns/002-…).
  { version: 5, name: 'returns', sql: returnsQc.sql + returnsLabelJobsStandIn.sql },
  { version: 6, name: 'audit/001-hash-chain', sql: auditMigrations[0]?.sql ?? '' },
  // The packing capability's migration, the same way (the lead renumbers at merge).
  { version: 7, name: 'packing/001-foundations', sql: packingMigrations[0]?.sql ?? '' },
  { version: 8, name: returnsSupervision.id, sql: returnsSupervision.sql },
  { version: 9, name: sessionSecurity.id, sql: sessionSecurity.sql, foreignKeysOff: true },
  { version: 10, name: returnsDropLabelJobs.id, sql: returnsDropLabelJobs.sql },
  { version: 11, name: returnsSearch.id, sql: returnsSearch.sql },
  // Capability migrations, numbered here until main tracks them by id (schema_migrations).
  ...[
    ...syncMigrations,
    ...outboxMigrations,
    ...carriersMigrations,
    ...routesMigrations,
    ...credentialsMigrations,
    returnsPlatformUpdated,
    returnsBuyerIndex,
    packingFlow,
    syncWebhookRefetch,
    syncUnknownCodes,
    packingSerialsPhotos,
    packingItemClasses,
    packingCombinedOrders,
    syncRefetchPackages,
    syncLateCancellations,
    packingCutoffs,
    packingPlatformProvider,
    packingSkuItemClasses,
    packingSkuSerials,
    packingRebooks,
  ].map((m, i) => ({ version: 12 + i, name: m.id, sql: m.sql })),
];
