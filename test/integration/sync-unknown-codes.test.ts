import { afterEach, describe, expect, it } from 'vitest';
import { startAfterShipFake, type FakeCheckpoint } from '../../src/main/carriers/aftership/fake-server';
import { attachSync } from '../../src/main/sync/attach-sync';
import type { DestinationConfigInput } from '../../src/main/sync/destination-config';
import { SyncService } from '../../src/main/sync/sync-service';
import { makeTestCore } from '../helpers/core-factory';
import { insertParcel } from '../helpers/fixtures-db';
import { signInSupervisor } from '../helpers/session';
import { TempDirs } from '../helpers/temp-dir';

const SECRET = 'as-unknown-codes-secret';

function checkpoints(codes: string[]): FakeCheckpoint[] {
  return codes.map((code, i) => ({
    checkpoint_time: `2026-01-15T0${String(i + 1)}:00:00+07:00`,
    message: `scan ${String(i)}`,
    tag: code.split('_')[0] ?? code,
    subtag: code.includes('_') ? code : null,
    city: 'Hanoi',
  }));
}

/**
 * Codes the status table does not know are kept as `unknown` and counted per account and code in
 * the next daily report, whether they came with a pull or a webhook; the report after that starts
 * from zero.
 */
describe('unknown source codes in the daily sync report', () => {
  const temps = new TempDirs();
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    temps.cleanup();
  });

  it('counts every event per account and code, from pulls and webhooks, once per report', async () => {
    const { core, clock } = makeTestCore(temps.make('lastmile-unknown-codes-'));
    cleanups.push(() => core.close());
    const fake = await startAfterShipFake({ apiKey: 'as-key', webhookSecret: SECRET, clock });
    cleanups.push(() => fake.close());
    insertParcel(core.db, { id: 'p1', trackingNumber: 'VN1', carrier: 'ninjavan-vn', country: 'VN' });
    insertParcel(core.db, { id: 'p2', trackingNumber: 'VN2', carrier: 'ninjavan-vn', country: 'VN' });
    fake.setTracking(
      'VN1',
      'ninjavan',
      checkpoints(['InTransit_002', 'InTransit_042', 'InTransit_042']),
      clock.now() - 1000,
    );
    fake.setTracking('VN2', 'ninjavan', checkpoints(['InTransit_042', 'Teleported']), clock.now() - 1000);
    const service = attachSync(core, {
      destinations: [
        {
          name: 'aftership-vn',
          kind: 'aftership',
          apiKey: 'as-key',
          webhookSecret: SECRET,
          baseUrl: fake.baseUrl,
          market: 'VN',
          limits: { requestsPerSecond: 100, burst: 100, requestTimeoutMs: 2000 },
        },
      ],
      feeds: { tracking: ['aftership-vn'] },
      startTrickle: false,
    });
    expect(service).toBeInstanceOf(SyncService);
    await signInSupervisor(core);
    const supervisor = core.users.list().find((u) => u.role === 'supervisor')!;

    const first = await service.runDaily('cli', supervisor);
    expect(first.pulls[0]).toMatchObject({ fetched: 5, error: null });
    expect(first.unknownCodes).toEqual([
      {
        account: 'aftership-vn',
        connector: 'aftership',
        code: 'InTransit_042',
        count: 3,
        sample: expect.any(String),
      },
      {
        account: 'aftership-vn',
        connector: 'aftership',
        code: 'Teleported',
        count: 1,
        sample: expect.any(String),
      },
    ]);
    // The events were kept, not dropped.
    expect(
      core.db.prepare("SELECT count(*) AS n FROM tracking_events WHERE status = 'unknown'").get(),
    ).toEqual({ n: 4 });

    // A webhook with an unknown code counts in the next report; a replay does not count again.
    fake.setTracking('VN2', 'ninjavan', checkpoints(['Levitating_001']), clock.now());
    const push = fake.push('VN2', 'evt-unknown-1');
    const stored = await service.webhooks.receive('aftership', 'aftership-vn', push.headers, push.body);
    expect(stored.body).toMatchObject({ ok: true, duplicate: false });
    await service.webhooks.receive('aftership', 'aftership-vn', push.headers, push.body);
    clock.advance(60_000);
    const second = await service.runDaily('cli', supervisor);
    expect(second.unknownCodes).toEqual([
      {
        account: 'aftership-vn',
        connector: 'aftership',
        code: 'Levitating_001',
        count: 1,
        sample: expect.any(String),
      },
    ]);
    // The stored report carries them to the Sync screen.
    expect(service.reports(1)[0]?.unknownCodes).toEqual(second.unknownCodes);
  });

  it('keeps the counts and the ids already counted across a restart: the report has the sum, a re-read checkpoint counts once', async () => {
    const dataDir = temps.make('lastmile-unknown-codes-restart-');
    const first = makeTestCore(dataDir);
    const fake = await startAfterShipFake({ apiKey: 'as-key', webhookSecret: SECRET, clock: first.clock });
    cleanups.push(() => fake.close());
    const destinations = [
      {
        name: 'aftership-vn',
        kind: 'aftership',
        apiKey: 'as-key',
        webhookSecret: SECRET,
        baseUrl: fake.baseUrl,
        market: 'VN',
        limits: { requestsPerSecond: 100, burst: 100, requestTimeoutMs: 2000 },
      },
    ] satisfies DestinationConfigInput[];
    insertParcel(first.core.db, { id: 'p1', trackingNumber: 'VN1', carrier: 'ninjavan-vn', country: 'VN' });
    insertParcel(first.core.db, { id: 'p2', trackingNumber: 'VN2', carrier: 'ninjavan-vn', country: 'VN' });
    fake.setTracking(
      'VN1',
      'ninjavan',
      checkpoints(['InTransit_042', 'InTransit_042', 'Teleported']),
      first.clock.now() - 1000,
    );
    const before = attachSync(first.core, {
      destinations,
      feeds: { tracking: ['aftership-vn'] },
      startTrickle: false,
    });
    const push1 = fake.push('VN1', 'evt-before-restart');
    expect(
      (await before.webhooks.receive('aftership', 'aftership-vn', push1.headers, push1.body)).body,
    ).toMatchObject({ ok: true, duplicate: false });
    // Counted where the next process finds it, before any report.
    expect(first.core.db.prepare('SELECT code, count FROM unknown_code_counts ORDER BY code').all()).toEqual([
      { code: 'InTransit_042', count: 2 },
      { code: 'Teleported', count: 1 },
    ]);
    await first.core.close();

    // The core again, on the same file (a restart of the station, or the CLI's daily run).
    const { core, clock } = makeTestCore(dataDir, { now: first.clock.now() + 60_000 });
    cleanups.push(() => core.close());
    const service = attachSync(core, {
      destinations,
      feeds: { tracking: ['aftership-vn'] },
      startTrickle: false,
    });
    fake.setTracking('VN2', 'ninjavan', checkpoints(['InTransit_042']), clock.now() - 1000);
    const push2 = fake.push('VN2', 'evt-after-restart');
    await service.webhooks.receive('aftership', 'aftership-vn', push2.headers, push2.body);
    await signInSupervisor(core);
    const supervisor = core.users.list().find((u) => u.role === 'supervisor')!;
    // The daily pull reads VN1 and VN2 again: every checkpoint it brings was counted already.
    const report = await service.runDaily('cli', supervisor);
    expect(report.pulls[0]).toMatchObject({ fetched: 4, error: null });
    expect(report.unknownCodes).toEqual([
      {
        account: 'aftership-vn',
        connector: 'aftership',
        code: 'InTransit_042',
        count: 3,
        sample: expect.any(String),
      },
      {
        account: 'aftership-vn',
        connector: 'aftership',
        code: 'Teleported',
        count: 1,
        sample: expect.any(String),
      },
    ]);
    expect(core.db.prepare('SELECT count(*) AS n FROM unknown_code_counts').get()).toEqual({ n: 0 });
    // Read once more after the report: still nothing new to count.
    clock.advance(60_000);
    expect((await service.runDaily('cli', supervisor)).unknownCodes).toEqual([]);
  });
});
