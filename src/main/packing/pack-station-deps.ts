import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import type { OutboundOrderStore } from './outbound-orders';
import type { PackStore } from './pack-store';

/** What PackStation's steps (combining, the seals) share: the station's database and stores. */
export interface PackStepDeps {
  db: Db;
  clock: Clock;
  stationId: string;
  audit: AuditLog;
  store: PackStore;
  orders: OutboundOrderStore;
  /** How long a booking or a platform call may take before it is treated as offline. */
  timeoutMs: () => number;
}
