import { afterEach, describe, expect, it } from 'vitest';
import { startTestCarrier, type TestCarrier } from '../../src/main/carriers/test-carrier/server';
import { ManualClock } from '../../src/main/clock';
import type { Core } from '../../src/main/core';
import { startDemoCarrier } from '../../src/main/demo/demo-sync';
import { DEMO_CARRIERS } from '../../src/main/demo/tracking-numbers';
import { attachSync } from '../../src/main/sync/attach-sync';
import { syncOverviewSchema, syncReportSchema } from '../../src/shared/sync-views';
import { makeTestCore, TEST_EPOCH } from '../helpers/core-factory';
import { insertParcel } from '../helpers/fixtures-db';
import { TempDirs } from '../helpers/temp-dir';
import { signInSupervisor } from '../helpers/session';

const temps = new TempDirs();
const carriers: TestCarrier[] = [];
const cores: Core[] = [];

afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  for (const c of carriers.splice(0)) await c.close();
  temps.cleanup();
});

async function setup() {
  const { core } = makeTestCore(temps.make('lastmile-contract-'));
  cores.push(core);
  const carrier = await startTestCarrier({ clock: new ManualClock(TEST_EPOCH) });
  carriers.push(carrier);
  attachSync(core, {
    destinations: [
      {
        name: 'hub',
        kind: 'test-carrier',
        baseUrl: carrier.url,
        credentials: { clientId: 'lastmile', clientSecret: 'test-secret' },
        limits: {
          requestsPerSecond: 1000,
          burst: 100,
          maxConcurrency: 1,
          maxBatchSize: 10,
          requestTimeoutMs: 2000,
        },
      },
    ],
    startTrickle: false,
    engine: { drainMaxWaitMs: 200 },
  });
  return { core, carrier };
}

async function call(core: Core, name: string, input: unknown = {}) {
  return core.dispatch(name, input);
}

async function waitForRun(core: Core): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const overview = await call(core, 'getSyncOverview');
    if (overview.ok && (overview.value as { running: unknown }).running === null) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the sync did not finish');
}

const audit = (core: Core) =>
  core.db
    .prepare('SELECT user_id, action, entity_type, entity_id, details FROM audit_log ORDER BY id')
    .all() as {
    user_id: string;
    action: string;
    entity_id: string;
    details: string;
  }[];

describe('the sync calls of the contract, through core.dispatch', () => {
  it('a clerk may look but not start, cancel, retry or discard', async () => {
    const { core } = await setup();
    expect((await call(core, 'getSession')).ok).toBe(true);
    const overview = await call(core, 'getSyncOverview');
    expect(overview.ok && syncOverviewSchema.parse(overview.value)).toEqual({
      destinations: [
        {
          name: 'hub',
          counts: { pending: 0, in_flight: 0, delivered: 0, dead: 0, discarded: 0 },
          circuit: 'closed',
          lastSuccessAt: null,
          lastError: null,
        },
      ],
      running: null,
      configError: null,
    });
    expect(await call(core, 'listSyncReports', { limit: 5 })).toEqual({ ok: true, value: [] });
    for (const [name, input] of [
      ['startDailySync', {}],
      ['cancelSync', {}],
      ['retryDeadLetter', { eventId: 'X' }],
      ['discardDeadLetter', { eventId: 'X', reason: 'duplicate parcel' }],
    ] as const) {
      const envelope = await call(core, name, input);
      expect(envelope).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', params: { required: 'supervisor', role: 'clerk' } },
      });
    }
    expect(audit(core).filter((a) => a.action !== 'session.sign_in')).toEqual([]);
  });

  it('a supervisor starts a sync, sees the report, and retries or discards dead letters with an audit entry', async () => {
    const { core, carrier } = await setup();
    for (const code of ['LOST-1', 'LOST-2', 'LOST-3']) {
      expect((await call(core, 'recordScan', { code, source: 'scanner' })).ok).toBe(true);
    }
    const keys = core.db
      .prepare<[], { id: string; idempotency_key: string }>(
        'SELECT id, idempotency_key FROM outbox_events ORDER BY seq',
      )
      .all();
    carrier.rejectKeys(
      keys.slice(0, 2).map((k) => k.idempotency_key),
      'unknown consignment',
    );

    await signInSupervisor(core);
    const started = await call(core, 'startDailySync');
    if (!started.ok) throw new Error(JSON.stringify(started.error));
    const runId = (started.value as { runId: string }).runId;
    await waitForRun(core);
    expect(await call(core, 'cancelSync')).toEqual({
      ok: false,
      error: { code: 'SYNC_NOT_RUNNING', params: {} },
    });

    const reports = await call(core, 'listSyncReports', { limit: 5 });
    const [report] = reports.ok ? (reports.value as unknown[]).map((r) => syncReportSchema.parse(r)) : [];
    expect(report).toMatchObject({ id: runId, trigger: 'ui', status: 'attention' });
    expect(report?.destinations).toEqual([{ name: 'hub', delivered: 1, failed: 0, dead: 2, pending: 0 }]);
    expect(report?.failures.map((f) => [f.eventId, f.status, f.error])).toEqual([
      [keys[0]?.id, 'dead', expect.stringContaining('unknown consignment')],
      [keys[1]?.id, 'dead', expect.stringContaining('unknown consignment')],
    ]);

    const dead = await call(core, 'listDeadLetters', { limit: 10 });
    expect(dead.ok && (dead.value as { id: string }[]).map((e) => e.id).sort()).toEqual(
      [keys[0]?.id, keys[1]?.id].sort(),
    );

    // The supervisor fixed the first at the carrier and sends it again; the second was a mistake.
    const retried = await call(core, 'retryDeadLetter', { eventId: keys[0]?.id });
    expect(retried).toMatchObject({ ok: true, value: { id: keys[0]?.id, status: 'pending', attempts: 0 } });
    const discarded = await call(core, 'discardDeadLetter', {
      eventId: keys[1]?.id,
      reason: 'label printed twice',
    });
    expect(discarded).toMatchObject({ ok: true, value: { id: keys[1]?.id, status: 'discarded' } });
    expect(await call(core, 'retryDeadLetter', { eventId: keys[1]?.id })).toEqual({
      ok: false,
      error: { code: 'OUTBOX_EVENT_NOT_DEAD', params: { id: keys[1]?.id, status: 'discarded' } },
    });
    expect(await call(core, 'discardDeadLetter', { eventId: 'NOPE', reason: 'whatever' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', params: { entity: 'outbox_event', id: 'NOPE' } },
    });

    const entries = audit(core).filter((a) => a.action !== 'session.sign_in');
    expect(entries.map((a) => [a.user_id, a.action, a.entity_id])).toEqual([
      ['supervisor', 'sync.daily.start', runId],
      ['supervisor', 'outbox.retry', keys[0]?.id],
      ['supervisor', 'outbox.discard', keys[1]?.id],
    ]);
    expect(JSON.parse(entries[2]?.details ?? '{}')).toMatchObject({
      reason: 'label printed twice',
      destination: 'hub',
    });

    const overview = await call(core, 'getSyncOverview');
    const hub = overview.ok ? syncOverviewSchema.parse(overview.value).destinations[0] : undefined;
    expect(hub?.counts).toMatchObject({ delivered: 1, dead: 0, discarded: 1 });
    expect(hub?.lastSuccessAt).toBe(TEST_EPOCH);
  });

  it('startDailySync while a sync runs gives SYNC_ALREADY_RUNNING; cancelSync stops it', async () => {
    const { core, carrier } = await setup();
    carrier.setLatency(300);
    expect((await call(core, 'recordScan', { code: 'SLOW-1', source: 'scanner' })).ok).toBe(true);
    await signInSupervisor(core);
    const started = await call(core, 'startDailySync');
    const runId = started.ok ? (started.value as { runId: string }).runId : '';
    const again = await call(core, 'startDailySync');
    expect(again).toMatchObject({ ok: false, error: { code: 'SYNC_ALREADY_RUNNING' } });
    expect(await call(core, 'cancelSync')).toEqual({ ok: true, value: { runId } });
    await waitForRun(core);
    const reports = await call(core, 'listSyncReports', { limit: 1 });
    expect(reports).toMatchObject({ ok: true, value: [{ id: runId, status: 'cancelled' }] });
  });

  it('the demo station delivers a scan in the background (trickle), with every demo destination configured', async () => {
    const { core } = makeTestCore(temps.make('lastmile-contract-'));
    cores.push(core);
    insertParcel(core.db, { id: 'P1', trackingNumber: 'TH0112345678', carrier: 'flash' });
    const carrier = await startDemoCarrier(core, 7);
    carriers.push(carrier);
    const scanned = await call(core, 'recordScan', { code: 'TH0112345678', source: 'scanner' });
    if (!scanned.ok) throw new Error(JSON.stringify(scanned.error));
    const eventId = (scanned.value as { outboxEventId: string }).outboxEventId;
    const status = () =>
      core.db.prepare('SELECT status, idempotency_key AS k FROM outbox_events WHERE id = ?').get(eventId) as {
        status: string;
        k: string;
      };
    for (let i = 0; i < 500 && status().status !== 'delivered'; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(status().status).toBe('delivered');
    expect(carrier.applications(status().k)).toBe(1);
    expect(carrier.applied('flash').map((e) => e.idempotencyKey)).toEqual([status().k]);

    const overview = await call(core, 'getSyncOverview');
    const names = overview.ok ? syncOverviewSchema.parse(overview.value).destinations.map((d) => d.name) : [];
    expect(names).toEqual([...DEMO_CARRIERS.map((c) => c.name), 'hub', 'tiktok_shop'].sort());
  });
});
