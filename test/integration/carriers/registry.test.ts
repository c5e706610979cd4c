import { afterEach, describe, expect, it } from 'vitest';
import {
  buildConnector,
  CONNECTORS,
  connectorKinds,
  getConnector,
  isConnectorKind,
  REDACTED,
  redactConfig,
  storedDestinationSchema,
  type StoredDestinationInput,
} from '../../../src/main/carriers/registry';
import { RequestPacer } from '../../../src/main/carriers/request-pacer';
import { startTestCarrier } from '../../../src/main/carriers/test-carrier/server';
import { systemClock } from '../../../src/main/clock';
import { platformReturnOrderSchema } from '../../../src/shared/platform-returns';
import { trackingEventSchema } from '../../../src/shared/tracking';
import type { RequestBudget } from '../../../src/main/sync/token-bucket';
import { makeDeps, pullAll, signal } from './harness';

/** One minimal stored destination per kind, secrets included. */
const STORED = [
  {
    name: 'local',
    kind: 'test-carrier',
    baseUrl: 'http://127.0.0.1:9',
    credentials: { clientId: 'lastmile', clientSecret: 'tc-secret' },
  },
  { name: 't17', kind: 'seventeen-track', apiKey: '17-secret', market: 'TH' },
  { name: 'as', kind: 'aftership', apiKey: 'as-secret', webhookSecret: 'as-hook-secret', market: 'GB' },
  { name: 'nv-my', kind: 'ninja-van', clientId: 'nv', clientSecret: 'nv-secret', country: 'my' },
  {
    name: 'jnt-my',
    kind: 'jnt-express',
    apiAccount: '640826271705595946',
    privateKey: 'jnt-key',
    customerCode: 'C1',
    password: 'jnt-password',
  },
  {
    name: 'tiktok_shop',
    kind: 'tiktok-shop',
    appKey: 'tts-app',
    appSecret: 'tts-secret',
    shopCipher: 'ROW_cipher',
    refreshToken: 'tts-refresh',
    accessToken: 'tts-access',
  },
];

const SECRETS = [
  'tc-secret',
  '17-secret',
  'as-secret',
  'as-hook-secret',
  'nv-secret',
  'jnt-key',
  'jnt-password',
  'tts-secret',
  'tts-refresh',
  'tts-access',
];

describe('connector registry', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  it('knows each kind once, and refuses one it does not know', () => {
    expect(connectorKinds()).toEqual([
      'test-carrier',
      'seventeen-track',
      'aftership',
      'ninja-van',
      'jnt-express',
      'tiktok-shop',
    ]);
    expect(new Set(connectorKinds()).size).toBe(CONNECTORS.length);
    for (const kind of connectorKinds()) expect(getConnector(kind).kind).toBe(kind);
    expect(isConnectorKind('fedex')).toBe(false);
    expect(() => getConnector('fedex')).toThrow(
      'unknown connector kind "fedex"; this build knows test-carrier, seventeen-track',
    );
  });

  it("validates a stored destination by its kind, with each connector's defaults", () => {
    const parsed = STORED.map((s) => storedDestinationSchema.parse(s));
    expect(parsed.map((p) => p.kind)).toEqual(connectorKinds());
    const t17 = parsed[1]!;
    expect(t17).toMatchObject({
      baseUrl: 'https://api.17track.net/track/v2.2',
      batchSize: 40,
      limits: { maxBatchSize: 40 },
    });
    expect(parsed[4]).toMatchObject({
      baseUrl: 'https://ylopenapi.jtexpress.my/webopenplatformapi',
      market: 'MY',
      carrierCode: 'jnt-my',
    });

    expect(storedDestinationSchema.safeParse({ name: 'x', kind: 'fedex' }).success).toBe(false);
    expect(storedDestinationSchema.safeParse({ ...STORED[1], batchSize: 41 }).success).toBe(false);
    expect(storedDestinationSchema.safeParse({ ...STORED[1], limits: { maxBatchSize: 100 } }).success).toBe(
      false,
    );
    expect(
      storedDestinationSchema.safeParse({ ...STORED[1], baseUrl: 'http://api.17track.net/track/v2.2' })
        .success,
    ).toBe(false);
    expect(storedDestinationSchema.safeParse({ ...STORED[1], apiKey: '' }).success).toBe(false);
    expect(storedDestinationSchema.safeParse({ ...STORED[1], unexpected: true }).success).toBe(false);
    expect(storedDestinationSchema.safeParse({ ...STORED[3], name: 'has space' }).success).toBe(false);
  });

  it('declares as secret only fields its configuration has, and redacts every one of them', () => {
    for (const stored of STORED) {
      const definition = getConnector(stored.kind);
      const redacted = redactConfig(stored) as Record<string, unknown>;
      for (const path of definition.secretFields) {
        const value = path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], redacted);
        expect(value, `${stored.kind} ${path}`).toBe(REDACTED);
      }
      const text = JSON.stringify(redacted);
      for (const secret of SECRETS) expect(text, stored.kind).not.toContain(secret);
      expect(redacted.name).toBe(stored.name);
    }
    // The input is untouched.
    expect(STORED[1]!.apiKey).toBe('17-secret');
    // A kind this build does not know still never prints a secret-looking value.
    expect(redactConfig({ kind: 'fedex', apiKey: 'k', nested: { clientSecret: 's', region: 'eu' } })).toEqual(
      {
        kind: 'fedex',
        apiKey: REDACTED,
        nested: { clientSecret: REDACTED, region: 'eu' },
      },
    );
  });

  it('builds the test carrier as a connector whose pulls answer the model and whose destination delivers', async () => {
    const carrier = await startTestCarrier({
      credentials: { clientId: 'lastmile', clientSecret: 'tc-secret' },
      returns: 7,
      trackingNumbers: ['TT1', 'TT2'],
      trackingPerParcel: 3,
      carrierName: 'flash',
    });
    cleanups.push(() => carrier.close());
    const stored: StoredDestinationInput = {
      name: 'c1',
      kind: 'test-carrier',
      baseUrl: carrier.url,
      credentials: { clientId: 'lastmile', clientSecret: 'tc-secret' },
      pageSize: 4,
    };
    const instance = buildConnector(stored, makeDeps());
    cleanups.push(() => instance.close());

    expect(await instance.testConnection(signal())).toEqual({ ok: true, detail: 'credentials accepted' });
    const returns = await pullAll(instance.pulls.returns!);
    expect(returns.items).toHaveLength(7);
    for (const r of returns.items) expect(platformReturnOrderSchema.parse(r)).toEqual(r);
    expect(returns.items[0]).toMatchObject({
      platform: 'tiktok_shop',
      returnCarrier: 'flash',
      nextAction: null,
    });

    const tracking = await pullAll(instance.pulls.tracking!);
    expect(tracking.items).toHaveLength(6);
    for (const e of tracking.items) expect(trackingEventSchema.parse(e)).toEqual(e);
    expect(tracking.items.map((e) => e.status)).toContain('picked_up');

    const outcomes = await instance.destination!.deliver(
      [
        {
          id: 'e1',
          seq: 1,
          idempotencyKey: 'k1',
          destination: 'c1',
          orderingKey: 'o',
          type: 'scan.unknown',
          payload: {},
          attempts: 1,
        },
      ],
      signal(),
    );
    expect(outcomes).toEqual([{ id: 'e1', status: 'delivered' }]);
    expect(carrier.applications('k1')).toBe(1);

    const wrong = buildConnector(
      { ...stored, kind: 'test-carrier', credentials: { clientId: 'lastmile', clientSecret: 'nope' } },
      makeDeps(),
    );
    cleanups.push(() => wrong.close());
    expect(await wrong.testConnection(signal())).toEqual({
      ok: false,
      reason: 'auth',
      detail: 'the test carrier refused the credentials',
    });
  });

  it("paces a connector's own calls through the budget it is given", async () => {
    let taken = 0;
    let offered = 1;
    const budget: RequestBudget = {
      waitMs: () => 5,
      available: () => offered,
      takeUpTo: (n) => {
        if (offered > 0) {
          offered -= 1;
          taken += n;
          return n;
        }
        offered = 1; // one token per wait
        return 0;
      },
      refund: () => undefined,
      drain: () => undefined,
    };
    const pacer = new RequestPacer({
      budget,
      limits: { requestsPerSecond: 1, burst: 1, maxConcurrency: 1, maxBatchSize: 1, requestTimeoutMs: 1000 },
      clock: systemClock,
      maxThrottleWaitMs: 0,
    });
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await pacer.run(signal(), async () => i));
    expect(results).toEqual([0, 1, 2]);
    expect(taken).toBe(3);
  });
});
