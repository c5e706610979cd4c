import type { Core } from '../../../src/main/core';
import { signInSupervisor } from '../../helpers/session';
import { actionId, addReturn, bench, png, uploadPhoto, type ItemSpec } from './qc-fixtures';

/** The contract as a screen calls it, at one client (a tab), unwrapped; a refusal throws with its code. */
export function caller(core: Core, clientId: string) {
  return {
    async call<T = unknown>(name: string, input: unknown): Promise<T> {
      const env = await core.dispatch(name, input, { clientId });
      if (!env.ok) {
        throw Object.assign(new Error(`${name}: ${env.error.code} ${JSON.stringify(env.error.params)}`), {
          code: env.error.code,
          params: env.error.params,
        });
      }
      return env.value as T;
    },
    /** The error code a call must fail with. */
    async refused(name: string, input: unknown): Promise<string> {
      const env = await core.dispatch(name, input, { clientId });
      if (env.ok) throw new Error(`${name} was accepted: ${JSON.stringify(input)}`);
      return env.error.code;
    },
  };
}

/** A tab where the station's supervisor (PIN 0000) is signed in. */
export async function supervisorTab(core: Core, clientId = 'sup-tab') {
  await signInSupervisor(core, clientId);
  return caller(core, clientId);
}

export const LIPSTICK: ItemSpec = {
  sku: 'SKU-LIPSTICK-07',
  barcode: '8850001000040',
  name: 'Lipstick 07 ลิปสติก สีแดง',
  category: 'cosmetics',
  price: '420',
};
export const SERUM: ItemSpec = {
  sku: 'SKU-SERUM-30',
  barcode: '8850001000088',
  name: '精华液 Serum 30 ml',
  category: 'cosmetics',
  price: '630',
};
export const EARBUDS: ItemSpec = {
  sku: 'SKU-EARBUDS-W',
  barcode: '8850001000033',
  name: 'Tai nghe không dây W',
  category: 'electronics',
  price: '1365',
};

let photoSeed = 100;

export interface PendingDestroy {
  returnOrderId: string;
  platformReturnId: string;
  orderId: string;
  evidence: string;
  itemPhoto: string | null;
  approvalId: string;
  licensePlate: string;
  decisionId: string;
}

/**
 * One parcel with one item the rules send to destroy, decided at the bench and left for the
 * approvals queue ("later"), then completed — as a clerk does it through the contract.
 * Cosmetics: opened (B) → destroy; electronics: beyond repair (D) → destroy, with a serial.
 */
export async function pendingDestroy(
  core: Core,
  item: ItemSpec,
  options: { clientId?: string; serial?: string; itemPhoto?: boolean; advance?: (ms: number) => void } = {},
): Promise<PendingDestroy> {
  const b = bench(core, options.clientId ?? 'local');
  const orderId = `57${String(Date.now() % 1e9).padStart(9, '0')}${String(++photoSeed).padStart(5, '0')}`;
  const ret = addReturn(core, { items: [item], orderId });
  const tick = (ms: number): void => options.advance?.(ms);
  await b.scan(ret.tracking);
  await b.enter(); // intact
  tick(5_000);
  const scanned = await b.scan(item.barcode);
  const licensePlate = scanned.state.receipt?.currentUnitId as string;
  let itemPhoto: string | null = null;
  if (item.category === 'electronics') {
    await b.scan(options.serial ?? `SN-${photoSeed}`);
    for (const a of ['no', 'no', 'no', 'no', 'yes'] as const) await b.act({ kind: 'answer', answer: a });
  } else {
    for (const a of ['no', 'yes', 'yes'] as const) await b.act({ kind: 'answer', answer: a });
  }
  await b.enter(); // the buyer's reason
  if (options.itemPhoto) {
    itemPhoto = await uploadPhoto(core, png(++photoSeed, 8, 6));
    await b.act({ kind: 'photo', sha256: itemPhoto });
  }
  await b.enter(); // photos done
  tick(20_000);
  const suggested = await b.enter(); // the suggestion: destroy
  if (suggested.state.receipt?.units.at(-1)?.chosen !== 'destroy') {
    throw new Error(
      `the rules did not suggest destroy: ${JSON.stringify(suggested.state.receipt?.units.at(-1))}`,
    );
  }
  // Electronics beyond repair are broken_beyond_repair; opened cosmetics a hygiene matter.
  await b.act({ kind: 'choose', index: item.category === 'electronics' ? 0 : 1 });
  const evidence = await uploadPhoto(core, png(++photoSeed, 6, 4));
  await b.act({ kind: 'photo', sha256: evidence });
  tick(10_000);
  await b.act({ kind: 'later' });
  await b.act({ kind: 'no_more_items' });
  await b.enter();
  const approval = core.db
    .prepare<[string], { id: string; decision_id: string }>(
      `SELECT a.id, a.decision_id FROM qc_approvals a JOIN qc_units u ON u.id = a.unit_id
       WHERE u.return_order_id = ? AND a.status = 'pending'`,
    )
    .get(ret.id);
  if (!approval) throw new Error('no pending approval was made');
  return {
    returnOrderId: ret.id,
    platformReturnId: ret.platformReturnId,
    orderId,
    evidence,
    itemPhoto,
    approvalId: approval.id,
    licensePlate,
    decisionId: approval.decision_id,
  };
}

export { actionId };

export function auditActions(
  core: Core,
  like: string,
): Array<{ action: string; entity_id: string; user_id: string | null; details: string }> {
  return core.db
    .prepare<[string], { action: string; entity_id: string; user_id: string | null; details: string }>(
      'SELECT action, entity_id, user_id, details FROM audit_log WHERE action LIKE ? ORDER BY id',
    )
    .all(like);
}
