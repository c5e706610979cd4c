import path from 'node:path';
import type { UserView } from '../shared/domain';
import type { SyncOverview, SyncReport } from '../shared/sync-views';
import { AppError } from '../shared/errors';
import { ParcelActivity } from './activity/parcel-activity';
import { recentScanActivity } from './activity/recent-scan-activity';
import { createDispatcher, type Dispatch } from './api/dispatch';
import { BackupError, backupBeforeMigration } from './backup/backup';
import { BACKUP_DIR } from './backup/backup-files';
import { createHandlers } from './api/handlers';
import { AuditLog } from './audit/audit-log';
import { chainLegacyRows, hasLegacyRowsToChain } from './audit/chain-legacy-rows';
import { systemClock, type Clock } from './clock';
import { startCheckpointer, type Checkpointer } from './db/checkpointer';
import { holdSharedDataDirLock, type DataDirLock } from './db/data-dir-lock';
import { openDatabase, type Db } from './db/open';
import { createIdGenerator, type IdGenerator } from './ids';
import { consoleLogger, type Logger } from './logger';
import { DeadLetters } from './outbox/dead-letters';
import type { LabelRenderer } from './printing/label-renderer';
import { PrintingService } from './printing/printing-service';
import type { Timers } from './printing/queue/timers';
import type { PrinterTransport } from './printing/transport/printer-transport';
import { Outbox } from './outbox/outbox';
import { createPacking, type CorePackingOptions, type Packing } from './packing/create-packing';
import { createQc, type Qc } from './returns/create-qc';
import { StoredLineHealth } from './routes/line-health';
import { RouteBook } from './routes/route-book';
import { configuredDestinationNames } from './sync/configured-lines';
import { failoverAfterMsOf, failoverAfterMsSchema, DEFAULT_FAILOVER_AFTER_MS } from './sync/failover-config';
import { SYNC_CONFIG_KEY } from './sync/sync-config-key';
import { OutboxQueries } from './outbox/outbox-queries';
import { cryptoRandom, type Random } from './random';
import { CodeLookup } from './scans/lookup';
import { ScanService } from './scans/scan-service';
import { CarrierAccounts } from './credentials/carrier-accounts';
import { keyFileCipherSource, onceCipher } from './credentials/cipher-source';
import { CredentialStore, type CipherSource } from './credentials/credential-store';
import { KnownSecrets, knownSecretsLogger } from './credentials/known-secrets';
import { Authenticator } from './session/authenticator';
import { Session } from './session/session';
import { SignInThrottle, type LockoutPolicy } from './session/sign-in-throttle';
import { ensureStationIdentity, readStationIdentity, type StationIdentity } from './session/station-identity';
import { UserAdmin } from './session/user-admin';
import { Users } from './session/users';
import { SettingsStore } from './settings/settings-store';
import { StationToken } from './station/station-token';
import type { WebhookIntakeApi } from './sync/webhook-intake';

export interface CoreOptions {
  /** Folder holding the station database (and later backups, print spool, logs). */
  dataDir: string;
  clock?: Clock;
  random?: Random;
  logger?: Logger;
  /** Electron passes its own better-sqlite3 binary; plain Node uses the installed one. */
  nativeBinding?: string;
  /** PIN lock-out; the default locks after 5 failures for 30 s, doubling up to an hour. */
  lockout?: LockoutPolicy;
  printing?: CorePrintingOptions;
  /**
   * Where carrier secrets are sealed: the desktop app's core asks the shell (safeStorage over the
   * host protocol); default the key file in the data folder (station mode, the CLI).
   */
  secrets?: CipherSource;
  /** The network of carrier connection tests; default the global fetch. */
  fetch?: typeof fetch;
  /** The packing bench's carrier booking, platform provider lists, scale and zone. */
  packing?: CorePackingOptions;
}

export interface CorePrintingOptions {
  /**
   * Start printing with the core (load the shaper, start the worker); default true. A command that
   * never prints (`lastmile sync`) passes false: it loads nothing and sends nothing.
   */
  start?: boolean;
  /** Send jobs to printers; default true. Only one process per station folder should. */
  worker?: boolean;
  transport?: PrinterTransport;
  timers?: Timers;
  renderer?: LabelRenderer;
  backoff?: { baseMs?: number; capMs?: number };
  sendTimeoutMs?: number;
}

/** The supervisor's sync runs, as the contract sees them; built by the sync capability. */
export interface SyncApi {
  overview(): SyncOverview;
  startDaily(trigger: 'ui' | 'cli', by: UserView): Promise<{ runId: string }>;
  cancel(): { runId: string };
  reports(limit: number): SyncReport[];
  /** Something became deliverable outside the outbox's own wake-up (a dead letter sent again). */
  wake?(destination: string): void;
  /** Resolves once no daily sync runs in this process. */
  whenIdle?(): Promise<void>;
  /** Webhooks for the configured accounts (the station server's /webhooks/ path). */
  readonly webhooks?: WebhookIntakeApi;
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
  readonly signInThrottle: SignInThrottle;
  readonly authenticator: Authenticator;
  readonly userAdmin: UserAdmin;
  /** The key of the station server's API, kept in the data folder (made on first use). */
  readonly stationToken: StationToken;
  readonly audit: AuditLog;
  readonly outbox: Outbox;
  readonly outboxQueries: OutboxQueries;
  readonly deadLetters: DeadLetters;
  readonly scans: ScanService;
  /** Return QC at this station's bench (receive, inspect, decide, complete). */
  readonly qc: Qc;
  /** Whether a parcel is open at any client (getActivity); capabilities that open parcels register here. */
  readonly activity: ParcelActivity;
  sync: SyncApi | null;
  /** Routes and backup lines: which carrier takes new work for a country (and seller), and when the backup does. */
  readonly routes: RouteBook;
  /** Label printing: templates, printer profiles, the print queue and its worker. */
  readonly printing: PrintingService;
  /** Carrier and platform account secrets: stored sealed, tested, never handed to a screen. */
  readonly credentials: CarrierAccounts;
  /** The outbound packing bench and the dock: orders to pack, pack sessions, manifests. */
  readonly packing: Packing;
  /** Every secret this core has handled, redacted from its logs and sync reports. */
  readonly knownSecrets: KnownSecrets;
  readonly dispatch: Dispatch;
  close(): Promise<void>;
}

/** What the handlers are built on: every service, before the dispatcher exists. */
export type Services = Omit<Core, 'dispatch'>;

export const DATABASE_FILE = 'lastmile.sqlite';

/**
 * Builds every service of a station from plain Node modules. The core process of the desktop
 * app, the station server, the CLI and the tests all start here; nothing is a module-level
 * singleton. It holds the data-folder lock for as long as it is open (so `lastmile restore`
 * refuses to swap the database under it, whichever entry point started it), and backs an
 * existing database up before migrating it.
 */
export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? cryptoRandom;
  const knownSecrets = new KnownSecrets();
  const logger = knownSecretsLogger(options.logger ?? consoleLogger, knownSecrets);
  // Before the database is touched: a restore under way makes this wait (then refuse), not race it.
  const lock: DataDirLock = holdSharedDataDirLock(options.dataDir, { nativeBinding: options.nativeBinding });
  let identity: StationIdentity | undefined;
  let db: Db;
  try {
    db = openDatabase({
      file: path.join(options.dataDir, DATABASE_FILE),
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      beforeMigrate: (d, { fromVersion, toVersion }) => {
        const backup = preMigrationBackup(d, options, clock, fromVersion);
        logger.info('backed up the database before upgrading its schema', {
          fromVersion,
          toVersion,
          file: backup?.file ?? null,
        });
      },
      seed: {
        // Seeded: the identity exists and no rows from before the hash chain wait to be linked.
        isSeeded: (d) => {
          identity = readStationIdentity(d, new Users(d, clock, random)) ?? undefined;
          return identity !== undefined && !hasLegacyRowsToChain(d, identity.stationId);
        },
        write: (d) => {
          identity = ensureStationIdentity(d, new Users(d, clock, random), random);
          // Rows from before the hash chain are linked once, as soon as the station id exists.
          const name = new SettingsStore(d, clock);
          chainLegacyRows(
            d,
            new AuditLog(d, clock, { id: identity.stationId, name: () => name.value('stationName') }),
          );
        },
      },
    });
  } catch (err) {
    lock.release();
    throw err;
  }
  let checkpointer: Checkpointer | null = null;
  try {
    checkpointer = startCheckpointer(db, logger);
    const newId = createIdGenerator(clock, random);
    const settings = new SettingsStore(db, clock);
    const station = (): string => settings.value('stationName');
    const users = new Users(db, clock, random);
    if (!identity) throw new Error('station identity was not seeded');
    const stationId = identity.stationId;
    const audit = new AuditLog(db, clock, { id: stationId, name: station });
    const signInThrottle = new SignInThrottle(db, clock, options.lockout);
    const authenticator = new Authenticator(db, users, signInThrottle, audit, stationId);
    const session = new Session({
      db,
      clock,
      random,
      users,
      authenticator,
      audit,
      defaultUser: identity.defaultClerk,
      stationId,
      stationName: station,
      idleMinutes: () => settings.value('supervisorIdleMinutes'),
    });
    const userAdmin = new UserAdmin(db, users, signInThrottle, audit, session, stationId);
    const outbox = new Outbox(db, clock, newId);
    const outboxQueries = new OutboxQueries(db);
    const deadLetters = new DeadLetters(db, clock, outboxQueries, audit);
    const scans = new ScanService(db, clock, newId, new CodeLookup(db), outbox, station);
    const p = options.printing ?? {};
    const printing = new PrintingService({
      db,
      clock,
      random,
      newId,
      logger,
      audit,
      ...(p.transport ? { transport: p.transport } : {}),
      ...(p.timers ? { timers: p.timers } : {}),
      ...(p.renderer ? { renderer: p.renderer } : {}),
      ...(p.backoff ? { backoff: p.backoff } : {}),
      ...(p.sendTimeoutMs !== undefined ? { sendTimeoutMs: p.sendTimeoutMs } : {}),
      worker: p.worker ?? true,
    });
    if (p.start !== false) {
      // Whoever serves screens awaits core.printing.ready(); a failure is logged here once as well.
      printing.start().catch((err: unknown) => logger.error('printing could not start', { error: err }));
    }
    const qc = createQc({
      db,
      dataDir: options.dataDir,
      clock,
      newId,
      outbox,
      settings,
      session,
      audit,
      stationId,
      labels: printing,
    });
    const activity = new ParcelActivity(clock, logger);
    activity.register(recentScanActivity(db));
    // A parcel on the QC bench is open until completed, however long the clerk takes.
    activity.register({
      name: 'qc-receipt',
      openParcels: () => {
        const open = qc.store.openReceipt(stationId);
        return open ? [{ source: 'qc-receipt', clientId: null, since: open.opened_at }] : [];
      },
    });

    let packingRef: Packing | null = null;
    const routes = new RouteBook({
      db,
      clock,
      newId,
      outbox,
      audit,
      health: new StoredLineHealth(db),
      failoverAfterMs: () => {
        try {
          return failoverAfterMsOf(settings.getRaw(SYNC_CONFIG_KEY));
        } catch {
          return DEFAULT_FAILOVER_AFTER_MS;
        }
      },
      lines: () => {
        // The bench's booking (the one given here, else the one sync wires from the accounts).
        const booking = packingRef?.station.bookingLines() ?? [];
        try {
          return [...new Set([...configuredDestinationNames(settings.getRaw(SYNC_CONFIG_KEY)), ...booking])];
        } catch {
          return [...booking];
        }
      },
      writeFailoverAfterMs: (ms) => {
        const raw: unknown = settings.getRaw(SYNC_CONFIG_KEY);
        const config = raw !== null && typeof raw === 'object' ? raw : { destinations: [], feeds: {} };
        settings.writeRaw(SYNC_CONFIG_KEY, { ...config, failoverAfterMs: failoverAfterMsSchema.parse(ms) });
      },
    });
    const cipher = options.secrets
      ? onceCipher(options.secrets)
      : keyFileCipherSource(options.dataDir, random);
    const credentials = new CarrierAccounts({
      store: new CredentialStore(db, clock, cipher, knownSecrets, audit),
      cipher,
      known: knownSecrets,
      settings,
      clock,
      random,
      logger,
      dataDir: options.dataDir,
      nativeBinding: options.nativeBinding,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      userName: (id) => users.find(id)?.name ?? null,
    });

    const packing = createPacking({
      db,
      clock,
      newId,
      outbox,
      audit,
      logger,
      stationId,
      stationName: station,
      routes,
      printing,
      photos: qc.photos,
      photoRequired: () => settings.value('packPhotoRequired') === 'required',
      ...(options.packing ? { options: options.packing } : {}),
      scaleConfig: () => ({ kind: settings.value('scaleKind'), address: settings.value('scaleAddress') }),
    });
    packingRef = packing;
    // A package on the packing bench is open until completed or put back: no restart under it.
    activity.register({
      name: 'pack-session',
      openParcels: () => {
        const open = packing.station.store.session(stationId);
        return open ? [{ source: 'pack-session', clientId: null, since: open.opened_at }] : [];
      },
    });

    let closed = false;
    const services: Services = {
      dataDir: options.dataDir,
      stationId,
      nativeBinding: options.nativeBinding,
      db,
      clock,
      random,
      newId,
      logger,
      settings,
      users,
      session,
      signInThrottle,
      authenticator,
      userAdmin,
      stationToken: new StationToken(options.dataDir, random),
      audit,
      outbox,
      outboxQueries,
      deadLetters,
      scans,
      qc,
      activity,
      sync: null,
      routes,
      printing,
      credentials,
      packing,
      knownSecrets,
      async close() {
        if (closed) return;
        closed = true;
        try {
          await services.sync?.close();
          await packing.stop();
          // Before the database closes: a label being sent finishes and its row is written.
          await printing.stop();
          checkpointer?.stop();
          db.close();
        } finally {
          lock.release();
        }
      },
    };
    // The handlers read the services (core.sync included) when called, so they can be built on them here.
    return Object.assign(services, {
      dispatch: createDispatcher(createHandlers(services), session, logger),
    });
  } catch (err) {
    checkpointer?.stop();
    db.close();
    lock.release();
    throw err;
  }
}

/**
 * The backup a schema upgrade starts from. One that cannot be written stops the start: the
 * upgrade is not run without a way back.
 */
function preMigrationBackup(db: Db, options: CoreOptions, clock: Clock, fromVersion: number) {
  try {
    return backupBeforeMigration(db, {
      dataDir: options.dataDir,
      clock,
      fromVersion,
      nativeBinding: options.nativeBinding,
    });
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    const where = path.join(options.dataDir, BACKUP_DIR);
    if (error.reason === 'DISK_FULL') {
      throw new AppError('DISK_FULL', { path: where, reason: 'pre_migration_backup' }, { cause: error });
    }
    throw new AppError(
      'DATA_DIR_UNUSABLE',
      { path: where, reason: `pre_migration_backup_${error.reason.toLowerCase()}` },
      { cause: error },
    );
  }
}
