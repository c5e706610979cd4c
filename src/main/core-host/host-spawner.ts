import type { HostInit } from './protocol';
import type { Wire } from './wire';

/** How the process ended: an exit code, or the signal that ended it. */
export interface HostExit {
  code: number | null;
  signal: string | null;
}

/** One started core host process. */
export interface SpawnedHost {
  readonly pid: number | undefined;
  /** The channel to it; the spawner has already sent it the init message. */
  readonly wire: Wire;
  /** Settles once, when the process has ended, whatever ended it. */
  readonly exited: Promise<HostExit>;
  /** Ends it at once (SIGKILL on POSIX): for a host that does not answer or did not stop. */
  kill(): void;
}

/**
 * Starts core host processes: Electron's utilityProcess in the app (src/main/shell/core-process.ts),
 * a forked Node child for the station server and the tests (node-host-spawner.ts).
 */
export interface HostSpawner {
  spawn(init: HostInit): SpawnedHost;
}
