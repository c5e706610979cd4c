import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../src/main/core';
import { MIGRATIONS } from '../../../src/main/db/migrations';
import { startChild, stopChild, type Child } from '../../helpers/child-process';
import { TempDirs } from '../../helpers/temp-dir';
import type { FirstStartReport } from '../fixtures/first-start-child';

const PROCESSES = 5;
const ROUNDS = 25;
const CHILD = path.join(__dirname, '..', 'fixtures', 'first-start-child.ts');
const LATEST = MIGRATIONS.at(-1)?.version ?? 0;

const temps = new TempDirs();
const children: Child[] = [];
afterAll(async () => {
  for (const c of children.splice(0)) await stopChild(c);
  temps.cleanup();
});

/** The child's `report` lines so far. */
function reports(child: Child): FirstStartReport[] {
  return child
    .stdout()
    .split('\n')
    .filter((l) => l.startsWith('report '))
    .map((l) => JSON.parse(l.slice('report '.length)) as FirstStartReport);
}

/** Resolves once the child has printed `n` reports (or rejects if it dies first). */
function waitForReports(child: Child, n: number, timeoutMs = 60_000): Promise<FirstStartReport> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const got = reports(child);
      if (got.length < n) return false;
      cleanup();
      resolve(got[n - 1] as FirstStartReport);
      return true;
    };
    const onClose = (): void => {
      if (!check()) {
        cleanup();
        reject(new Error(`first-start child exited; stderr: ${child.stderr()}`));
      }
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no report ${n} after ${timeoutMs} ms; stderr: ${child.stderr()}`));
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      child.proc.stdout.off('data', check);
      child.proc.off('close', onClose);
    };
    if (check()) return;
    child.proc.stdout.on('data', check);
    child.proc.once('close', onClose);
  });
}

/** What must be true of a data folder however many processes created it. */
function inspect(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const one = <T>(sql: string) => db.prepare<[], T>(sql).get() as T;
    return {
      userVersion: db.pragma('user_version', { simple: true }),
      journalMode: db.pragma('journal_mode', { simple: true }),
      integrity: db.pragma('integrity_check', { simple: true }),
      supervisors: one<{ n: number }>("SELECT count(*) AS n FROM users WHERE role = 'supervisor'").n,
      clerks: one<{ n: number }>("SELECT count(*) AS n FROM users WHERE role = 'clerk'").n,
      users: one<{ n: number }>('SELECT count(*) AS n FROM users').n,
      stationIds: db
        .prepare<[], { value: string }>("SELECT value FROM settings WHERE key = 'station.id'")
        .all()
        .map((r) => JSON.parse(r.value) as string),
      defaultClerkIds: db
        .prepare<[], { value: string }>("SELECT value FROM settings WHERE key = 'station.defaultClerkId'")
        .all()
        .map((r) => JSON.parse(r.value) as string),
      tables: db
        .prepare<[], { name: string }>(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .all()
        .map((r) => r.name),
    };
  } finally {
    db.close();
  }
}

/** The schema a single process gives an empty folder: the reference every concurrent start must match. */
function referenceTables(): string[] {
  const db = new Database(':memory:');
  try {
    for (const m of MIGRATIONS) db.exec(m.sql);
    return db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all()
      .map((r) => r.name);
  } finally {
    db.close();
  }
}

describe('first start of several processes on one empty data folder', () => {
  it(`${PROCESSES} processes × ${ROUNDS} rounds: every one starts, one station id, one supervisor, one default clerk, whole schema, integrity ok`, async () => {
    for (let i = 0; i < PROCESSES; i++) {
      const child = startChild(process.execPath, ['--import', 'tsx', CHILD]);
      children.push(child);
    }
    await Promise.all(children.map((c) => c.waitForLine(/^warm$/)));
    const tables = referenceTables();

    const problems: string[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      // A folder that does not exist yet: the processes race to create it, the file and the WAL.
      const dataDir = path.join(temps.make('lastmile-first-start-'), 'station');
      // The barrier: every child gets its go in the same tick.
      for (const c of children) c.proc.stdin.write(`open ${dataDir}\n`);
      const started = await Promise.all(children.map((c) => waitForReports(c, round)));

      const seen: string[] = [];
      const check = (what: string, actual: unknown, expected: unknown): void => {
        if (JSON.stringify(actual) !== JSON.stringify(expected))
          seen.push(`${what}: ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
      };
      for (const r of started) if (!r.ok) seen.push(`a process did not start: ${r.code} ${r.message}`);
      const state = inspect(path.join(dataDir, DATABASE_FILE));
      check('user_version', state.userVersion, LATEST);
      check('journal_mode', state.journalMode, 'wal');
      check('integrity_check', state.integrity, 'ok');
      check('tables', state.tables, tables);
      check('supervisors', state.supervisors, 1);
      check('clerks', state.clerks, 1);
      check('users', state.users, 2);
      check('station ids', state.stationIds.length, 1);
      check('default clerk keys', state.defaultClerkIds.length, 1);
      // Every process that started agrees on who the station is and who scans by default.
      for (const r of started) {
        if (!r.ok) continue;
        check("a process's station id", r.stationId, state.stationIds[0]);
        check("a process's default clerk", r.defaultClerkId, state.defaultClerkIds[0]);
      }
      problems.push(...seen.map((p) => `round ${round}: ${p}`));
    }
    expect(problems).toEqual([]);
  }, 600_000);
});
