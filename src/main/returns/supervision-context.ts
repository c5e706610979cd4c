import type { UserView } from '../../shared/domain';
import type { StationRef } from '../../shared/returns/supervision-views';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import type { IdGenerator } from '../ids';
import type { Outbox } from '../outbox/outbox';
import type { EnqueuedJob, NewPrintJob } from '../printing/queue/print-queue';
import type { Qc } from './create-qc';

/** The print queue as the supervisor's side uses it (the printing capability's, in a station). */
export interface LabelQueue {
  enqueue(tx: Db, job: NewPrintJob): EnqueuedJob;
  jobStatus(
    jobId: string,
  ): { status: 'queued' | 'sending' | 'printed' | 'failed' | 'cancelled'; printerId: string } | null;
}

/** Everything the supervisor's side of return QC works with; passed in, so it runs in a station or a hub. */
export interface SupervisionDeps {
  db: Db;
  dataDir: string;
  clock: Clock;
  newId: IdGenerator;
  stationId: string;
  stationName: () => string;
  audit: AuditLog;
  outbox: Outbox;
  labels: LabelQueue;
  qc: Qc;
}

const PRIVILEGED = new Set<string>(['supervisor', 'admin']);

export function isPrivileged(user: Pick<UserView, 'role'>): boolean {
  return PRIVILEGED.has(user.role);
}

/** Users and stations as the views show them. */
export class People {
  private readonly byId;

  constructor(private readonly deps: Pick<SupervisionDeps, 'db' | 'stationId' | 'stationName'>) {
    this.byId = deps.db.prepare<[string], UserView>('SELECT id, name, role FROM users WHERE id = ?');
  }

  user(id: string): UserView {
    // A user id no longer in the table (a hub's row from another station) still shows as its id.
    return this.byId.get(id) ?? { id, name: id, role: 'clerk' };
  }

  maybe(id: string | null): UserView | null {
    return id === null ? null : this.user(id);
  }

  station(id: string): StationRef {
    return { id, name: id === this.deps.stationId ? this.deps.stationName() : null };
  }
}

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The smallest sortable id (src/main/ids.ts: 10 base32 digits of milliseconds, then 16 random)
 * made at `ms`: rows keyed by such ids are read by time through their primary key.
 */
export function idAtTime(ms: number): string {
  let out = '';
  // Ten base32 digits hold 2^50 ms; a later bound is the largest id there is.
  let t = Math.min(Math.max(0, Math.floor(ms)), 2 ** 50 - 1);
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[t % 32] + out;
    t = Math.floor(t / 32);
  }
  return `${out}${'0'.repeat(16)}`;
}

/** The UTC ISO time a certificate and the hub's payloads carry. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
