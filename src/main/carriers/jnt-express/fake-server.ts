import { createHash, randomBytes } from 'node:crypto';
import { systemClock, type Clock } from '../../clock';
import { startFakeHttp, type FakeAnswer, type FakeHttp, type FakeRequest } from '../fake-http';

/**
 * A fake J&T Express Malaysia open platform on 127.0.0.1: POST
 * /webopenplatformapi/api/logistics/trace with the apiAccount / digest / timestamp headers checked
 * and /webopenplatformapi/api/order/addOrder, the apiAccount / digest / timestamp headers checked
 * by its own MD5 code (the platform's 1450030xx codes on failure, inside HTTP 200 as the platform
 * answers), customerCode and password checked inside bizContent, and pushes signed the same way.
 * Orders are de-duplicated on `txlogisticId` (the same id again answers the bill already made and
 * stores nothing); a receiver without an address, city or a 5-digit postcode is refused with
 * code 0 and a message, as J&T answers business refusals. Faults come from fake-http (inject());
 * `slowAnswers(ms, times)` stores the next orders at once and answers them late.
 * /webopenplatformapi/api/order/cancelOrder, signed and checked the same way, cancels on per-order
 * state: the order is found by txlogisticId (and must match the billCode when one is sent), a
 * `reason` is required (999001010), a booked order is cancelled (counted in `cancels`), one J&T
 * does not have answers 999002000 and one cancelled already or picked up (`pickUp(billCode)`, which
 * also adds the pickup scan to its trace) 999002010. `loseCancelAnswers(n)` applies the next
 * cancels and drops the connection before answering.
 *
 * Public API: startJntFake(options) → Promise<JntFake>.
 */
export interface FakeJntDetail {
  scanTime: string;
  desc: string;
  scanTypeCode: string;
  scanTypeName?: string;
  scanNetworkName?: string;
  scanNetworkCity?: string;
  timeZone?: string | null;
}

export interface JntFakeOptions {
  apiAccount?: string;
  privateKey?: string;
  customerCode?: string;
  password?: string;
  clock?: Clock;
}

export interface JntFake {
  baseUrl: string;
  http: FakeHttp;
  setDetails(billCode: string, details: FakeJntDetail[]): void;
  /** Requests refused for a bad or missing signature. */
  signatureFailures(): number;
  /** Bill codes traced with a good signature, in order. */
  readonly traced: string[];
  /** Orders made, one per txlogisticId, as the fake stored them. */
  readonly orders: Array<{ billCode: string; content: Record<string, unknown> }>;
  /** addOrder requests with a good signature and account, duplicates and refusals included. */
  orderRequests(): number;
  slowAnswers(ms: number, times?: number): void;
  /** Bill codes cancelled, once per cancel applied (the truth of "exactly once"). */
  readonly cancels: string[];
  /** A driver scanned the parcel at pickup: its order can no longer be cancelled. */
  pickUp(billCode: string): void;
  /** The next `times` cancels are applied, then their connection is dropped unanswered. */
  loseCancelAnswers(times?: number): void;
  push(items: Array<{ billCode: string; details: FakeJntDetail[] }>): {
    headers: Record<string, string>;
    body: string;
  };
  close(): Promise<void>;
}

const PREFIX = '/webopenplatformapi';

export async function startJntFake(options: JntFakeOptions = {}): Promise<JntFake> {
  const apiAccount = options.apiAccount ?? '640826271705595946';
  const privateKey = options.privateKey ?? 'fake-private-key';
  const customerCode = options.customerCode ?? 'ITTEST0001';
  const password = options.password ?? 'fake-password';
  const clock = options.clock ?? systemClock;
  const bills = new Map<string, FakeJntDetail[]>();
  const traced: string[] = [];
  let signatureFailures = 0;
  const orders: Array<{ billCode: string; content: Record<string, unknown> }> = [];
  const byTxlogisticId = new Map<string, number>();
  let orderRequests = 0;
  let slow = { ms: 0, left: 0 };
  const orderState = new Map<string, 'booked' | 'cancelled' | 'picked_up'>();
  const cancels: string[] = [];
  let loseCancels = 0;

  const sign = (biz: string) =>
    createHash('md5').update(`${biz}${privateKey}`, 'utf8').digest().toString('base64');
  const reply = (code: string | number, msg: string, data: unknown = null): FakeAnswer => ({
    status: 200,
    body: { code, msg, data, requestId: randomBytes(16).toString('hex') },
  });

  const handle = async (req: FakeRequest, typeChange: boolean): Promise<FakeAnswer> => {
    const answer = answerOf(req, typeChange);
    if (req.route === 'addOrder' && slow.left > 0) {
      slow.left -= 1;
      await new Promise((resolve) => setTimeout(resolve, slow.ms));
    }
    const body = answer.body as { code?: unknown };
    if (req.route === 'cancelOrder' && String(body.code) === '1' && loseCancels > 0) {
      loseCancels -= 1;
      // fake-http destroys the response of a handler that fails: applied, never answered.
      throw new Error('answer lost');
    }
    return answer;
  };

  const answerOf = (req: FakeRequest, typeChange: boolean): FakeAnswer => {
    const h = (name: string) => {
      const v = req.headers[name.toLowerCase()];
      return Array.isArray(v) ? v[0] : v;
    };
    if (!h('apiAccount')) return reply(145003051, 'apiAccount is empty');
    if (!h('digest')) return reply(145003052, 'digest is empty');
    if (!h('timestamp')) return reply(145003053, 'timestamp is empty');
    if (h('apiAccount') !== apiAccount) return reply(145003010, 'API account does not exist');
    const biz = new URLSearchParams(req.body).get('bizContent');
    if (biz === null || h('digest') !== sign(biz)) {
      signatureFailures += 1;
      return reply(145003030, 'headers signature verification failed');
    }
    let content: { customerCode?: unknown; password?: unknown; billCode?: unknown } & Record<string, unknown>;
    try {
      content = JSON.parse(biz) as typeof content;
    } catch {
      return reply(145003050, 'Illegal parameters');
    }
    if (content.customerCode !== customerCode || content.password !== password)
      return reply(0, 'customerCode or password is incorrect');
    if (req.route === 'addOrder') return addOrder(content);
    if (req.route === 'cancelOrder') return cancelOrder(content);
    if (typeof content.billCode !== 'string' || content.billCode === '')
      return reply(145003050, 'Illegal parameters');
    traced.push(content.billCode);
    const details = bills.get(content.billCode);
    if (!details) return reply(0, 'The waybill number does not exist');
    return reply('1', 'success', [
      {
        billCode: content.billCode,
        details: details.map((d, i) => ({
          ...d,
          scanTime: typeChange && i === 0 ? Date.parse(d.scanTime) : d.scanTime,
          scanType: d.scanTypeName ?? null,
          realWeight: null,
          scanNetworkTypeName: null,
          staffName: null,
          scanNetworkProvince: null,
          scanNetworkArea: null,
        })),
      },
    ]);
  };

  const addOrder = (content: Record<string, unknown>): FakeAnswer => {
    orderRequests += 1;
    const id = content.txlogisticId;
    if (typeof id !== 'string' || id === '') return reply(145003050, 'Illegal parameters: txlogisticId');
    const earlier = byTxlogisticId.get(id);
    if (earlier !== undefined) {
      const first = orders[earlier] as { billCode: string };
      return reply('1', 'success', { txlogisticId: id, billCode: first.billCode, sortingCode: 'KUL-01' });
    }
    const receiver = (content.receiver ?? {}) as Record<string, unknown>;
    const text = (k: string) => (typeof receiver[k] === 'string' ? (receiver[k] as string).trim() : '');
    if (!text('address')) return reply(0, 'receiver address is required');
    if (!text('city')) return reply(0, 'receiver city is required');
    if (!/^\d{5}$/.test(text('postCode')))
      return reply(0, `receiver postCode "${text('postCode')}" is invalid`);
    const billCode = `63${String(100000000000 + orders.length)}`;
    byTxlogisticId.set(id, orders.length);
    orders.push({ billCode, content });
    orderState.set(billCode, 'booked');
    return reply('1', 'success', { txlogisticId: id, billCode, sortingCode: 'KUL-01' });
  };

  const cancelOrder = (content: Record<string, unknown>): FakeAnswer => {
    const id = content.txlogisticId;
    if (typeof id !== 'string' || id === '') return reply(999001010, 'txlogisticId is required');
    if (typeof content.reason !== 'string' || content.reason.trim() === '')
      return reply(999001010, 'reason is required');
    if (content.reason.length > 300) return reply(999001010, 'reason is not allow more than 300 character');
    const index = byTxlogisticId.get(id);
    const order = index === undefined ? undefined : orders[index];
    if (!order || (content.billCode !== undefined && content.billCode !== order.billCode))
      return reply(999002000, 'No order data found');
    if (orderState.get(order.billCode) !== 'booked')
      return reply(999002010, 'order status can not be cancel');
    orderState.set(order.billCode, 'cancelled');
    cancels.push(order.billCode);
    return reply('1', 'success', { txlogisticId: id, billCode: order.billCode });
  };

  const http = await startFakeHttp({
    route: (method, path) =>
      method !== 'POST'
        ? null
        : path === `${PREFIX}/api/logistics/trace`
          ? 'trace'
          : path === `${PREFIX}/api/order/addOrder`
            ? 'addOrder'
            : path === `${PREFIX}/api/order/cancelOrder`
              ? 'cancelOrder'
              : null,
    handle,
    errorBody: (status) => ({
      code: 0,
      msg: status === 429 ? 'Too many requests' : `HTTP ${status.toString()}`,
      data: null,
    }),
    now: () => clock.now(),
  });

  return {
    baseUrl: `${http.url}${PREFIX}`,
    http,
    setDetails: (billCode, details) => {
      bills.set(billCode, details);
    },
    signatureFailures: () => signatureFailures,
    traced,
    orders,
    orderRequests: () => orderRequests,
    slowAnswers: (ms, times = 1) => {
      slow = { ms, left: times };
    },
    cancels,
    pickUp: (billCode) => {
      if (orderState.get(billCode) !== 'booked') throw new Error(`fake: ${billCode} is not a booked order`);
      orderState.set(billCode, 'picked_up');
      const at = new Date(clock.now() + 8 * 3_600_000).toISOString().replace('T', ' ').slice(0, 19);
      bills.set(billCode, [
        { scanTime: at, desc: 'Parcel picked up', scanTypeCode: '10', scanTypeName: 'Picked Up' },
      ]);
    },
    loseCancelAnswers: (times = 1) => {
      loseCancels = times;
    },
    push: (items) => {
      const biz = JSON.stringify(items);
      return {
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          apiAccount,
          digest: sign(biz),
          timestamp: clock.now().toString(),
        },
        body: new URLSearchParams({ bizContent: biz }).toString(),
      };
    },
    close: () => http.close(),
  };
}
