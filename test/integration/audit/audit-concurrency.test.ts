import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendRows, stationFile, storedRows, tamper, verifyFile } from '../../helpers/audit-fixtures';
import { startChild, stopChild, type Child } from '../../helpers/child-process';
import { makeTestCore } from '../../helpers/core-factory';
import { TempDirs } from '../../helpers/temp-dir';

const temps = new TempDirs();
const children: Child[] = [];
afterEach(async () => {
  await Promise.all(children.splice(0).map((c) => stopChild(c)));
  temps.cleanup();
});

const APPENDER = path.join(__dirname, '..', 'fixtures', 'audit-appender.ts');

/** Starts `n` appenders on one folder, lets them all load, then releases them at the same moment. */
async function appendAtOnce(dir: string, n: number, count: number, mode: 'immediate' | 'deferred') {
  const started = Array.from({ length: n }, (_v, k) => {
    const child = startChild(process.execPath, [
      '--import',
      'tsx',
      APPENDER,
      dir,
      `p${k}`,
      String(count),
      mode,
    ]);
    children.push(child);
    return child;
  });
  await Promise.all(started.map((c) => c.waitForLine(/^ready$/, 120_000)));
  for (const c of started) c.proc.stdin.end('go\n');
  const done = await Promise.all(started.map((c) => c.waitForLine(/^done (\d+) (\d+)$/, 240_000)));
  for (const c of started) expect((await c.exited).code, c.stderr()).toBe(0);
  return done.map((m) => ({ appended: Number(m[1]), retries: Number(m[2]) }));
}

/**
 * How many times consecutive rows (in commit order) change writer. n writers one after another give
 * n − 1; anything more means their appends overlapped in time.
 */
function switches(actions: string[]): number {
  let s = 0;
  for (let i = 1; i < actions.length; i++) if (actions[i] !== actions[i - 1]) s++;
  return s;
}

describe('three processes appending to one station log at once', () => {
  it('never fork the chain: every row has its own seq, in commit order, and the log verifies', async () => {
    const dir = temps.make();
    const setup = makeTestCore(dir);
    await appendRows(setup.core, 5, 'before');
    await setup.core.close();

    const PER_PROCESS = 400;
    const results = await appendAtOnce(dir, 3, PER_PROCESS, 'immediate');
    expect(results.map((r) => r.appended)).toEqual([PER_PROCESS, PER_PROCESS, PER_PROCESS]);

    const verified = verifyFile(stationFile(dir));
    expect(verified.problem).toBeNull();
    expect(verified.rows).toBe(5 + 3 * PER_PROCESS);
    tamper(stationFile(dir), (db) => {
      const rows = storedRows(db);
      expect(rows.map((r) => r.seq)).toEqual(rows.map((_r, i) => i + 1));
      for (const k of [0, 1, 2]) {
        const mine = rows
          .filter((r) => r.action === `test.p${k}`)
          .map((r) => JSON.parse(r.details).i as number);
        // Each process's rows, all there and in its own order.
        expect(mine).toEqual(Array.from({ length: PER_PROCESS }, (_v, i) => i + 1));
      }
      // The test proves something only if the writers really took turns.
      expect(switches(rows.slice(5).map((r) => r.action))).toBeGreaterThan(2);
    });
  }, 300_000);

  it('callers using a plain (deferred) BEGIN may be refused and retry; the chain still never forks', async () => {
    const dir = temps.make();
    const setup = makeTestCore(dir);
    await setup.core.close();

    const PER_PROCESS = 200;
    const results = await appendAtOnce(dir, 3, PER_PROCESS, 'deferred');
    expect(results.map((r) => r.appended)).toEqual([PER_PROCESS, PER_PROCESS, PER_PROCESS]);
    const verified = verifyFile(stationFile(dir));
    expect(verified.problem).toBeNull();
    expect(verified.rows).toBe(3 * PER_PROCESS);
    tamper(stationFile(dir), (db) => {
      expect(switches(storedRows(db).map((r) => r.action))).toBeGreaterThan(2);
    });
  }, 300_000);
});
