import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startTestCarrier,
  type TestCarrier,
  type TestCarrierOptions,
} from '../../src/main/carriers/test-carrier/server';
import { ManualClock } from '../../src/main/clock';
import { DATABASE_FILE, type Core } from '../../src/main/core';
import { setWritePolicy } from '../../src/main/db/write';
import { attachSync, type AttachSyncOptions } from '../../src/main/sync/attach-sync';
import type { SyncService } from '../../src/main/sync/sync-service';
import type { UserView } from '../../src/shared/domain';
import { syncReportSchema, type SyncProgress } from '../../src/shared/sync-views';
import { countRows, insertParcel, insertReturnOrder } from '../helpers/fixtures-db';
import { makeTestCore, TEST_EPOCH } from '../helpers/core-factory';
import { TempDirs } from '../helpers/temp-dir';

const HOUR = 3_600_000;
const temps = new TempDirs();
const carriers: TestCarrier[] = [];
const cores: Core[] = [];
const others: Database.Database[] = [];

afterEach(async () => {
  for (const db of others.splice(0)) db.close();
  for (const core of cores.splice(0)) await core.close();
  for (const c of carriers.splice(0)) await c.close();
  temps.cleanup();
});

/** A station with four outbound parcels in different tracking states and one expected return. */
function station(): { core: Core; clock: ManualClock; supervisor: UserView } {
  const { core, clock } = makeTestCore(temps.make('lastmile-daily-'));
  cores.push(core);
  const at = (
    id: string,
    lastTracking: number | null,
    status = 'in_transit',
    created = TEST_EPOCH - 100 * HOUR,
  ) => {
    insertParcel(core.db, { id, trackingNumber: `TH${id}`, carrier: 'flash', status, at: created });
    core.db.prepare('UPDATE parcels SET last_tracking_at = ? WHERE id = ?').run(lastTracking, id);
  };
  at('P1', TEST_EPOCH - 60 * HOUR); // silent too, until the feed brings newer updates
  at('P2', TEST_EPOCH - 72 * HOUR); // silent for three days: an exception
  at('P3', TEST_EPOCH - 100 * HOUR, 'delivered'); // old but delivered: not an exception
  at('P4', null, 'in_transit', TEST_EPOCH - 60 * HOUR); // never tracked, created 60 h ago: exception
  insertReturnOrder(core.db, { id: 'R1', platformReturnId: 'RMA-1', orderId: 'O-1' });
  const supervisor = core.users.list().find((u) => u.role === 'supervisor');
  if (!supervisor) throw new Error('no supervisor');
  return { core, clock, supervisor };
}

async function carrier(options: TestCarrierOptions = {}): Promise<TestCarrier> {
  // The carrier's feed is dated from its own clock: ten hours after the station's "now" minus two
  // days, so the pulled updates are 38 h old when the report is written.
  const c = await startTestCarrier({
    clock: new ManualClock(TEST_EPOCH + 10 * HOUR),
    returns: 12,
    trackingNumbers: ['THP1'],
    trackingPerParcel: 3,
    carrierName: 'flash',
    ...options,
  });
  carriers.push(c);
  return c;
}

function attach(core: Core, baseUrl: string, extra: Partial<AttachSyncOptions> = {}): SyncService {
  return attachSync(core, {
    destinations: ['flash', 'hub', 'tiktok_shop'].map((name) => ({
      name,
      kind: 'test-carrier' as const,
      baseUrl,
      credentials: { clientId: 'lastmile', clientSecret: 'test-secret' },
      limits: {
        requestsPerSecond: 1000,
        burst: 100,
        maxConcurrency: 2,
        maxBatchSize: 50,
        requestTimeoutMs: 2000,
      },
    })),
    feeds: { returns: ['tiktok_shop'], tracking: ['flash'] },
    startTrickle: false,
    engine: { drainMaxWaitMs: 300 },
    ...extra,
  });
}

async function scan(core: Core, code: string): Promise<string> {
  const envelope = await core.dispatch('recordScan', { code, source: 'scanner' });
  if (!envelope.ok) throw new Error(JSON.stringify(envelope.error));
  return (envelope.value as { outboxEventId: string }).outboxEventId;
}

const statuses = (core: Core) =>
  Object.fromEntries(
    core.db
      .prepare<[], { status: string; n: number }>(
        'SELECT status, count(*) AS n FROM outbox_events GROUP BY status',
      )
      .all()
      .map((r) => [r.status, r.n]),
  );

describe('daily sync against the local test carrier', () => {
  it('pulls returns and tracking, pushes the queue, and writes a report with the exceptions', async () => {
    const { core, clock, supervisor } = station();
    const c = await carrier();
    const sync = attach(core, c.url);
    await scan(core, 'THP1'); // → flash
    await scan(core, 'RMA-1'); // → tiktok_shop
    await scan(core, 'NO-SUCH-CODE'); // → hub

    const stages: SyncProgress['stage'][] = [];
    const report = await sync.runDaily('ui', supervisor, { onProgress: (p) => stages.push(p.stage) });
    expect(syncReportSchema.parse(report)).toEqual(report);
    expect(report.status).toBe('attention');
    expect(report.errors).toEqual([]);
    expect(report.pulls).toEqual([
      { source: 'tiktok_shop:returns', fetched: 12, upserted: 12, error: null },
      { source: 'flash:tracking', fetched: 3, upserted: 3, error: null },
    ]);
    expect(countRows(core.db, "return_orders WHERE platform_return_id LIKE 'RT%'")).toBe(12);
    expect(countRows(core.db, 'tracking_events')).toBe(3);
    const p1 = core.db.prepare("SELECT status, last_tracking_at AS t FROM parcels WHERE id = 'P1'").get() as {
      status: string;
      t: number;
    };
    // The feed's three updates are dated (carrier clock − 48 h) + 0, 1, 2 min: the newest wins.
    expect(p1).toEqual({ status: 'in_transit', t: TEST_EPOCH - 38 * HOUR + 2 * 60_000 });

    expect(report.destinations).toEqual([
      { name: 'flash', delivered: 1, failed: 0, dead: 0, pending: 0 },
      { name: 'hub', delivered: 1, failed: 0, dead: 0, pending: 0 },
      { name: 'tiktok_shop', delivered: 1, failed: 0, dead: 0, pending: 0 },
    ]);
    expect(c.stats().applied).toBe(3);
    expect(c.stats().duplicates).toBe(0);
    expect(report.failures).toEqual([]);
    expect(report.exceptions.map((e) => [e.parcelId, e.lastTrackingAt, e.hoursSilent])).toEqual([
      ['P2', TEST_EPOCH - 72 * HOUR, 72],
      ['P4', null, 60],
    ]);
    expect(new Set(stages)).toEqual(
      new Set(['pull_returns', 'pull_orders', 'pull_tracking', 'push', 'report']),
    );

    // Stored as the supervisor will read it, with the start in the audit log.
    expect(sync.reports(5)).toEqual([report]);
    expect(
      core.db.prepare("SELECT user_id, entity_id FROM audit_log WHERE action = 'sync.daily.start'").all(),
    ).toEqual([{ user_id: supervisor.id, entity_id: report.id }]);

    // Twelve hours later nothing new comes from the feeds, nothing is sent twice, and P1 has now
    // been silent for more than 48 h too.
    clock.advance(12 * HOUR);
    const second = await sync.runDaily('cli', supervisor);
    expect(second.pulls.map((p) => [p.fetched, p.upserted])).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(second.destinations.map((d) => d.delivered)).toEqual([0, 0, 0]);
    expect(c.stats().eventsReceived).toBe(3);
    expect(second.exceptions.map((e) => e.parcelId)).toEqual(['P2', 'P4', 'P1']);
    // A supervisor who wants a longer grace period gets fewer exceptions.
    await core.settings.update({ staleTrackingHours: 71 });
    const third = await sync.runDaily('cli', supervisor);
    expect(third.exceptions.map((e) => e.parcelId)).toEqual(['P2', 'P4']);
    expect(sync.reports(2).map((r) => r.id)).toEqual([third.id, second.id]);
  });

  it('cancel midway stops the push, reports it, and loses nothing; the next run finishes the job', async () => {
    const { core, supervisor } = station();
    const c = await carrier({ latencyMs: 20 });
    const sync = attach(core, c.url);
    for (let i = 0; i < 60; i++) await scan(core, `UNKNOWN-${i}`); // 60 events for the hub
    // One event per request, one at a time: the push takes long enough to be cancelled. (The
    // bucket is large because a ManualClock never refills it.)
    await sync.close();
    const slow = attach(core, c.url, {
      destinations: [
        {
          name: 'hub',
          kind: 'test-carrier',
          baseUrl: c.url,
          credentials: { clientId: 'lastmile', clientSecret: 'test-secret' },
          limits: {
            requestsPerSecond: 1000,
            burst: 1000,
            maxConcurrency: 1,
            maxBatchSize: 1,
            requestTimeoutMs: 2000,
          },
        },
      ],
    });

    const { runId } = await slow.startDaily('ui', supervisor);
    await expect(slow.startDaily('ui', supervisor)).rejects.toThrowError(/SYNC_ALREADY_RUNNING/);
    for (let i = 0; i < 500; i++) {
      const running = slow.overview().running;
      if (running && running.stage === 'push' && running.done >= 5) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(slow.cancel()).toEqual({ runId });
    expect(slow.overview().running?.cancelRequested).toBe(true);
    let report = slow.reports(1)[0];
    for (let i = 0; i < 500 && report?.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 10));
      report = slow.reports(1)[0];
    }
    expect(report?.status).toBe('cancelled');
    expect(report?.errors).toContain('cancelled during the push of queued events; the rest comes next time');
    expect(() => slow.cancel()).toThrowError(/SYNC_NOT_RUNNING/);
    const after = statuses(core);
    expect(after.delivered).toBeGreaterThanOrEqual(5);
    expect(after.delivered).toBeLessThan(60);
    expect((after.delivered ?? 0) + (after.pending ?? 0)).toBe(60);
    // Every event the station marked delivered was applied by the carrier, once.
    for (const { idempotency_key } of core.db
      .prepare<[], { idempotency_key: string }>(
        "SELECT idempotency_key FROM outbox_events WHERE status = 'delivered'",
      )
      .all()) {
      expect(c.applications(idempotency_key)).toBe(1);
    }

    const next = await slow.runDaily('ui', supervisor);
    expect(next.status).toBe('attention'); // the exceptions are still there
    expect(statuses(core)).toEqual({ delivered: 60 });
    expect(c.stats().applied).toBe(60);
  });

  it('with the carrier down for the whole run: failures with reasons, nothing delivered, scans keep coming in', async () => {
    const { core, supervisor } = station();
    const c = await carrier();
    const url = c.url;
    await c.close(); // nothing listens there any more
    carriers.splice(carriers.indexOf(c), 1);
    const sync = attach(core, url);
    await scan(core, 'THP1');
    await scan(core, 'NO-SUCH-CODE');

    const { runId } = await sync.startDaily('ui', supervisor);
    // Clerks keep scanning while the sync runs; every scan commits at once.
    const during: string[] = [];
    while (sync.overview().running) {
      during.push(await scan(core, `DURING-${during.length}`));
      await new Promise((r) => setTimeout(r, 5));
    }
    const report = sync.reports(1)[0];
    expect(report?.id).toBe(runId);
    expect(during.length).toBeGreaterThan(0);
    expect(countRows(core.db, "scans WHERE code LIKE 'DURING-%'")).toBe(during.length);

    expect(report?.status).toBe('failed');
    expect(report?.pulls.map((p) => p.error)).toEqual([
      expect.stringMatching(/ECONNREFUSED/),
      expect.stringMatching(/ECONNREFUSED/),
    ]);
    expect(report?.destinations.every((d) => d.delivered === 0)).toBe(true);
    const flash = report?.failures.find((f) => f.destination === 'flash');
    expect(flash).toMatchObject({ status: 'pending', type: 'scan.recorded' });
    expect(flash?.error).toMatch(/ECONNREFUSED/);
    expect(statuses(core).delivered).toBeUndefined();
    expect(countRows(core.db, 'outbox_events')).toBe(2 + during.length);
    // The overview shows when each destination was last reached, and its last error.
    const hub = sync.overview().destinations.find((d) => d.name === 'hub');
    expect(hub?.lastSuccessAt).toBeNull();
    expect(hub?.counts.pending).toBe(1 + during.length);
  });

  it('a malformed page stops that pull with a clear error; the next run resumes without duplicates', async () => {
    const { core, supervisor } = station();
    const c = await carrier();
    const sync = attach(core, c.url, {
      destinations: ['tiktok_shop', 'flash'].map((name) => ({
        name,
        kind: 'test-carrier' as const,
        baseUrl: c.url,
        credentials: { clientId: 'lastmile', clientSecret: 'test-secret' },
        pageSize: 5,
      })),
    });
    await scan(core, 'THP1');
    // The second page of returns comes back as 200 with garbage.
    c.inject({ kind: 'garbage', route: 'returns', skip: 1, times: 1 });
    const first = await sync.runDaily('ui', supervisor);
    expect(first.status).toBe('failed');
    expect(first.pulls[0]).toEqual({
      source: 'tiktok_shop:returns',
      fetched: 5,
      upserted: 5,
      error: 'malformed: the returns page is unreadable',
    });
    expect(first.errors).toEqual(['pull tiktok_shop:returns: malformed: the returns page is unreadable']);
    expect(first.pulls[1]?.error).toBeNull(); // the tracking feed was still read
    expect(first.destinations.find((d) => d.name === 'flash')?.delivered).toBe(1); // and the push still ran

    const second = await sync.runDaily('ui', supervisor);
    expect(second.pulls[0]).toMatchObject({ fetched: 7, upserted: 7, error: null });
    expect(countRows(core.db, "return_orders WHERE platform_return_id LIKE 'RT%'")).toBe(12);
    expect(second.errors).toEqual([]);
  });

  it('a clock that jumps backwards during the run is named in the report, and nothing is lost', async () => {
    const { core, clock, supervisor } = station();
    const c = await carrier();
    const sync = attach(core, c.url);
    await scan(core, 'NO-SUCH-CODE');
    let jumped = false;
    const report = await sync.runDaily('ui', supervisor, {
      onProgress: (p) => {
        if (p.stage === 'push' && !jumped) {
          jumped = true;
          clock.advance(-2 * HOUR);
        }
      },
    });
    expect(report.errors).toEqual([
      'the system clock moved backwards by 7200 s during the sync; times in this report may be off',
    ]);
    expect(report.status).toBe('failed');
    expect(statuses(core)).toEqual({ delivered: 1 });
    expect(c.stats().applied).toBe(1);
  });

  it('a database locked by another program: the report says so, nothing is lost, the next run catches up', async () => {
    const { core, supervisor } = station();
    const c = await carrier();
    const sync = attach(core, c.url, { engine: { drainMaxWaitMs: 300, lockPatienceMs: 500 } });
    await scan(core, 'NO-SUCH-CODE');
    // A write waits 200 ms for the lock instead of the usual 5 s, so the test does not crawl.
    setWritePolicy(core.db, { maxWaitMs: 200 });
    // Once the run has started, another connection (a backup tool, a DB browser) takes the write
    // lock; locking before the start would only make startDaily fail with DB_LOCKED.
    const other = new Database(path.join(core.dataDir, DATABASE_FILE));
    others.push(other);
    const lockOnStart = (p: SyncProgress) => {
      if (!other.inTransaction && p.stage === 'pull_returns') other.exec('BEGIN EXCLUSIVE');
    };
    const report = await sync.runDaily('ui', supervisor, { onProgress: lockOnStart });
    expect(report.status).toBe('failed');
    expect(report.pulls.map((p) => p.error)).toEqual([
      expect.stringMatching(/^the station database was locked by another program/),
      expect.stringMatching(/^the station database was locked by another program/),
    ]);
    expect(report.errors).toContain(
      'push: the station database was locked by another program; what was saved before is kept, the rest comes next time',
    );
    expect(report.errors).toContain('this report could not be saved: the station database stayed locked');
    expect(countRows(core.db, "return_orders WHERE platform_return_id LIKE 'RT%'")).toBe(0);
    expect(statuses(core).delivered).toBeUndefined();

    other.exec('ROLLBACK');
    const next = await sync.runDaily('ui', supervisor);
    expect(next.errors).toEqual([]);
    expect(next.pulls.map((p) => p.upserted)).toEqual([12, 3]);
    expect(statuses(core)).toEqual({ delivered: 1 });
    // The run that could not write its report shows as interrupted, not as running for ever.
    const earlier = sync.reports(5).find((r) => r.id === report.id);
    expect(earlier?.status).toBe('failed');
    expect(c.stats().applied).toBe(1);
  });
});
