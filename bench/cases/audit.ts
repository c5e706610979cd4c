import fs from 'node:fs';
import path from 'node:path';
import type { AuditEntry } from '../../src/main/audit/audit-log';
import { verifyAuditLog } from '../../src/main/audit/audit-verify';
import { openAuditLogReadOnly } from '../../src/main/audit/read-only-log';
import { systemClock } from '../../src/main/clock';
import { createCore, DATABASE_FILE, type Core } from '../../src/main/core';
import { startCheckpointer } from '../../src/main/db/checkpointer';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { openDatabase, type Db } from '../../src/main/db/open';
import { silentLogger } from '../../src/main/logger';
import { SettingsStore } from '../../src/main/settings/settings-store';
import { caseDir, type BenchCase } from '../context';
import { measurement } from '../measurement';
import { msSince, ratePerSecond, summarize } from '../stats';
import { idle } from '../workload';

/** What the app audits most: a supervisor's act on an outbox event, with the details it carries. */
function entry(i: number): AuditEntry {
  return {
    userId: 'supervisor',
    action: i % 2 === 0 ? 'outbox.retry' : 'session.sign_in',
    entityType: 'outbox_event',
    entityId: `01JH${i.toString(36).padStart(10, '0').toUpperCase()}`,
    details: { destination: 'tiktok_shop', type: 'return.received', lastError: 'HTTP 503', attempt: i % 7 },
  };
}

/**
 * The landed version's record(), line for line (the baseline): the station name read from the
 * settings, JSON.stringify of the details, one INSERT, no chain.
 */
function unchainedLog(db: Db): (e: AuditEntry, at: number) => void {
  const settings = new SettingsStore(db, systemClock);
  const insert = db.prepare(
    'INSERT INTO audit_log (at, user_id, station, action, entity_type, entity_id, details) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  return (e, at) =>
    insert.run(
      at,
      e.userId,
      settings.value('stationName'),
      e.action,
      e.entityType,
      e.entityId,
      JSON.stringify(e.details ?? {}),
    );
}

/** A database at the schema before the chain (the old table and indexes), with the station's supervisor. */
function openUnchained(file: string): Db {
  const db = openDatabase({ file, migrations: MIGRATIONS.filter((m) => !m.name.startsWith('audit/')) });
  db.prepare(
    `INSERT INTO users (id, name, role, pin_hash, created_at) VALUES ('supervisor', 'Supervisor', 'supervisor', 'x', 0)`,
  ).run();
  return db;
}

function fill(db: Db, rows: number, append: (i: number) => void): void {
  const perTransaction = 10_000;
  for (let done = 0; done < rows; done += perTransaction) {
    db.transaction(() => {
      for (let i = done; i < Math.min(rows, done + perTransaction); i++) append(i);
    }).immediate();
  }
}

/**
 * What chaining adds to an audited act: `record()` (one index probe for the head, canonical
 * details, SHA-256, one more index entry) against the old unchained INSERT, both on logs that
 * already hold `prefill` rows, in files opened the app's way (WAL, synchronous FULL, the station's
 * checkpoint timer). Durable: one row per BEGIN IMMEDIATE…COMMIT, A B A B. In-transaction: the
 * CPU cost per row, 1,000 rows per transaction, rounds alternating.
 */
export const auditAppend: BenchCase = {
  name: 'audit-append',
  async run(ctx) {
    const { prefill, warmup, samples, batchRows, batches } = ctx.profile.audit;
    const dir = caseDir(ctx, 'audit-append');
    const core: Core = createCore({ dataDir: path.join(dir, 'station'), logger: silentLogger });
    const oldDb = openUnchained(path.join(dir, 'unchained', DATABASE_FILE));
    const oldCheckpointer = startCheckpointer(oldDb, silentLogger);
    try {
      const old = unchainedLog(oldDb);
      ctx.log(`audit append: both logs prefilled with ${prefill} rows`);
      fill(core.db, prefill, (i) => core.audit.record(entry(i)));
      fill(oldDb, prefill, (i) => old(entry(i), Date.now()));
      core.db.pragma('wal_checkpoint(TRUNCATE)');
      oldDb.pragma('wal_checkpoint(TRUNCATE)');

      let i = prefill;
      const chained = (): number => {
        const e = entry(i++);
        const start = process.hrtime.bigint();
        core.db.transaction(() => core.audit.record(e)).immediate();
        return msSince(start);
      };
      const unchained = (): number => {
        const e = entry(i++);
        const start = process.hrtime.bigint();
        oldDb.transaction(() => old(e, Date.now())).immediate();
        return msSince(start);
      };
      ctx.log(`audit append: ${warmup} warm-up + ${samples} durable samples of each, interleaved`);
      for (let w = 0; w < warmup; w++) {
        chained();
        unchained();
      }
      const chainedMs: number[] = [];
      const unchainedMs: number[] = [];
      for (let s = 0; s < samples; s++) {
        if (s % 2 === 0) {
          chainedMs.push(chained());
          unchainedMs.push(unchained());
        } else {
          unchainedMs.push(unchained());
          chainedMs.push(chained());
        }
        if (s % 25 === 24) await idle();
      }

      ctx.log(`audit append: ${batches} rounds of ${batchRows} rows in one transaction, alternating`);
      /**
       * One transaction of `batchRows` rows: µs per row spent inside it before COMMIT (the work
       * record() adds), and WAL bytes per row after it (what COMMIT must write and fsync).
       */
      const batch = (db: Db, append: (e: AuditEntry) => void): { us: number; walBytes: number } => {
        const entries = Array.from({ length: batchRows }, () => entry(i++));
        db.pragma('wal_checkpoint(TRUNCATE)');
        let us = 0;
        db.transaction(() => {
          const start = process.hrtime.bigint();
          for (const e of entries) append(e);
          us = (msSince(start) * 1000) / batchRows;
        }).immediate();
        return { us, walBytes: fs.statSync(`${db.name}-wal`).size / batchRows };
      };
      const batchChained = () => batch(core.db, (e) => core.audit.record(e));
      const batchUnchained = () => batch(oldDb, (e) => old(e, Date.now()));
      batchChained();
      batchUnchained();
      const perRowChained: number[] = [];
      const perRowUnchained: number[] = [];
      const walChained: number[] = [];
      const walUnchained: number[] = [];
      const take = (r: { us: number; walBytes: number }, us: number[], wal: number[]): void => {
        us.push(r.us);
        wal.push(r.walBytes);
      };
      for (let b = 0; b < batches; b++) {
        if (b % 2 === 0) {
          take(batchChained(), perRowChained, walChained);
          take(batchUnchained(), perRowUnchained, walUnchained);
        } else {
          take(batchUnchained(), perRowUnchained, walUnchained);
          take(batchChained(), perRowChained, walChained);
        }
        await idle();
      }

      const durable = summarize(chainedMs);
      const durableOld = summarize(unchainedMs);
      const cpu = summarize(perRowChained);
      const cpuOld = summarize(perRowUnchained);
      const oldName = 'unchained INSERT (the landed version)';
      return [
        measurement({
          id: 'audit.append.p50',
          name: 'audited act, chained, durable commit p50',
          unit: 'ms',
          figure: durable.p50,
          baseline: { name: oldName, value: durableOld.p50 },
          details: { chained: durable, unchained: durableOld, prefill },
        }),
        measurement({
          id: 'audit.append.p99',
          name: 'audited act, chained, durable commit p99',
          unit: 'ms',
          figure: durable.p99,
          baseline: { name: oldName, value: durableOld.p99 },
          target: { on: 'ratio', op: '<=', value: 1.2 },
          details: { chained: durable, unchained: durableOld, prefill },
        }),
        measurement({
          id: 'audit.append.perRow',
          name: 'record() inside a transaction, per row',
          unit: 'µs',
          figure: cpu.p50,
          baseline: { name: oldName, value: cpuOld.p50 },
          details: { chained: cpu, unchained: cpuOld, rowsPerTransaction: batchRows, note: 'before COMMIT' },
        }),
        measurement({
          id: 'audit.append.walBytes',
          name: 'WAL bytes per audit row (1,000 a transaction)',
          unit: 'B',
          figure: summarize(walChained).p50,
          baseline: { name: oldName, value: summarize(walUnchained).p50 },
        }),
      ];
    } finally {
      oldCheckpointer.stop();
      oldDb.close();
      await core.close();
    }
  },
};

/**
 * Rows per second `verifyAuditLog` checks on a log of `verifyRows` rows (1,000,000 by default),
 * on a read-only connection as `lastmile audit verify` opens it, against reading the very same
 * rows in the very same batches without checking them — the floor no verifier can beat. Memory:
 * the heap's growth while verifying, sampled after every batch, must stay flat whatever the size.
 */
export const auditVerifyRate: BenchCase = {
  name: 'audit-verify-rate',
  async run(ctx) {
    const { verifyRows, verifyRounds } = ctx.profile.audit;
    const dir = caseDir(ctx, 'audit-verify');
    const core = createCore({ dataDir: dir, logger: silentLogger });
    let fillMs: number;
    try {
      ctx.log(`audit verify: appending ${verifyRows} rows through record()`);
      const start = process.hrtime.bigint();
      fill(core.db, verifyRows, (i) => core.audit.record(entry(i)));
      fillMs = msSince(start);
      ctx.log(`audit verify: appended in ${(fillMs / 1000).toFixed(1)} s`);
    } finally {
      await core.close();
    }
    const db = openAuditLogReadOnly(path.join(dir, DATABASE_FILE));
    try {
      const batchSize = 5000;
      const read = db
        .prepare<[number, number]>(
          `SELECT id, chain, seq, at, user_id, station, action, entity_type, entity_id, details, prev_hash, hash
           FROM audit_log WHERE id > ? ORDER BY id LIMIT ?`,
        )
        .raw(true);
      const readOnly = (): number => {
        const t = process.hrtime.bigint();
        let last = Number.MIN_SAFE_INTEGER;
        let n = 0;
        db.exec('BEGIN');
        for (;;) {
          const page = read.all(last, batchSize) as [number][];
          n += page.length;
          if (page.length < batchSize) break;
          last = page[page.length - 1]![0];
        }
        db.exec('COMMIT');
        if (n !== verifyRows) throw new Error(`read ${n} rows, expected ${verifyRows}`);
        return ratePerSecond(n, msSince(t));
      };
      let heapGrowth = 0;
      const verify = (): number => {
        const heapBefore = process.memoryUsage().heapUsed;
        const t = process.hrtime.bigint();
        const result = verifyAuditLog(db, {
          batchSize,
          onBatch: () => {
            heapGrowth = Math.max(heapGrowth, process.memoryUsage().heapUsed - heapBefore);
          },
        });
        const ms = msSince(t);
        if (!result.ok || result.rows !== verifyRows)
          throw new Error(`verify failed: ${JSON.stringify(result.problem)}`);
        return ratePerSecond(result.rows, ms);
      };
      ctx.log(`audit verify: ${verifyRounds} rounds of verify and of the bare read, alternating`);
      const verifyRates: number[] = [];
      const readRates: number[] = [];
      for (let r = 0; r < verifyRounds; r++) {
        if (r % 2 === 0) {
          verifyRates.push(verify());
          readRates.push(readOnly());
        } else {
          readRates.push(readOnly());
          verifyRates.push(verify());
        }
        await idle();
      }
      const rate = summarize(verifyRates);
      const floor = summarize(readRates);
      return [
        measurement({
          id: 'audit.verify.rate',
          name: `audit verify, ${verifyRows.toLocaleString('en-US')} rows`,
          unit: 'rows/s',
          figure: rate.p50,
          baseline: { name: 'reading the same rows unchecked', value: floor.p50 },
          // 100,000 rows/s: a million-row log (years of a busy station) verified in 10 s.
          target: { on: 'figure', op: '>=', value: 100_000 },
          details: {
            rows: verifyRows,
            batchSize,
            verify: rate,
            read: floor,
            appendRowsPerSecond: ratePerSecond(verifyRows, fillMs),
          },
        }),
        measurement({
          id: 'audit.verify.heapGrowth',
          name: 'audit verify, heap growth while verifying',
          unit: 'MB',
          figure: heapGrowth / 1024 / 1024,
          // One batch of rows and one state per chain; a verifier holding the log would need ~500 MB at 1M rows.
          target: { on: 'figure', op: '<=', value: 64 },
          details: { rows: verifyRows, batchSize },
        }),
      ];
    } finally {
      db.close();
    }
  },
};
