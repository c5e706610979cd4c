import {
  spawn,
  type ChildProcessWithoutNullStreams,
  type SpawnOptionsWithoutStdio,
} from 'node:child_process';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export interface Child {
  proc: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the first stdout line matching `pattern`; rejects if the child exits first. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns a child whose output is collected, so a test can wait for what it prints and see why it died. */
export function startChild(command: string, args: string[], options: SpawnOptionsWithoutStdio = {}): Child {
  const proc = spawn(command, args, { cwd: REPO_ROOT, ...options });
  let out = '';
  let err = '';
  proc.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  proc.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('close', (code, signal) => resolve({ code, signal })),
  );
  return {
    proc,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForLine(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          for (const line of out.split('\n')) {
            const m = pattern.exec(line);
            if (m) {
              cleanup();
              resolve(m);
              return true;
            }
          }
          return false;
        };
        const onData = (): void => void check();
        const onClose = (): void => {
          if (!check()) {
            cleanup();
            reject(new Error(`child exited before printing ${pattern}\nstdout: ${out}\nstderr: ${err}`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out waiting for ${pattern}\nstdout: ${out}\nstderr: ${err}`));
        }, timeoutMs);
        const cleanup = (): void => {
          clearTimeout(timer);
          proc.stdout.off('data', onData);
          proc.off('close', onClose);
        };
        if (check()) return;
        proc.stdout.on('data', onData);
        proc.once('close', onClose);
      });
    },
  };
}

/** Runs a child to completion. */
export async function runChild(
  command: string,
  args: string[],
  options: SpawnOptionsWithoutStdio = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = startChild(command, args, options);
  const { code } = await child.exited;
  return { code, stdout: child.stdout(), stderr: child.stderr() };
}

/** Kills a child that is still running (by its own pid) and waits for it to be gone. */
export async function stopChild(child: Child, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill(signal);
  await child.exited;
}
