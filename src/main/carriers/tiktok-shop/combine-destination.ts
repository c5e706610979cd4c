import { outboxPayloadSchemas } from '../../../shared/outbox-events';
import type {
  PackageCombinePayload,
  PackageUncombinePayload,
} from '../../../shared/packing/package-combine-event';
import type { Clock } from '../../clock';
import type { DeliveryOutcome, OutboundEvent } from '../../sync/destination';
import type { ConnectorState } from '../connector';
import { TikTokApiError } from './api-errors';
import type { TikTokFulfillment } from './fulfillment-client';

export interface CombinesOptions {
  fulfillment: TikTokFulfillment;
  state: ConnectorState;
  clock: Clock;
}

/**
 * `package.combine` events to TikTok Shop (POST packages/combine), exactly once in effect. The
 * combine call takes no idempotency key, so before sending the connector notes
 * `combine-sent:<outbox key>`; a resend first asks the platform whether every line of the orders
 * already sits in one package, and if so takes that package as the answer. The combined
 * package's id is kept as `combined:<outbox key>` — the ship call and the label read it there
 * (`combinedPackage`). A refusal (21011040: the platform no longer lets these orders combine) is
 * a rejected outcome with the platform's words; the bench undoes the combination.
 *
 * `package.uncombine` (POST packages/{id}/uncombine) takes orders back out of a delivered
 * combination, with the same guard: `uncombine-sent:<outbox key>` noted first, and a resend first
 * asks whether the orders already left the combined package. The packages the platform answers
 * are kept per order (`package-of:<order id>`), and the uncombination as `uncombined:<combine
 * key>` (the leaving order's part waits for it): the per-order package read at the pull was
 * replaced by the combination, so the ship call and the label take the package from there
 * (`packageOf`).
 */
/** How often the leaving order's part looks again whether the host's uncombination is done. */
const LEAVING_RECHECK_MS = 1_000;

export class TikTokCombines {
  constructor(private readonly options: CombinesOptions) {}

  /** The package the platform combined the orders into, once the combination was delivered. */
  combinedPackage(combineKey: string): string | null {
    const raw = this.options.state.get(resultKey(combineKey));
    return raw === undefined ? null : (JSON.parse(raw) as { packageId: string }).packageId;
  }

  /** The order's platform package since an uncombination answered it, null when none did. */
  packageOf(platformOrderId: string): string | null {
    return this.options.state.get(`package-of:${platformOrderId}`) ?? null;
  }

  async deliverUncombine(event: OutboundEvent, signal: AbortSignal): Promise<DeliveryOutcome> {
    const rejected = (reason: string): DeliveryOutcome => ({ id: event.id, status: 'rejected', reason });
    const parsed = outboxPayloadSchemas['package.uncombine'].safeParse(event.payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return rejected(
        `the stored uncombination does not fit its schema (${issue ? `${issue.path.map(String).join('.')}: ${issue.message}` : 'invalid'})`,
      );
    }
    const p = parsed.data;
    const { fulfillment, state, clock } = this.options;
    // One uncombination per combination (it has one order besides the host): known by its key.
    const doneKey = `uncombined:${p.combineKey}`;
    if (state.get(doneKey) !== undefined) return { id: event.id, status: 'delivered' };
    if (p.part === 'leaving') {
      // Nothing to send: this holds the leaving order's stream until the host's part is done.
      // Asked again each second, not on the growing backoff: the host's part is usually one call
      // away, and the leaving order's ship call (and its platform label) waits behind this.
      return {
        id: event.id,
        status: 'retry',
        kind: 'server',
        retryAfterMs: LEAVING_RECHECK_MS,
        reason: `waiting for orders ${p.platformOrderIds.join(', ')} to leave the combined package on order ${p.platformOrderId}'s stream`,
      };
    }
    const combined = this.combinedPackage(p.combineKey);
    // Only a delivered combination is undone this way; without its answer we cannot tell which package to open.
    if (combined === null)
      return rejected(
        `orders ${p.platformOrderIds.join(', ')} were to leave a combined package, but no combination of them is known here; nothing was sent`,
      );
    const delivered = (packages: Array<{ packageId: string; orderIds: string[] }>): DeliveryOutcome => {
      for (const pkg of packages)
        for (const orderId of pkg.orderIds) state.set(`package-of:${orderId}`, pkg.packageId);
      state.set(doneKey, JSON.stringify({ combined, packages, at: clock.now() }));
      return { id: event.id, status: 'delivered' };
    };
    const sentKey = `uncombine-sent:${event.idempotencyKey}`;
    if (state.get(sentKey) !== undefined) {
      const already = await this.leftAlready(p, combined, signal);
      if (already) return delivered(already);
    }
    state.set(sentKey, JSON.stringify({ at: clock.now(), combined, orders: p.platformOrderIds }));
    let answer: Awaited<ReturnType<TikTokFulfillment['uncombinePackage']>>;
    try {
      answer = await fulfillment.uncombinePackage(combined, p.platformOrderIds, signal);
    } catch (err) {
      if (!(err instanceof TikTokApiError) || err.kind !== 'rejected') throw err;
      const already = await this.leftAlready(p, combined, signal);
      if (already) return delivered(already);
      return rejected(
        `TikTok Shop refused to take orders ${p.platformOrderIds.join(', ')} out of package ${combined}: ${err.platformMessage || 'no reason given'} (code ${String(err.platformCode)})`,
      );
    }
    return delivered(answer);
  }

  async deliverOne(event: OutboundEvent, signal: AbortSignal): Promise<DeliveryOutcome> {
    const rejected = (reason: string): DeliveryOutcome => ({ id: event.id, status: 'rejected', reason });
    const parsed = outboxPayloadSchemas['package.combine'].safeParse(event.payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return rejected(
        `the stored combination does not fit its schema (${issue ? `${issue.path.map(String).join('.')}: ${issue.message}` : 'invalid'})`,
      );
    }
    const p = parsed.data;
    const { fulfillment, state, clock } = this.options;
    const delivered = (packageId: string): DeliveryOutcome => {
      state.set(
        resultKey(event.idempotencyKey),
        JSON.stringify({ packageId, orders: p.platformOrderIds, at: clock.now() }),
      );
      return { id: event.id, status: 'delivered' };
    };
    if (this.combinedPackage(event.idempotencyKey) !== null) return { id: event.id, status: 'delivered' };
    const sentKey = `combine-sent:${event.idempotencyKey}`;
    if (state.get(sentKey) !== undefined) {
      const already = await this.combinedNow(p, signal);
      if (already) return delivered(already);
    }
    state.set(sentKey, JSON.stringify({ at: clock.now(), orders: p.platformOrderIds }));
    const what = `orders ${p.platformOrderIds.join(', ')}`;
    let answer: Awaited<ReturnType<TikTokFulfillment['combinePackages']>>;
    try {
      answer = await fulfillment.combinePackages(
        [{ id: p.combinableId, orderIds: p.platformOrderIds }],
        signal,
      );
    } catch (err) {
      if (!(err instanceof TikTokApiError) || err.kind !== 'rejected') throw err;
      const already = await this.combinedNow(p, signal);
      if (already) return delivered(already);
      return rejected(
        `TikTok Shop refused to combine ${what}: ${err.platformMessage || 'no reason given'} (code ${String(err.platformCode)})`,
      );
    }
    const wanted = new Set(p.platformOrderIds);
    const pkg = answer.packages.find((c) => c.orderIds.length === 0 || c.orderIds.some((o) => wanted.has(o)));
    if (pkg) return delivered(pkg.packageId);
    const refusal = answer.refused[0];
    return rejected(
      `TikTok Shop refused to combine ${what}: ${refusal?.message || 'no reason given'} (code ${String(refusal?.code ?? 'none')})`,
    );
  }

  /**
   * Whether the orders already left the combined package (an answer lost after the platform
   * applied it): each order's package as its lines say, the host's with the combined one.
   */
  private async leftAlready(
    p: PackageUncombinePayload,
    combined: string,
    signal: AbortSignal,
  ): Promise<Array<{ packageId: string; orderIds: string[] }> | null> {
    const orders = await this.options.fulfillment.ordersByIds(p.platformOrderIds, signal);
    if (orders.length !== p.platformOrderIds.length) return null;
    const out: Array<{ packageId: string; orderIds: string[] }> = [];
    for (const o of orders) {
      const ids = new Set((o.line_items ?? []).map((l) => l.package_id ?? ''));
      const [only] = [...ids];
      if (ids.size !== 1 || !only || only === combined) return null;
      out.push({ packageId: only, orderIds: [o.id] });
    }
    return [...out, { packageId: combined, orderIds: [p.platformOrderId] }];
  }

  /** The one package every line of the orders is in now, if the platform combined them already. */
  private async combinedNow(p: PackageCombinePayload, signal: AbortSignal): Promise<string | null> {
    const orders = await this.options.fulfillment.ordersByIds(p.platformOrderIds, signal);
    if (orders.length !== p.platformOrderIds.length) return null;
    const ids = new Set(orders.flatMap((o) => (o.line_items ?? []).map((l) => l.package_id ?? '')));
    const [only] = [...ids];
    return ids.size === 1 && only ? only : null;
  }
}

function resultKey(combineKey: string): string {
  return `combined:${combineKey}`;
}
