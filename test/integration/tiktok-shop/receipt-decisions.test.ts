import { afterEach, describe, expect, it } from 'vitest';
import {
  startFakeTikTokShop,
  type FakeFault,
  type FakeReturn,
} from '../../../src/main/carriers/tiktok-shop/fake-server';
import { systemClock } from '../../../src/main/clock';
import type { Db } from '../../../src/main/db/open';
import { silentLogger } from '../../../src/main/logger';
import type { Outbox } from '../../../src/main/outbox/outbox';
import { seededRandom } from '../../../src/main/random';
import { DeliveryEngine } from '../../../src/main/sync/delivery-engine';
import { TempDirs } from '../../helpers/temp-dir';
import { countByStatus, openOutbox, statusOf } from '../fixtures/outbox-events';
import { connectTo, pngBytes, type Harness } from './harness';

const clock = systemClock;

/**
 * Receipt decisions from the real outbox through the real delivery engine to the fake platform
 * over HTTP. The truth is the fake's: how many approve/reject requests carried each idempotency
 * key (before its de-duplication), how many state changes each key caused, and what each return
 * was decided — never the client's own account.
 */
describe('TikTok Shop receipt decisions', () => {
  const dirs = new TempDirs();
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    dirs.cleanup();
  });

  async function scenario(options: { timeoutMs?: number } = {}) {
    const timeoutMs = options.timeoutMs ?? 2_000;
    const fake = await startFakeTikTokShop({ clock });
    cleanups.push(() => fake.close());
    const h = connectTo(fake, clock, {
      config: {
        limits: { requestsPerSecond: 200, burst: 50, maxConcurrency: 2, requestTimeoutMs: timeoutMs },
      },
    });
    const { db, outbox } = openOutbox(dirs.make(), clock);
    cleanups.push(() => {
      db.close();
    });
    const engine = new DeliveryEngine({
      db,
      clock,
      random: seededRandom(3),
      destinations: [h.connector.destination],
      logger: silentLogger,
      leaseMs: timeoutMs + 1_000,
      backoff: { baseMs: 5, capMs: 40 },
      breaker: { failureThreshold: 50, cooldownMs: 20, maxCooldownMs: 40 },
      maxMalformed: 3,
    });
    cleanups.push(() => engine.stop());
    return { fake, h, db, outbox, engine };
  }

  function decide(
    s: { db: Db; outbox: Outbox; h: Harness },
    ret: FakeReturn,
    decision: 'approve' | 'reject',
    extra: { reason?: string | null; images?: Uint8Array[]; comment?: string | null } = {},
  ) {
    const images = (extra.images ?? []).map((bytes) => ({
      sha256: s.h.blobs.put(bytes),
      mimeType: 'image/png' as const,
      width: 640,
      height: 480,
    }));
    return s.db.transaction(() =>
      s.outbox.enqueue(s.db, {
        destination: 'tiktok-th',
        orderingKey: `return:${ret.return_id}`,
        type: 'return.receipt_decided',
        payload: {
          stationId: '3b0f6a1e-8d4c-4f7e-9a51-1c2d3e4f5a6b',
          returnOrderId: `RO-${ret.return_id}`,
          platformReturnId: ret.return_id,
          decision,
          rejectReason: extra.reason ?? (decision === 'reject' ? 'reverse_reject_request_reason_2' : null),
          comment: extra.comment ?? null,
          images,
          decidedBy: 'clerk-7',
          decidedAt: clock.now(),
        },
      }),
    )();
  }

  async function drainAll(engine: DeliveryEngine, db: Db) {
    let previous = -1;
    for (let round = 0; round < 40; round++) {
      const summary = await engine.drain({ maxWaitMs: 1_000 });
      const counts = countByStatus(db);
      const settled = (counts.delivered ?? 0) + (counts.dead ?? 0);
      if (summary.remaining === 0 || settled === previous) return summary;
      previous = settled;
    }
    throw new Error('drain made no end');
  }

  it('approve, with the answer lost after the platform applied it: sent twice, applied once', async () => {
    const s = await scenario({ timeoutMs: 1_200 });
    const ret = s.fake.addReturn();
    const event = decide(s, ret, 'approve');
    s.fake.inject({ route: 'approve', kind: 'hang', afterApply: true });
    await drainAll(s.engine, s.db);

    expect(statusOf(s.db, event.id).status).toBe('delivered');
    // At least the lost one and the resend (a loaded machine may time out once more).
    expect(s.fake.decisionRequests(event.idempotencyKey)).toBeGreaterThanOrEqual(2);
    expect(s.fake.applications(event.idempotencyKey)).toBe(1);
    expect(s.fake.decisionsFor(ret.return_id).map((d) => d.decision)).toEqual(['APPROVE_RECEIVED_PACKAGE']);
    expect(s.fake.getReturn(ret.return_id)?.return_status).toBe('RETURN_OR_REFUND_REQUEST_SUCCESS');
    // The resend skipped the checks: the status had moved, and eligibility would refuse our own decision.
    expect(s.fake.stats().requests.eligibility).toBe(1);
    expect(new Set(s.fake.log('approve').map((l) => l.query.idempotency_key))).toEqual(
      new Set([event.idempotencyKey]),
    );
  });

  it('reject with two photos through upload, server and lost-answer faults: photos uploaded once, decision applied once', async () => {
    const s = await scenario({ timeoutMs: 1_200 });
    const ret = s.fake.addReturn();
    const photos = [pngBytes(1200, 900), pngBytes(800, 800)];
    const event = decide(s, ret, 'reject', {
      images: photos,
      reason: 'reverse_reject_request_reason_2',
      comment: 'Screen cracked, seal broken',
    });
    s.fake.inject({ route: 'upload', kind: 'status', status: 500, skip: 1 });
    s.fake.inject({ route: 'reject', kind: 'status', status: 500 });
    s.fake.inject({ route: 'reject', kind: 'hang', afterApply: true });
    await drainAll(s.engine, s.db);

    expect(statusOf(s.db, event.id).status).toBe('delivered');
    const hashes = photos.map((p) => s.h.blobs.put(p));
    expect(hashes.map((hash) => s.fake.uploads(hash))).toEqual([1, 1]);
    expect(s.fake.applications(event.idempotencyKey)).toBe(1);
    expect(s.fake.decisionRequests(event.idempotencyKey)).toBeGreaterThanOrEqual(2);
    const [applied, ...more] = s.fake.decisionsFor(ret.return_id);
    expect(more).toEqual([]);
    expect(applied).toMatchObject({
      decision: 'REJECT_RECEIVED_PACKAGE',
      rejectReason: 'reverse_reject_request_reason_2',
      comment: 'Screen cracked, seal broken',
    });
    // The images are the ones uploaded, with the sizes the platform answered.
    expect(applied?.images.map((i) => [i.mime_type, i.width, i.height])).toEqual([
      ['image/png', 1200, 900],
      ['image/png', 800, 800],
    ]);
    expect(applied?.images.every((i) => i.image_id.startsWith('tos-alisg-i-fake/'))).toBe(true);
    // Uploads are multipart and their bodies are not part of the signature; the fake checked it.
    expect(s.fake.log('upload').every((l) => l.contentType.startsWith('multipart/form-data'))).toBe(true);
    expect(s.fake.stats().badSignatures).toBe(0);
  });

  it('a decision the platform does not take now is a dead letter with its code, and nothing is sent', async () => {
    const s = await scenario();
    const ret = s.fake.addReturn({ status: 'AWAITING_BUYER_SHIP' });
    const event = decide(s, ret, 'reject', { images: [pngBytes(300, 300)] });
    await drainAll(s.engine, s.db);

    const row = statusOf(s.db, event.id);
    expect(row.status).toBe('dead');
    expect(row.last_error).toBe(
      `TikTok Shop does not accept "reject the received package" for return ${ret.return_id} now: status can't reject receive (code 25011014)`,
    );
    expect(s.fake.stats().requests.reject).toBe(0);
    expect(s.fake.stats().requests.upload).toBe(0);
    expect(s.fake.decisionsFor(ret.return_id)).toEqual([]);
  });

  it('a reject reason not on the platform list is refused with the list, and nothing is sent', async () => {
    const s = await scenario();
    const ret = s.fake.addReturn();
    const event = decide(s, ret, 'reject', { reason: 'buyer_was_rude' });
    await drainAll(s.engine, s.db);

    const row = statusOf(s.db, event.id);
    expect(row.status).toBe('dead');
    expect(row.last_error).toContain(
      `reject reason "buyer_was_rude" is not one TikTok Shop offers for return ${ret.return_id}`,
    );
    expect(row.last_error).toContain(
      'reverse_reject_request_reason_3 (Items are missing from the returned package)',
    );
    expect(s.fake.stats().requests.reject).toBe(0);
  });

  it('an access token refused mid-way: refreshed once, the decision sent again with the new token', async () => {
    const s = await scenario();
    const ret = s.fake.addReturn();
    const event = decide(s, ret, 'approve');
    s.fake.inject({ route: 'approve', kind: 'expired-token' });
    await drainAll(s.engine, s.db);

    expect(statusOf(s.db, event.id).status).toBe('delivered');
    expect(s.fake.applications(event.idempotencyKey)).toBe(1);
    // The first refresh had no token yet; the second followed the refusal.
    expect(s.fake.stats().refreshes).toBe(2);
    const tokens = s.fake.log('approve').map((l) => l.accessToken);
    expect(tokens).toHaveLength(2);
    expect(tokens[0]).not.toBe(tokens[1]);
  });

  it('an eligibility answer whose field changed type: retried, then a dead letter naming the field; nothing applied', async () => {
    const s = await scenario();
    const ret = s.fake.addReturn();
    const event = decide(s, ret, 'approve');
    s.fake.inject({
      route: 'eligibility',
      kind: 'mutate',
      times: Infinity,
      mutate: (data) => {
        const d = data as { decisions: Array<Record<string, unknown>> };
        for (const entry of d.decisions) entry.eligible = entry.eligible ? 'yes' : 'no';
        return d;
      },
    });
    await drainAll(s.engine, s.db);

    const row = statusOf(s.db, event.id);
    expect(row.status).toBe('dead');
    expect(row.last_error).toContain('3 unreadable answers in a row');
    expect(row.last_error).toContain('data.decisions.0.eligible');
    expect(s.fake.stats().requests.approve).toBe(0);
    expect(s.fake.decisionsFor(ret.return_id)).toEqual([]);
  });

  it('a photo missing from the station is a dead letter saying so', async () => {
    const s = await scenario();
    const ret = s.fake.addReturn();
    const event = s.db.transaction(() =>
      s.outbox.enqueue(s.db, {
        destination: 'tiktok-th',
        orderingKey: `return:${ret.return_id}`,
        type: 'return.receipt_decided',
        payload: {
          stationId: 'st-1',
          returnOrderId: 'RO-1',
          platformReturnId: ret.return_id,
          decision: 'reject',
          rejectReason: 'reverse_reject_request_reason_1',
          comment: null,
          images: [{ sha256: 'ab'.repeat(32), mimeType: 'image/jpeg', width: 100, height: 100 }],
          decidedBy: 'clerk-7',
          decidedAt: clock.now(),
        },
      }),
    )();
    await drainAll(s.engine, s.db);
    const row = statusOf(s.db, event.id);
    expect(row.status).toBe('dead');
    expect(row.last_error).toContain('photo abababababab cannot be read on this station');
    expect(s.fake.stats().requests.reject).toBe(0);
  });

  it('many decisions with every kind of fault once: each applied exactly once, all delivered', async () => {
    const s = await scenario({ timeoutMs: 1_200 });
    const rets = Array.from({ length: 8 }, () => s.fake.addReturn());
    const events = rets.map((ret, i) =>
      i % 2 === 0
        ? decide(s, ret, 'approve')
        : decide(s, ret, 'reject', { images: [pngBytes(400 + i, 400)] }),
    );
    const faults: FakeFault[] = [
      { route: 'eligibility', kind: 'status', status: 429, retryAfter: '0.05' },
      { route: 'eligibility', kind: 'status', status: 500, skip: 2 },
      { route: 'reasons', kind: 'status', status: 503 },
      { route: 'upload', kind: 'hang', skip: 1 },
      { route: 'approve', kind: 'reset', afterApply: true },
      { route: 'approve', kind: 'garbage', afterApply: true, skip: 1 },
      { route: 'reject', kind: 'hang', afterApply: true, skip: 1 },
      { route: 'reject', kind: 'expired-token' },
    ];
    for (const fault of faults) s.fake.inject(fault);
    await drainAll(s.engine, s.db);

    expect(countByStatus(s.db)).toEqual({ delivered: 8 });
    for (const [i, event] of events.entries()) {
      expect(s.fake.applications(event.idempotencyKey), `event ${String(i)}`).toBe(1);
      expect(s.fake.decisionsFor(rets[i]?.return_id ?? '')).toHaveLength(1);
    }
    expect(s.fake.stats().faultsServed).toBe(faults.length);
  });
});
