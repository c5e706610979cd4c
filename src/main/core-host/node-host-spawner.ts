import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import type { HostExit, HostSpawner, SpawnedHost } from './host-spawner';
import type { HostInit } from './protocol';
import { childProcessWire } from './wire';

export interface NodeHostSpawnerOptions {
  /** The host's entry; default host-entry.ts beside this file, run through tsx. */
  entry?: string;
  /** Extra Node flags for the host. */
  execArgv?: readonly string[];
  env?: NodeJS.ProcessEnv;
  /** Each line the host writes to stdout or stderr (a crash's stack trace lands here). */
  onOutput?: (stream: 'stdout' | 'stderr', line: string) => void;
}

/** The default entry: this source tree's host-entry.ts. */
export const SOURCE_HOST_ENTRY = path.join(path.dirname(__filename), 'host-entry.ts');

/**
 * Core hosts as forked Node children: the IPC channel (structured clone, `serialization:
 * 'advanced'`) is the wire. For `lastmile station --core-process` and for the tests; the desktop
 * app uses Electron's utilityProcess instead (src/main/shell/core-process.ts).
 */
export function nodeHostSpawner(options: NodeHostSpawnerOptions = {}): HostSpawner {
  const entry = options.entry ?? SOURCE_HOST_ENTRY;
  // TypeScript sources run through tsx, resolved from here so the host starts from any cwd.
  const loader = entry.endsWith('.ts')
    ? ['--import', pathToFileURL(createRequire(__filename).resolve('tsx')).href]
    : [];
  return {
    spawn(init: HostInit): SpawnedHost {
      const child = fork(entry, [], {
        execArgv: [...loader, ...(options.execArgv ?? [])],
        env: options.env ?? process.env,
        serialization: 'advanced',
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      });
      for (const stream of ['stdout', 'stderr'] as const) {
        const readable = child[stream];
        if (!readable) continue;
        const lines = createInterface({ input: readable });
        lines.on('line', (line) => options.onOutput?.(stream, line));
      }
      const exited = new Promise<HostExit>((resolve) => {
        child.once('exit', (code, signal) => resolve({ code, signal }));
        // A fork that could not start at all (no such file) ends here too.
        child.once('error', () => {
          if (child.exitCode === null && child.signalCode === null && child.pid === undefined) {
            resolve({ code: null, signal: null });
          }
        });
      });
      const wire = childProcessWire(child);
      // Node queues this until the child is listening.
      wire.send(init);
      return {
        pid: child.pid,
        wire,
        exited,
        kill: () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        },
      };
    },
  };
}
