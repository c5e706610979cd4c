import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { QcAction } from '../../../src/shared/calls/returns';
import type { QcResult } from '../../../src/shared/returns/qc-views';
import type { Core } from '../../../src/main/core';
import { DEMO_BINS } from '../../../src/main/demo/qc-seed';

export interface ItemSpec {
  sku: string;
  barcode: string;
  name?: string;
  category: string;
  price: string;
  currency?: string;
  quantity?: number;
}

let counter = 0;

/** A return order exactly as a test needs it (the demo's are random). */
export function addReturn(
  core: Core,
  spec: { tracking?: string; buyer?: string; reason?: string; items: ItemSpec[]; orderId?: string },
): { id: string; platformReturnId: string; tracking: string; itemIds: string[] } {
  const n = ++counter;
  const id = `RT${String(n).padStart(4, '0')}`;
  const platformReturnId = `4039${String(n).padStart(14, '0')}`;
  const tracking = spec.tracking ?? `TRK${String(n).padStart(9, '0')}`;
  const now = core.clock.now();
  core.db
    .prepare(
      `INSERT INTO return_orders (id, platform, platform_return_id, order_id, parcel_id, return_tracking_number, status,
         reason, created_at, updated_at, buyer_name, platform_status, return_type, next_action, next_action_deadline)
       VALUES (?, 'tiktok_shop', ?, ?, NULL, ?, 'expected', ?, ?, ?, ?, 'BUYER_SHIPPED_ITEM', 'RETURN_AND_REFUND',
         'SELLER_RESPOND_RECEIVED_PACKAGE', ?)`,
    )
    .run(
      id,
      platformReturnId,
      spec.orderId ?? `57${String(n).padStart(16, '0')}`,
      tracking,
      spec.reason ?? 'buyer_remorse',
      now,
      now,
      spec.buyer ?? `Buyer ${n}`,
      now + 86_400_000,
    );
  const itemIds = spec.items.map((item, i) => {
    const itemId = `${id}-I${i}`;
    core.db
      .prepare(
        `INSERT INTO return_items (id, return_order_id, sku, barcode, name, quantity, unit_price, currency, category)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        itemId,
        id,
        item.sku,
        item.barcode,
        item.name ?? item.sku,
        item.quantity ?? 1,
        item.price,
        item.currency ?? 'THB',
        item.category,
      );
    return itemId;
  });
  return { id, platformReturnId, tracking, itemIds };
}

export function addBins(core: Core): void {
  for (const bin of DEMO_BINS) core.qc.bins.add(bin.code, bin.kind, bin.description, core.clock.now());
}

let actionCounter = 0;
export function actionId(): string {
  return `test-action-${String(++actionCounter).padStart(6, '0')}`;
}

/** The bench through the contract dispatcher, as the screen calls it. */
export function bench(core: Core, clientId = 'local') {
  const unwrap = async (name: string, input: unknown): Promise<QcResult> => {
    const env = await core.dispatch(name, input, { clientId });
    if (!env.ok)
      throw Object.assign(new Error(`${name}: ${env.error.code} ${JSON.stringify(env.error.params)}`), {
        error: env.error,
      });
    return env.value as QcResult;
  };
  return {
    scan: (code: string, id = actionId()) =>
      unwrap('qcScan', { code, source: 'scanner', clientActionId: id }),
    act: (action: QcAction, id = actionId()) => unwrap('qcAct', { action, clientActionId: id }),
    enter: () => unwrap('qcAct', { action: { kind: 'confirm' }, clientActionId: actionId() }),
    /** The error code a call fails with (it must fail). */
    async refused(name: 'qcScan' | 'qcAct', input: Record<string, unknown>): Promise<string> {
      const env = await core.dispatch(name, { clientActionId: actionId(), ...input }, { clientId });
      if (env.ok) throw new Error(`${name} was accepted: ${JSON.stringify(input)}`);
      return env.error.code;
    },
    state: async () => {
      const env = await core.dispatch('qcState', {}, { clientId });
      if (!env.ok) throw new Error(env.error.code);
      return env.value as QcResult['state'];
    },
  };
}

/** A clerk's bench with one cosmetics unit graded for destroy, photographed, waiting for approval. */
export async function destroyAwaitingApproval(core: Core, clientId = 'local') {
  const ret = addReturn(core, {
    items: [{ sku: 'SKU-SERUM-30', barcode: '8850001000088', category: 'cosmetics', price: '630' }],
  });
  const b = bench(core, clientId);
  await b.scan(ret.tracking);
  await b.enter();
  await b.scan('8850001000088');
  for (const a of ['no', 'no', 'yes'] as const) await b.act({ kind: 'answer', answer: a });
  await b.enter();
  await b.enter();
  await b.enter();
  await b.act({ kind: 'choose', index: 1 });
  await b.act({ kind: 'photo', sha256: await uploadPhoto(core, png(11)) });
  return b;
}

/** A real, tiny PNG (decodable), different for each seed. */
export function png(seed: number, width = 4, height = 3): Buffer {
  const crc = (buf: Buffer): number => {
    let c = ~0;
    for (const b of buf) {
      c ^= b;
      for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
    }
    return ~c >>> 0;
  };
  const chunk = (type: string, data: Buffer): Buffer => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const rows = Buffer.alloc((width * 3 + 1) * height, seed & 0xff);
  for (let y = 0; y < height; y++) rows[y * (width * 3 + 1)] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export async function uploadPhoto(core: Core, bytes: Buffer): Promise<string> {
  const env = await core.dispatch('qcUploadPhoto', {
    dataBase64: bytes.toString('base64'),
    mimeType: 'image/png',
  });
  if (!env.ok) throw new Error(`upload: ${env.error.code}`);
  return (env.value as { sha256: string }).sha256;
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface OutboxRow {
  destination: string;
  ordering_key: string;
  type: string;
  status: string;
  payload: string;
  next_attempt_at: number;
  seq: number;
}

export function outboxRows(core: Core, type?: string): Array<OutboxRow & { data: Record<string, unknown> }> {
  const rows = core.db
    .prepare<[], OutboxRow>(
      'SELECT destination, ordering_key, type, status, payload, next_attempt_at, seq FROM outbox_events ORDER BY seq',
    )
    .all();
  return rows
    .filter((r) => type === undefined || r.type === type)
    .map((r) => ({ ...r, data: JSON.parse(r.payload) as Record<string, unknown> }));
}
