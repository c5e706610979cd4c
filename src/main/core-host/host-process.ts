import { AppError } from '../../shared/errors';
import { createCore, type Core } from '../core';
import { schemaVersion } from '../db/migrate';
import { startBackgroundServices, type BackgroundServices } from '../station/background-services';
import { runHostLoop } from './host-loop';
import { shellCipherSource } from './shell-cipher';
import { PROTOCOL_VERSION, hostInitSchema } from './protocol';
import { messagePortMainWire, parentProcessWire, type MessagePortMainLike, type Wire } from './wire';
import { wireLogger } from './wire-logger';

/** Electron's `process.parentPort` in a utility process (structural: no `electron` import here). */
export interface ParentPortLike {
  once(event: 'message', listener: (event: { data: unknown; ports: MessagePortMainLike[] }) => void): unknown;
}

type HostProcess = NodeJS.Process & { parentPort?: ParentPortLike };

/** How long a started host waits for its init message before it gives up. */
const INIT_TIMEOUT_MS = 30_000;

/**
 * The core host process: waits for `init` from the main process (over Electron's parentPort with
 * a MessagePortMain in the app, over the IPC channel of a forked Node child elsewhere), builds the
 * core on the data folder — taking its lock, backing up before a migration — starts the
 * background services (sync delivery, daily backups, printing), says `ready`, and answers calls
 * until told to stop or until the main process is gone. A start-up failure is told as `fatal`
 * with its contract error. Resolves with the exit code.
 */
export async function runCoreHost(proc: HostProcess = process): Promise<number> {
  const connected = await connectToMain(proc);
  if (!connected) {
    console.error('lastmile core host: started without a connection to the main process; exiting');
    return 2;
  }
  const { wire } = connected;
  const init = hostInitSchema.safeParse(connected.init);
  if (!init.success) {
    fatal(wire, null, `unusable init message: ${init.error.issues[0]?.message ?? 'invalid'}`);
    return 2;
  }
  const logger = wireLogger(wire);
  const { dataDir, nativeBinding, services: wanted, secrets } = init.data;

  let core: Core;
  let services: BackgroundServices;
  try {
    core = createCore({
      dataDir,
      logger,
      ...(nativeBinding ? { nativeBinding } : {}),
      // The desktop app: carrier secrets are sealed by the main process's OS store.
      ...(secrets === 'shell' ? { secrets: shellCipherSource(wire) } : {}),
    });
  } catch (error) {
    logger.error('core start-up failed', { error });
    fatal(wire, error);
    return 1;
  }
  try {
    services = await startBackgroundServices(core, { ...wanted, logger });
  } catch (error) {
    logger.error('background services failed to start', { error });
    await core.close().catch(() => {});
    fatal(wire, error);
    return 1;
  }

  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      loop.close();
      await loop.drain();
      await services.stop().catch((error: unknown) => logger.error('stopping services failed', { error }));
      await core.close().catch((error: unknown) => logger.error('closing the core failed', { error }));
      wire.send({ v: PROTOCOL_VERSION, t: 'stopped' });
      wire.close();
    })());
  const loop = runHostLoop(
    wire,
    core.dispatch,
    logger,
    () => void stop(),
    () => core.sync?.webhooks,
  );
  // The main process is gone (or closed the port): finish what is running, close the database, end.
  wire.onClose(() => void stop());
  wire.send({
    v: PROTOCOL_VERSION,
    t: 'ready',
    pid: proc.pid,
    stationId: core.stationId,
    schemaVersion: schemaVersion(core.db),
  });
  await new Promise<void>((resolve) => wire.onClose(resolve));
  await stop();
  return 0;
}

function fatal(wire: Wire, error: unknown, message?: string): void {
  wire.send({
    v: PROTOCOL_VERSION,
    t: 'fatal',
    error: error instanceof AppError ? error.toJSON() : null,
    message: (message ?? (error instanceof Error ? error.message : String(error))).slice(0, 2000),
  });
  wire.close();
}

function connectToMain(proc: HostProcess): Promise<{ init: unknown; wire: Wire } | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), INIT_TIMEOUT_MS);
    const done = (value: { init: unknown; wire: Wire } | null): void => {
      clearTimeout(timer);
      resolve(value);
    };
    const parentPort = proc.parentPort;
    if (parentPort) {
      // Electron utility process: the init message carries the MessagePortMain the calls use.
      parentPort.once('message', (event) => {
        const port = event.ports[0];
        done(port ? { init: event.data, wire: messagePortMainWire(port) } : null);
      });
      return;
    }
    if (typeof proc.send === 'function') {
      // A forked Node child: the IPC channel itself is the wire, the first message the init.
      const wire = parentProcessWire(proc);
      const off = wire.onMessage((message) => {
        off();
        done({ init: message, wire });
      });
      wire.onClose(() => done(null));
      return;
    }
    done(null);
  });
}
