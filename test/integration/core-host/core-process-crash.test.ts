import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../src/main/core';
import { CoreSupervisor, type CoreStatus } from '../../../src/main/core-host/core-supervisor';
import { nodeHostSpawner } from '../../../src/main/core-host/node-host-spawner';
import type { Envelope } from '../../../src/shared/errors';
import { recordingLogger } from '../../helpers/core-factory';
import { TempDirs } from '../../helpers/temp-dir';
import { until } from '../fixtures/carrier-harness';

const dirs = new TempDirs();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  dirs.cleanup();
});

const QUIET = { syncTrickle: false, dailyBackups: false, printing: false };

function supervisorOn(dataDir: string, extra: Partial<ConstructorParameters<typeof CoreSupervisor>[0]> = {}) {
  const logger = recordingLogger();
  const supervisor = new CoreSupervisor({
    spawner: nodeHostSpawner(),
    init: { dataDir, services: QUIET },
    logger,
    restart: { delaysMs: [50, 150], maxCrashes: 10, windowMs: 120_000 },
    // A busy machine may take seconds to start a host: calls made meanwhile wait for it.
    client: { waitForCoreMs: 30_000, callTimeoutMs: 30_000 },
    ...extra,
  });
  const statuses: CoreStatus[] = [];
  supervisor.onStatus((s) => statuses.push(s));
  cleanups.push(() => supervisor.stop());
  return { supervisor, logger, statuses };
}

/** A call that has not answered by then is a hang: the test fails rather than waits for ever. */
function answered<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    void promise.then((v) => {
      clearTimeout(timer);
      resolve(v);
    });
  });
}

function scanCounts(dataDir: string): Map<string, number> {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare<[], { code: string; n: number }>('SELECT code, count(*) AS n FROM scans GROUP BY code')
      .all();
    return new Map(rows.map((r) => [r.code, r.n]));
  } finally {
    db.close();
  }
}

describe('the core in its own process, killed with SIGKILL while clerks scan', () => {
  it('keeps every acknowledged scan exactly once, reconnects to each new core, and never leaves a call hanging', async () => {
    const dataDir = dirs.make('lastmile-core-crash-');
    const { supervisor, statuses } = supervisorOn(dataDir);
    await supervisor.start();

    const acknowledged = new Set<string>();
    const failures: { code: string; error: { code: string; params: Record<string, unknown> } }[] = [];
    const duringRestart: Envelope<unknown>[] = [];
    let running = true;
    // Four clerks scanning as fast as the core answers, each code unique so the database can be counted.
    const clerk = async (n: number): Promise<void> => {
      for (let i = 0; running; i++) {
        const code = `TH${n}${String(i).padStart(9, '0')}`;
        const envelope = await answered(
          supervisor.dispatch('recordScan', { code, source: 'scanner' }, { clientId: `clerk-${n}` }),
          90_000,
          `recordScan ${code}`,
        );
        if (envelope.ok) acknowledged.add(code);
        else failures.push({ code, error: envelope.error });
      }
    };
    const clerks = [1, 2, 3, 4].map(clerk);

    const KILLS = 3;
    const pids: number[] = [];
    for (let k = 0; k < KILLS; k++) {
      const target = acknowledged.size + 30;
      await until(() => acknowledged.size >= target && supervisor.status().state === 'running', 90_000);
      const pid = supervisor.pid()!;
      pids.push(pid);
      process.kill(pid, 'SIGKILL');
      // A read made while the core restarts waits for the next core (it was never sent to the dead one).
      await until(() => supervisor.status().state === 'restarting', 30_000);
      duringRestart.push(
        await answered(
          supervisor.dispatch('recentScans', { limit: 1 }),
          90_000,
          'recentScans during a restart',
        ),
      );
    }
    const afterLastKill = acknowledged.size;
    await until(() => acknowledged.size >= afterLastKill + 30, 90_000);
    running = false;
    await Promise.all(clerks);
    const finalPid = supervisor.pid()!;
    await supervisor.stop();

    // The clients reconnected to a new core after each kill.
    expect(new Set([...pids, finalPid]).size).toBe(KILLS + 1);
    expect(statuses.filter((s) => s.state === 'restarting')).toHaveLength(KILLS);
    expect(
      statuses.filter((s) => s.state === 'running').map((s) => (s as { generation: number }).generation),
    ).toEqual([1, 2, 3, 4]);

    // The database is the truth: every acknowledged scan is there once, no scan is there twice.
    const counts = scanCounts(dataDir);
    for (const code of acknowledged) expect(counts.get(code), code).toBe(1);
    for (const [code, n] of counts) expect(n, code).toBe(1);
    // What the kills interrupted answered coded errors, which say whether the scan may have landed.
    expect(failures.length).toBeGreaterThan(0);
    for (const f of failures) {
      expect(f.error.code, JSON.stringify(f)).toBe('CORE_RESTARTING');
      expect(typeof f.error.params.maybeApplied).toBe('boolean');
    }
    // A scan the kill caught after its commit but before its answer is in the database, unacknowledged:
    // the reason a retried write needs a client-made id (recordScan's clientScanId).
    for (const f of failures.filter((x) => x.error.params.maybeApplied === false)) {
      expect(counts.has(f.code), `${f.code} was never sent`).toBe(false);
    }
    for (const envelope of duringRestart) expect(envelope).toMatchObject({ ok: true });
    expect(acknowledged.size).toBeGreaterThanOrEqual(4 * 30);
  }, 300_000);

  it('replaces a core that stops answering (SIGSTOP): its call in flight answers a coded error, the next one works', async () => {
    const dataDir = dirs.make('lastmile-core-stuck-');
    const { supervisor, statuses, logger } = supervisorOn(dataDir, {
      heartbeat: { everyMs: 200, unresponsiveMs: 2_000 },
    });
    await supervisor.start();
    const stuck = supervisor.pid()!;
    process.kill(stuck, 'SIGSTOP');
    const inFlight = await answered(
      supervisor.dispatch('getSession', {}),
      60_000,
      'getSession to a stopped core',
    );
    expect(inFlight).toEqual({
      ok: false,
      error: {
        code: 'CORE_RESTARTING',
        params: { call: 'getSession', maybeApplied: true, phase: 'restarting', attempt: 1 },
      },
    });
    expect(statuses).toContainEqual(
      expect.objectContaining({ state: 'restarting', reason: 'unresponsive', attempt: 1 }),
    );
    expect(logger.lines.map((l) => l.message)).toContain(
      'core stopped answering; ending it to start a new one',
    );
    const next = await answered(
      supervisor.dispatch('getSession', {}),
      60_000,
      'getSession after the restart',
    );
    expect(next).toMatchObject({ ok: true, value: { user: { role: 'clerk' } } });
    expect(supervisor.pid()).not.toBe(stuck);
  }, 120_000);

  it('gives up after too many crashes in a row: calls answer at once, then a restart on request works', async () => {
    const dataDir = dirs.make('lastmile-core-loop-');
    const { supervisor, statuses } = supervisorOn(dataDir, {
      restart: { delaysMs: [20], maxCrashes: 2, windowMs: 120_000 },
    });
    await supervisor.start();
    for (let crash = 1; crash <= 3; crash++) {
      await until(() => supervisor.status().state === 'running', 60_000);
      process.kill(supervisor.pid()!, 'SIGKILL');
      await until(() => ['restarting', 'failed'].includes(supervisor.status().state), 60_000);
    }
    expect(supervisor.status()).toMatchObject({ state: 'failed', reason: 'crash_loop' });
    expect(statuses.filter((s) => s.state === 'running')).toHaveLength(3);
    const refused = await answered(
      supervisor.dispatch('getSettings', {}),
      1_000,
      'getSettings after giving up',
    );
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'TRANSPORT_FAILED', params: { reason: 'core_stopped', maybeApplied: false } },
    });

    supervisor.restartNow();
    const back = await answered(
      supervisor.dispatch('getSettings', {}),
      60_000,
      'getSettings after restartNow',
    );
    expect(back).toMatchObject({ ok: true });
    expect(supervisor.status()).toMatchObject({ state: 'running', generation: 4 });
  }, 180_000);

  it('a core that cannot open its database fails the start with the core’s own error, and is not restarted', async () => {
    const dataDir = dirs.make('lastmile-core-corrupt-');
    const fs = await import('node:fs');
    fs.writeFileSync(path.join(dataDir, DATABASE_FILE), 'not a database, a spreadsheet '.repeat(100));
    let spawned = 0;
    const spawner = nodeHostSpawner();
    const { supervisor, statuses } = supervisorOn(dataDir, {
      spawner: {
        spawn: (init) => {
          spawned += 1;
          return spawner.spawn(init);
        },
      },
    });
    const error = await supervisor.start().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: 'CoreStartError', error: { code: 'DB_CORRUPT' } });
    expect(statuses).toEqual([expect.objectContaining({ state: 'failed', reason: 'start_failed' })]);
    expect(spawned).toBe(1);
    expect(await supervisor.dispatch('getSettings', {})).toMatchObject({
      ok: false,
      error: { code: 'TRANSPORT_FAILED', params: { reason: 'core_stopped' } },
    });
  }, 60_000);
});
