import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { TestCarrierClient } from '../src/main/carriers/test-carrier/client';
import type { CarrierStats, TestCarrierOptions } from '../src/main/carriers/test-carrier/server';
import type { Clock } from '../src/main/clock';
import type { DestinationLimits } from '../src/main/sync/destination';

/** The destination the bench queues events for, served by the carrier process. */
export const BENCH_DESTINATION = 'bench-carrier';

export interface CarrierProcess {
  url: string;
  stats(destination: string): Promise<CarrierStats>;
  close(): Promise<void>;
}

/** Starts the local test carrier (B's server, unchanged) in a child process on 127.0.0.1. */
export async function startCarrierProcess(options: TestCarrierOptions): Promise<CarrierProcess> {
  const child = fork(path.join(__dirname, 'carrier-child.ts'), [JSON.stringify(options)], {
    execArgv: ['--require', require.resolve('tsx/cjs')],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const { url } = await nextMessage<{ url: string }>(
      child,
      (m) => typeof m === 'object' && m !== null && 'url' in m,
    );
    return {
      url,
      async stats(destination) {
        const reply = nextMessage<{ stats: CarrierStats }>(
          child,
          (m) => typeof m === 'object' && m !== null && 'stats' in m,
        );
        child.send({ stats: destination });
        return (await reply).stats;
      },
      async close() {
        if (child.exitCode === null && child.connected) child.send({ close: true });
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000).unref())]);
        if (child.exitCode === null) child.kill('SIGKILL');
      },
    };
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
}

/** The app's client for the carrier process, as the bench destination, under `limits`. */
export function carrierClient(url: string, limits: DestinationLimits, clock: Clock): TestCarrierClient {
  return new TestCarrierClient({
    name: BENCH_DESTINATION,
    baseUrl: url,
    credentials: { clientId: 'lastmile', clientSecret: 'test-secret' },
    limits,
    clock,
  });
}

function nextMessage<T>(child: ChildProcess, accept: (m: unknown) => boolean): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: unknown): void => {
      if (!accept(m)) return;
      cleanup();
      resolve(m as T);
    };
    const onExit = (code: number | null): void => {
      cleanup();
      reject(new Error(`test carrier process exited (code ${String(code)})`));
    };
    const cleanup = (): void => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
