import { afterEach, describe, expect, it } from 'vitest';
import { WebhookRejected } from '../../../src/main/carriers/connector';
import { jntExpressConfigSchema } from '../../../src/main/carriers/jnt-express/config';
import { jntExpressConnector } from '../../../src/main/carriers/jnt-express/definition';
import { startJntFake, type FakeJntDetail } from '../../../src/main/carriers/jnt-express/fake-server';
import { jntDigest } from '../../../src/main/carriers/jnt-express/signing';
import { JNT_STATUS_TABLE } from '../../../src/main/carriers/jnt-express/status-table';
import { jntWebhookAck } from '../../../src/main/carriers/jnt-express/webhook';
import { mapStatus } from '../../../src/shared/tracking';
import { TempDirs } from '../../helpers/temp-dir';
import {
  failure,
  HUGE_NUMBER,
  makeDeps,
  ParcelList,
  parcels,
  pullAll,
  runOnStation,
  signal,
} from './harness';

const ACCOUNT = '640826271705595946';
const KEY = 'jnt-private-key';

const EXPECTED: Record<string, string> = {
  '10': 'picked_up',
  '20': 'in_transit',
  '30': 'in_transit',
  '94': 'out_for_delivery',
  '100': 'delivered',
  '110': 'exception/other',
  '172': 'return_to_sender',
  '173': 'returned',
  '200': 'delivered',
  '300': 'exception/damaged',
  '301': 'lost/lost',
  '302': 'lost/other',
  '303': 'exception/refused',
  '304': 'exception/customs',
  '305': 'expired',
  '306': 'lost/customs',
};

const asText = (e: { status: string; reason?: string | null }) =>
  e.reason ? `${e.status}/${e.reason}` : e.status;

const scan = (code: string, minute: number, desc = `scan ${code}`): FakeJntDetail => ({
  scanTime: `2026-05-03 14:${minute.toString().padStart(2, '0')}:00`,
  desc,
  scanTypeCode: code,
  scanNetworkName: 'KUL Gateway',
  scanNetworkCity: 'Kuala Lumpur',
});

describe('J&T Express connector against its fake', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  const dirs = new TempDirs();
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
    dirs.cleanup();
  });

  async function setup(options: { list?: ParcelList; config?: Record<string, unknown> } = {}) {
    const fake = await startJntFake({
      apiAccount: ACCOUNT,
      privateKey: KEY,
      customerCode: 'CUST1',
      password: 'pw1',
    });
    cleanups.push(() => fake.close());
    const deps = makeDeps(options.list ? { list: options.list } : {});
    const config = jntExpressConfigSchema.parse({
      kind: 'jnt-express',
      apiAccount: ACCOUNT,
      privateKey: KEY,
      customerCode: 'CUST1',
      password: 'pw1',
      baseUrl: fake.baseUrl,
      pageSize: 10,
      limits: { requestsPerSecond: 200, burst: 50, maxConcurrency: 3, requestTimeoutMs: 2_000 },
      ...options.config,
    });
    return { fake, deps, instance: jntExpressConnector.create('jnt', config, deps) };
  }

  it('signs as the platform documents: base64 of the raw MD5 of bizContent + private key', () => {
    // Computed with `openssl md5 -binary | base64` over the platform's own example values.
    const biz =
      '{"customerCode":"ITTEST0001","password":"9C75439FB1FD01EB01861670DD1B949C","billCode":"630002864925"}';
    expect(jntDigest(biz, '8e88c8477d4e4939859c560192fcafbc')).toBe('hqhQjdirPO/RIszShY5SeA==');
  });

  it('lists every scan code it knows, each mapped as stated', () => {
    expect(Object.keys(JNT_STATUS_TABLE).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const [code, expected] of Object.entries(EXPECTED)) {
      const hit = mapStatus(JNT_STATUS_TABLE, code);
      expect(hit.known, code).toBe(true);
      expect(asText(hit), code).toBe(expected);
    }
  });

  it('maps every scan code traced through the API, with the market zone on bare local times', async () => {
    const list = new ParcelList([{ trackingNumber: '630002864925', carrier: 'jnt-my' }]);
    const { fake, instance, deps } = await setup({ list });
    const codes = Object.keys(EXPECTED);
    fake.setDetails(
      '630002864925',
      codes.map((c, i) => scan(c, i)),
    );
    const { items } = await pullAll(instance.pulls.tracking!);
    expect(items.map((e) => e.code)).toEqual(codes);
    for (const e of items) expect(asText(e), e.code).toBe(EXPECTED[e.code]);
    expect(items[0]).toMatchObject({
      occurredAt: '2026-05-03T14:00:00+08:00',
      occurredAtMs: Date.UTC(2026, 4, 3, 6),
      location: 'KUL Gateway, Kuala Lumpur',
      carrier: 'jnt-my',
    });
    expect(deps.unknown).toEqual([]);
    expect(fake.signatureFailures()).toBe(0);
  });

  it("takes a problem scan's reason from its description, and a detail's own time zone over the market's", async () => {
    const list = new ParcelList([{ trackingNumber: '630000000001', carrier: 'jnt-my' }]);
    const { fake, instance } = await setup({ list, config: { market: 'TH' } });
    fake.setDetails('630000000001', [
      scan('110', 1, 'Consignee refused to accept the parcel'),
      scan('110', 2, 'Recipient not at home, tiada orang'),
      scan('110', 3, 'Alamat tidak lengkap / incomplete address'),
      scan('110', 4, 'Parcel held for inspection'),
      { ...scan('94', 5), timeZone: 'GMT+08:00' },
    ]);
    const { items } = await pullAll(instance.pulls.tracking!);
    // 14:05 in +08:00 is an hour before 14:01 in +07:00: oldest first.
    expect(items.map((e) => [asText(e), e.occurredAt])).toEqual([
      ['out_for_delivery', '2026-05-03T14:05:00+08:00'],
      ['exception/refused', '2026-05-03T14:01:00+07:00'],
      ['exception/not_home', '2026-05-03T14:02:00+07:00'],
      ['exception/bad_address', '2026-05-03T14:03:00+07:00'],
      ['exception/other', '2026-05-03T14:04:00+07:00'],
    ]);
  });

  it('keeps an unknown scan code as "unknown" and reports it', async () => {
    const list = new ParcelList([{ trackingNumber: '630000000002', carrier: 'jnt-my' }]);
    const { fake, instance, deps } = await setup({ list });
    fake.setDetails('630000000002', [scan('10', 1), scan('999', 2, 'Sorting robot scan')]);
    const { items } = await pullAll(instance.pulls.tracking!);
    expect(items.map((e) => [e.code, e.status])).toEqual([
      ['10', 'picked_up'],
      ['999', 'unknown'],
    ]);
    expect(deps.unknown).toEqual([
      { connector: 'jnt-express', code: '999', sample: '630000000002: Sorting robot scan' },
    ]);
  });

  it('traces only J&T parcels across pages, skipping bills the platform does not know', async () => {
    const mine = parcels(23, 'jnt-my', 'JT');
    const list = new ParcelList([...parcels(4, 'ninjavan-my', 'NV'), ...mine]);
    const { fake, instance, deps } = await setup({ list });
    for (const p of mine.slice(1)) fake.setDetails(p.trackingNumber, [scan('20', 1)]);
    const { items, pages } = await pullAll(instance.pulls.tracking!);
    expect(pages).toBe(3);
    expect(items).toHaveLength(22);
    expect([...fake.traced].sort()).toEqual(mine.map((p) => p.trackingNumber).sort());
    expect(deps.logger.lines.filter((l) => l.message === 'J&T refused a trace')).toHaveLength(1);
  });

  it('says "credentials refused" for a wrong private key, and reports 429, 500, garbage and a hang', async () => {
    const list = new ParcelList([{ trackingNumber: '630000000003', carrier: 'jnt-my' }]);
    const bad = await setup({ list, config: { privateKey: 'not-the-key' } });
    const auth = await failure(bad.instance.pulls.tracking!.pull(null, signal()));
    expect(auth).toMatchObject({
      kind: 'auth',
      message: 'J&T trace: 145003030 headers signature verification failed',
    });
    expect(bad.fake.signatureFailures()).toBe(1);
    expect(await bad.instance.testConnection(signal())).toEqual({
      ok: false,
      reason: 'auth',
      detail: 'J&T refused the credentials',
    });

    const { fake, instance } = await setup({ list });
    expect(await instance.testConnection(signal())).toEqual({
      ok: true,
      detail: `account ${ACCOUNT} accepted`,
    });
    fake.setDetails('630000000003', [scan('20', 1)]);
    fake.http.inject({ route: 'trace', fault: { kind: 'status', status: 429, retryAfter: '1' } });
    expect((await instance.pulls.tracking!.pull(null, signal())).items).toHaveLength(1);
    fake.http.inject({ route: 'trace', fault: { kind: 'status', status: 429, retryAfter: '90' } });
    expect(await failure(instance.pulls.tracking!.pull(null, signal()))).toMatchObject({
      kind: 'throttled',
      details: { retryAfterMs: 90_000 },
    });
    fake.http.inject({ route: 'trace', fault: { kind: 'status', status: 500 } });
    expect((await failure(instance.pulls.tracking!.pull(null, signal()))).kind).toBe('server');
    fake.http.inject({ route: 'trace', fault: { kind: 'garbage' } });
    expect((await failure(instance.pulls.tracking!.pull(null, signal()))).kind).toBe('malformed');
    fake.http.inject({ route: 'trace', fault: { kind: 'hang' } });
    expect((await failure(instance.pulls.tracking!.pull(null, signal()))).kind).toBe('timeout');
  });

  it('refuses a page whose field changed type and applies nothing of it', async () => {
    const mine = parcels(15, 'jnt-my', 'JT');
    const { fake, instance } = await setup({
      list: new ParcelList(mine),
      config: { limits: { maxConcurrency: 1, requestsPerSecond: 200, burst: 50 } },
    });
    for (const p of mine) fake.setDetails(p.trackingNumber, [scan('20', 1)]);
    fake.http.inject({ route: 'trace', skip: 11, fault: { kind: 'typeChange' } });
    const run = await runOnStation(dirs.make(), instance.pulls.tracking!);
    expect(run.result.error).toContain('J&T trace: unexpected answer at 0.details.0.scanTime');
    expect(run.applied).toHaveLength(10);
    expect(run.cursor).toBe('10');
  });

  it('refuses a 4 KB tracking number without sending it', async () => {
    const list = new ParcelList([
      { trackingNumber: HUGE_NUMBER, carrier: 'jnt-my' },
      { trackingNumber: '630000000004', carrier: 'jnt-my' },
    ]);
    const { fake, instance } = await setup({ list });
    fake.setDetails('630000000004', [scan('10', 1)]);
    expect((await pullAll(instance.pulls.tracking!)).items).toHaveLength(1);
    expect(fake.traced).toEqual(['630000000004']);
    expect(fake.http.requests.every((r) => !r.body.includes('AAAAAAAAAA'))).toBe(true);
  });

  it('accepts a signed push once, refuses a bad digest or another account, marks a replay', async () => {
    const { fake, instance } = await setup();
    const push = fake.push([{ billCode: '630000000005', details: [scan('94', 1), scan('100', 30)] }]);
    const first = instance.webhooks!.receive(push.headers, push.body);
    expect(first.duplicate).toBe(false);
    expect(first.notification.tracking?.map((e) => e.status)).toEqual(['out_for_delivery', 'delivered']);
    expect(instance.webhooks!.receive(push.headers, push.body).duplicate).toBe(true);
    expect(() => instance.webhooks!.receive({ ...push.headers, digest: 'AAAA' }, push.body)).toThrow(
      WebhookRejected,
    );
    expect(() => instance.webhooks!.receive({ ...push.headers, apiAccount: '1' }, push.body)).toThrow(
      /not this account/,
    );
    const huge = fake.push([{ billCode: HUGE_NUMBER, details: [scan('94', 1)] }]);
    expect(() => instance.webhooks!.receive(huge.headers, huge.body)).toThrow(/too long/);
    expect(JSON.parse(jntWebhookAck('r1'))).toEqual({
      code: '1',
      msg: 'success',
      data: 'SUCCESS',
      requestId: 'r1',
    });
  });
});
