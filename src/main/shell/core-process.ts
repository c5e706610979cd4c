import type { ForkOptions, MessagePortMain } from 'electron';
import { createInterface } from 'node:readline';
import type { HostExit, HostSpawner, SpawnedHost } from '../core-host/host-spawner';
import type { HostInit } from '../core-host/protocol';
import { messagePortMainWire } from '../core-host/wire';
import type { Logger } from '../logger';

/** The parts of Electron's utilityProcess and MessageChannelMain the app uses. */
export interface UtilityProcessElectron {
  utilityProcess: {
    fork(modulePath: string, args?: string[], options?: ForkOptions): UtilityProcessLike;
  };
  MessageChannelMain: new () => { port1: MessagePortMain; port2: MessagePortMain };
}

export interface UtilityProcessLike {
  readonly pid: number | undefined;
  readonly stdout: NodeJS.ReadableStream | null;
  readonly stderr: NodeJS.ReadableStream | null;
  postMessage(message: unknown, transfer?: MessagePortMain[]): void;
  once(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

/**
 * Core hosts as Electron utility processes (a Chromium-managed Node process: no RunAsNode fuse
 * needed, killed with the app), each handed a fresh MessagePortMain in its init message. A fresh
 * channel per process means nothing of a dead process's traffic can reach its successor.
 */
export function utilityHostSpawner(
  electron: UtilityProcessElectron,
  options: { entry: string; logger: Logger },
): HostSpawner {
  return {
    spawn(init: HostInit): SpawnedHost {
      const child = electron.utilityProcess.fork(options.entry, [], {
        serviceName: 'LastMile Desk core',
        stdio: 'pipe',
      });
      const { port1, port2 } = new electron.MessageChannelMain();
      child.postMessage(init, [port2]);
      const wire = messagePortMainWire(port1);
      // What the host prints outside the protocol (a crash's stack trace) still reaches the log.
      forwardLines(child.stdout, (line) => options.logger.info('core output', { line }));
      forwardLines(child.stderr, (line) => options.logger.warn('core error output', { line }));
      const exited = new Promise<HostExit>((resolve) =>
        child.once('exit', (code) => resolve({ code, signal: null })),
      );
      return {
        get pid() {
          return child.pid;
        },
        wire,
        exited,
        kill: () => {
          const pid = child.pid;
          if (pid === undefined) return;
          try {
            // Not child.kill() (SIGTERM, which a stuck process may never act on).
            process.kill(pid, 'SIGKILL');
          } catch {
            // Already gone.
          }
        },
      };
    },
  };
}

function forwardLines(stream: NodeJS.ReadableStream | null, write: (line: string) => void): void {
  if (!stream) return;
  createInterface({ input: stream }).on('line', (line) => write(line.slice(0, 2000)));
}
