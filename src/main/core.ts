import path from 'node:path';
import type { UserView } from '../shared/domain';
import type { SyncOverview, SyncReport } from '../shared/sync-views';
import { createDispatcher, type Dispatch } from './api/dispatch';
import { createHandlers } from './api/handlers';
import { AuditLog } from './audit/audit-log';
import { systemClock, type Clock } from './clock';
import { startCheckpointer, type Checkpointer } from './db/checkpointer';
import { openDatabase, type Db } from './db/open';
import { createIdGenerator, type IdGenerator } from './ids';
import { consoleLogger, type Logger } from './logger';
import { DeadLetters } from './outbox/dead-letters';
import { Outbox } from './outbox/outbox';
import { OutboxQueries } from './outbox/outbox-queries';
import { cryptoRandom, type Random } from './random';
import { CodeLookup } from './scans/lookup';
import { ScanService } from './scans/scan-service';
import { Session } from './session/session';
import { ensureStationIdentity, type StationIdentity } from './session/station-identity';
import { Users } from './session/users';
import { SettingsStore } from './settings/settings-store';

export interface CoreOptions {
  /** Folder holding the station database (and later backups, print spool, logs). */
  dataDir: string;
  clock?: Clock;
  random?: Random;
  logger?: Logger;
  /** Electron passes its own better-sqlite3 binary; plain Node uses the installed one. */
  nativeBinding?: string;
}

/** The supervisor's sync runs, as the contract sees them; built by the sync capability. */
export interface SyncApi {
  overview(): SyncOverview;
  startDaily(trigger: 'ui' | 'cli', by: UserView): Promise<{ runId: string }>;
  cancel(): { runId: string };
  reports(limit: number): SyncReport[];
  /** Something became deliverable outside the outbox's own wake-up (a dead letter sent again). */
  wake?(destination: string): void;
  close(): Promise<void>;
}

export interface Core {
  readonly dataDir: string;
  /** The station's stable id (a UUID made once per data folder). */
  readonly stationId: string;
  /** The better-sqlite3 binary in use, for the side databases capabilities open next to the station's. */
  readonly nativeBinding: string | undefined;
  readonly db: Db;
  readonly clock: Clock;
  readonly random: Random;
  readonly newId: IdGenerator;
  readonly logger: Logger;
  readonly settings: SettingsStore;
  readonly users: Users;
  readonly session: Session;
  readonly audit: AuditLog;
  readonly outbox: Outbox;
  readonly outboxQueries: OutboxQueries;
  readonly deadLetters: DeadLetters;
  readonly scans: ScanService;
  sync: SyncApi | null;
  readonly dispatch: Dispatch;
  close(): Promise<void>;
}

/** What the handlers are built on: every service, before the dispatcher exists. */
export type Services = Omit<Core, 'dispatch'>;

export const DATABASE_FILE = 'lastmile.sqlite';

/**
 * Builds every service of a station from plain Node modules. The Electron main process, the
 * station server, the CLI and the tests all start here; nothing is a module-level singleton.
 */
export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? cryptoRandom;
  const logger = options.logger ?? consoleLogger;
  let identity: StationIdentity | undefined;
  const db = openDatabase({
    file: path.join(options.dataDir, DATABASE_FILE),
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    seed: (d) => {
      identity = ensureStationIdentity(d, new Users(d, clock, random), random);
    },
  });
  let checkpointer: Checkpointer | null = null;
  try {
    checkpointer = startCheckpointer(db, logger);
    const newId = createIdGenerator(clock, random);
    const settings = new SettingsStore(db, clock);
    const station = (): string => settings.value('stationName');
    const users = new Users(db, clock, random);
    if (!identity) throw new Error('station identity was not seeded');
    const session = new Session(users, identity.defaultClerk);
    const audit = new AuditLog(db, clock, station);
    const outbox = new Outbox(db, clock, newId);
    const outboxQueries = new OutboxQueries(db);
    const deadLetters = new DeadLetters(db, clock, outboxQueries, audit);
    const scans = new ScanService(db, clock, newId, new CodeLookup(db), outbox, station);

    let closed = false;
    const services: Services = {
      dataDir: options.dataDir,
      stationId: identity.stationId,
      nativeBinding: options.nativeBinding,
      db,
      clock,
      random,
      newId,
      logger,
      settings,
      users,
      session,
      audit,
      outbox,
      outboxQueries,
      deadLetters,
      scans,
      sync: null,
      async close() {
        if (closed) return;
        closed = true;
        await services.sync?.close();
        checkpointer?.stop();
        db.close();
      },
    };
    // The handlers read the services (core.sync included) when called, so they can be built on them here.
    return Object.assign(services, {
      dispatch: createDispatcher(createHandlers(services), session, logger),
    });
  } catch (err) {
    checkpointer?.stop();
    db.close();
    throw err;
  }
}
