import { afterEach, describe, expect, it } from 'vitest';
import type { JntFake } from '../../../src/main/carriers/jnt-express/fake-server';
import type { NinjaVanFake } from '../../../src/main/carriers/ninja-van/fake-server';
import type { Core } from '../../../src/main/core';
import type { OutboxEventView } from '../../../src/shared/domain';
import { erpLampOrder } from '../../helpers/packing/erp-order';
import { benchCalls, saveSmallBox } from '../../helpers/packing/pack-bench';
import { signInSupervisor } from '../../helpers/session';
import { TempDirs } from '../../helpers/temp-dir';
import { carrierLineStation, MY_T0 } from '../../helpers/packing/carrier-line-station';

/** Thursday 2026-01-15 16:00 in Kuala Lumpur. */
const T0 = MY_T0;
const BENCH = { clientId: 'void-bench' };
const SUPERVISOR = { clientId: 'void-supervisor' };

type Line = 'ninjavan-my' | 'jnt-my';

/**
 * A rebooked parcel's old label is cancelled at the carrier: packed and booked over HTTP on
 * 127.0.0.1 (the Ninja Van fake checks its bearer token, the J&T fake its digest), rebooked by the
 * supervisor through packCutoffResolve, and the `package.label_voided` event delivered by the
 * station's own delivery engine. Each fake's count of cancels applied is the truth of "once".
 */
describe('a rebooked parcel’s label is cancelled at the carrier', () => {
  const dirs = new TempDirs();
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    dirs.cleanup();
  });

  const { id, call, pack } = benchCalls(BENCH, 'void');
  const scan = (code: string) => ({ code, source: 'scanner' });

  async function station(line: Line) {
    const s = await carrierLineStation(dirs.make(), cleanups, SUPERVISOR, {
      bookingTimeoutMs: 2_000,
      requestTimeoutMs: 2_000,
      idleRecheckMs: 20,
    });
    const { core } = s;
    await call(core, 'setRoute', SUPERVISOR, { country: 'MY', primary: line, backup: null });
    await saveSmallBox(core);
    return s;
  }

  async function until(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Packs one ERP order on the route's line: answers its package and the carrier's number. */
  async function packed(core: Core, ref: string) {
    await core.packing.orders.upsertMany([
      erpLampOrder(ref, T0, {
        seller: 'acme',
        postcode: '50450',
        phone: '+60123456789',
        region: 'WP Kuala Lumpur',
      }),
    ]);
    await pack(core, 'packOpen', scan(ref));
    await pack(core, 'packScanItem', scan('ACME-LAMP'));
    await pack(core, 'packWeigh', {
      reading: { kind: 'typed', text: '600 g' },
      box: { kind: 'preset', code: 'S2' },
    });
    await pack(core, 'packRoute', {});
    const done = await pack<{ packageId: string; trackingNumber: string | null; state: string }>(
      core,
      'packComplete',
      {},
    );
    expect(done.state).toBe('packed');
    return { packageId: done.packageId, trackingNumber: done.trackingNumber ?? '' };
  }

  async function rebook(core: Core, packageId: string) {
    await signInSupervisor(core, SUPERVISOR.clientId);
    return call<{ voidedTracking: string; voidEventId: string }>(core, 'packCutoffResolve', SUPERVISOR, {
      packageId,
      action: 'rebook',
      clientActionId: id(),
    });
  }

  const voidEvent = (core: Core, eventId: string) =>
    core.db
      .prepare<[string], { status: string; attempts: number; last_error: string | null }>(
        'SELECT status, attempts, last_error FROM outbox_events WHERE id = ?',
      )
      .get(eventId);

  const settled = (core: Core, eventId: string) => () =>
    ['delivered', 'dead'].includes(voidEvent(core, eventId)?.status ?? '');

  /** Waits for a retry after a failed attempt, moving the station's clock past its backoff. */
  async function retried(s: { core: Core; clock: { advance(ms: number): void } }, eventId: string) {
    await until('the first attempt failed', () => (voidEvent(s.core, eventId)?.attempts ?? 0) >= 1);
    await until('the retry settled', () => {
      s.clock.advance(1_000);
      return settled(s.core, eventId)();
    });
  }

  const cancelRequests = (fake: NinjaVanFake | JntFake, route: string) =>
    fake.http.requests.filter((r) => r.route === route).length;

  it('Ninja Van: the old order is cancelled once, behind the bearer token the fake checks', async () => {
    const s = await station('ninjavan-my');
    const p = await packed(s.core, 'VOID-NV-1');
    expect(s.nv.orders.map((o) => o.trackingNumber)).toEqual([p.trackingNumber]);

    const result = await rebook(s.core, p.packageId);
    expect(result.voidedTracking).toBe(p.trackingNumber);
    await until('the void delivered', settled(s.core, result.voidEventId));
    expect(voidEvent(s.core, result.voidEventId)).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(s.nv.cancels).toEqual([p.trackingNumber]);
    expect(cancelRequests(s.nv, 'cancel')).toBe(1);
    const sent = s.nv.http.requests.find((r) => r.route === 'cancel');
    expect(sent?.method).toBe('DELETE');
    expect(sent?.path).toBe(`/my/2.2/orders/${p.trackingNumber}`);
    expect(s.logger.lines.filter((l) => l.message === 'label voided at the carrier')).toEqual([
      { level: 'info', message: 'label voided at the carrier' },
    ]);
  });

  it('Ninja Van: a cancel whose answer was lost is sent again and still cancels once', async () => {
    const s = await station('ninjavan-my');
    const p = await packed(s.core, 'VOID-NV-2');
    s.nv.loseCancelAnswers(1);
    const result = await rebook(s.core, p.packageId);
    await retried(s, result.voidEventId);
    // The resend is refused (the order is cancelled); Ninja Van's own tracking says cancelled.
    expect(voidEvent(s.core, result.voidEventId)).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(s.nv.cancels).toEqual([p.trackingNumber]);
    expect(cancelRequests(s.nv, 'cancel')).toBe(2);
    expect(cancelRequests(s.nv, 'tracking')).toBe(1);
  });

  it('Ninja Van: a parcel a driver has picked up is not cancelled — the refusal is a dead letter with Ninja Van’s reason', async () => {
    const s = await station('ninjavan-my');
    const p = await packed(s.core, 'VOID-NV-3');
    s.nv.pickUp(p.trackingNumber);
    const result = await rebook(s.core, p.packageId);
    await until('the void settled', settled(s.core, result.voidEventId));
    expect(s.nv.cancels).toEqual([]);
    const dead = await call<OutboxEventView[]>(s.core, 'listDeadLetters', SUPERVISOR, { limit: 50 });
    expect(dead.map((d) => [d.id, d.type, d.destination])).toEqual([
      [result.voidEventId, 'package.label_voided', 'ninjavan-my'],
    ]);
    expect(dead[0]?.lastError).toContain(`Ninja Van did not cancel ${p.trackingNumber}`);
    expect(dead[0]?.lastError).toContain('cannot be cancelled in its current status');
  });

  it('Ninja Van: an expired token is renewed once and the cancel goes through', async () => {
    const s = await station('ninjavan-my');
    const p = await packed(s.core, 'VOID-NV-4');
    const issued = s.nv.tokensIssued();
    s.nv.expireTokens();
    const result = await rebook(s.core, p.packageId);
    await until('the void delivered', settled(s.core, result.voidEventId));
    expect(voidEvent(s.core, result.voidEventId)?.status).toBe('delivered');
    expect(s.nv.tokensIssued()).toBe(issued + 1);
    expect(s.nv.cancels).toEqual([p.trackingNumber]);
  });

  it('Ninja Van: a 503 is retried, not dead-lettered; the retry cancels once', async () => {
    const s = await station('ninjavan-my');
    const p = await packed(s.core, 'VOID-NV-5');
    s.nv.http.inject({ route: 'cancel', fault: { kind: 'status', status: 503 } });
    const result = await rebook(s.core, p.packageId);
    await retried(s, result.voidEventId);
    expect(voidEvent(s.core, result.voidEventId)).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(s.nv.cancels).toEqual([p.trackingNumber]);
  });

  it('J&T: the old order is cancelled once by txlogisticId, signed with a digest the fake checks', async () => {
    const s = await station('jnt-my');
    const p = await packed(s.core, 'VOID-JNT-1');
    expect(s.jnt.orders.map((o) => o.billCode)).toEqual([p.trackingNumber]);

    const result = await rebook(s.core, p.packageId);
    await until('the void delivered', settled(s.core, result.voidEventId));
    expect(voidEvent(s.core, result.voidEventId)).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(s.jnt.cancels).toEqual([p.trackingNumber]);
    expect(s.jnt.signatureFailures()).toBe(0);
    const sent = s.jnt.http.requests.find((r) => r.route === 'cancelOrder');
    const content = JSON.parse(new URLSearchParams(sent?.body ?? '').get('bizContent') ?? '{}') as Record<
      string,
      unknown
    >;
    expect(content).toMatchObject({
      customerCode: 'ITTEST0001',
      txlogisticId: `LM${p.packageId}`,
      billCode: p.trackingNumber,
    });
    expect(String(content.reason).length).toBeGreaterThan(0);
  });

  it('J&T: a cancel whose answer was lost is sent again and still cancels once', async () => {
    const s = await station('jnt-my');
    const p = await packed(s.core, 'VOID-JNT-2');
    s.jnt.loseCancelAnswers(1);
    const result = await rebook(s.core, p.packageId);
    await retried(s, result.voidEventId);
    // The resend gets "status can not be cancel"; the bill has no scan, so our first cancel held.
    expect(voidEvent(s.core, result.voidEventId)).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(s.jnt.cancels).toEqual([p.trackingNumber]);
    expect(cancelRequests(s.jnt, 'cancelOrder')).toBe(2);
    expect(s.jnt.traced).toEqual([p.trackingNumber]);
  });

  it('J&T: a picked-up parcel is not cancelled — the refusal is a dead letter with J&T’s reason, also on a resend', async () => {
    const s = await station('jnt-my');
    const p = await packed(s.core, 'VOID-JNT-3');
    const q = await packed(s.core, 'VOID-JNT-4');
    s.jnt.pickUp(p.trackingNumber);
    const first = await rebook(s.core, p.packageId);
    await until('the void settled', settled(s.core, first.voidEventId));
    // A resend after a cancel that got no answer, for a parcel picked up in between: the scan
    // shows a driver has it, so the refusal stands.
    s.jnt.http.inject({ route: 'cancelOrder', fault: { kind: 'reset' } });
    const second = await rebook(s.core, q.packageId);
    await until(
      'the first attempt failed',
      () => (voidEvent(s.core, second.voidEventId)?.attempts ?? 0) >= 1,
    );
    s.jnt.pickUp(q.trackingNumber);
    await retried(s, second.voidEventId);

    expect(s.jnt.cancels).toEqual([]);
    const dead = await call<OutboxEventView[]>(s.core, 'listDeadLetters', SUPERVISOR, { limit: 50 });
    expect(dead.map((d) => d.id).sort()).toEqual([first.voidEventId, second.voidEventId].sort());
    for (const d of dead) {
      expect(d.lastError).toContain('J&T Express did not cancel');
      expect(d.lastError).toContain('999002010 order status can not be cancel');
    }
    expect(dead.find((d) => d.id === second.voidEventId)?.lastError).toContain('last scan: Picked Up');
  });

  /** Packs a rebooked parcel again on the route's line, as weighed: answers the new number. */
  async function repacked(core: Core, ref: string): Promise<string> {
    await pack(core, 'packOpen', scan(ref));
    await pack(core, 'packRoute', {});
    const done = await pack<{ trackingNumber: string | null; state: string }>(core, 'packComplete', {});
    expect(done.state).toBe('packed');
    return done.trackingNumber ?? '';
  }

  it('Ninja Van: rebooked onto the same line twice, each booking is a new order, not the cancelled one back', async () => {
    const s = await station('ninjavan-my');
    const p = await packed(s.core, 'VOID-NV-6');
    const first = await rebook(s.core, p.packageId);
    await until('the first void delivered', settled(s.core, first.voidEventId));
    const second = await repacked(s.core, 'VOID-NV-6');
    expect(second).not.toBe(p.trackingNumber);
    const again = await rebook(s.core, p.packageId);
    expect(again.voidedTracking).toBe(second);
    await until('the second void delivered', settled(s.core, again.voidEventId));
    const third = await repacked(s.core, 'VOID-NV-6');
    expect(new Set([p.trackingNumber, second, third]).size).toBe(3);
    expect(s.nv.orders.map((o) => o.trackingNumber)).toEqual([p.trackingNumber, second, third]);
    expect(s.nv.cancels).toEqual([p.trackingNumber, second]);
  });

  it('J&T: rebooked onto the same line, the new order has its own txlogisticId and the next void cancels that one', async () => {
    const s = await station('jnt-my');
    const p = await packed(s.core, 'VOID-JNT-5');
    const first = await rebook(s.core, p.packageId);
    await until('the first void delivered', settled(s.core, first.voidEventId));
    const second = await repacked(s.core, 'VOID-JNT-5');
    expect(second).not.toBe(p.trackingNumber);
    const again = await rebook(s.core, p.packageId);
    await until('the second void delivered', settled(s.core, again.voidEventId));
    expect(voidEvent(s.core, again.voidEventId)?.status).toBe('delivered');
    expect(s.jnt.cancels).toEqual([p.trackingNumber, second]);
    const sentIds = s.jnt.http.requests
      .filter((r) => r.route === 'cancelOrder')
      .map((r) => {
        const content = JSON.parse(new URLSearchParams(r.body).get('bizContent') ?? '{}') as {
          txlogisticId?: string;
        };
        return content.txlogisticId;
      });
    expect(sentIds).toEqual([`LM${p.packageId}`, `LM${p.packageId}-R1`]);
    expect(s.jnt.orders.map((o) => o.billCode)).toEqual([p.trackingNumber, second]);
  });
});
