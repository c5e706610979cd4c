import { WebhookRejected, type WebhookReceiver } from '../carriers/connector';
import { isConnectorKind } from '../carriers/registry';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import { writeTransaction } from '../db/write';
import type { IdGenerator } from '../ids';
import type { Logger } from '../logger';
import { describeError } from './describe-error';
import { toReturnOrderRecord, toTrackingRecord } from './feed-mapping';
import type { OrderChangeResult, OutboundOrderSink } from './order-sink';
import type { LateCancellations } from './late-cancellations';
import type { ReturnOrderUpserts } from './return-order-upserts';
import type { TrackingUpserts } from './tracking-upserts';
import type { UnknownCodeTally } from './unknown-codes';
import type { WebhookRefetch } from './webhook-refetch';

/** The answer a webhook sender gets: a status and a small JSON body (docs/connectors/README.md). */
export interface WebhookAnswer {
  status: number;
  body: WebhookAnswerBody;
}

export type WebhookAnswerBody =
  | {
      ok: true;
      id: string;
      duplicate: boolean;
      tracking: number;
      returns: number;
      /** What the notification's order changes did, when it had any (absent on a replay). */
      orders?: OrderChangeResult[];
    }
  | { ok: false; error: WebhookErrorCode; message: string };

export type WebhookErrorCode =
  | 'bad_signature'
  | 'stale'
  | 'malformed'
  | 'unknown_connector'
  | 'unknown_account'
  | 'no_webhooks'
  | 'too_large'
  | 'method_not_allowed'
  | 'sync_off'
  | 'not_stored';

/** What the station server hands a `POST /webhooks/<connector>/<account>` to. */
export interface WebhookIntakeApi {
  receive(
    connector: string,
    account: string,
    headers: Readonly<Record<string, string | undefined>>,
    rawBody: string,
  ): Promise<WebhookAnswer>;
}

/** One configured account that takes webhooks. */
export interface WebhookAccount {
  name: string;
  kind: string;
  receiver: WebhookReceiver | undefined;
  /** The tracking pull's source name, so a checkpoint from a pull and a push is one event. */
  trackingSource: string;
  /** Re-reads the account's remembered ids after a transaction that remembered one rolled back. */
  reloadState(): void;
}

export interface WebhookIntakeOptions {
  db: Db;
  clock: Clock;
  newId: IdGenerator;
  logger: Logger;
  accounts: readonly WebhookAccount[];
  trackingUpserts: TrackingUpserts;
  returnUpserts: ReturnOrderUpserts;
  /** Counts the stored notifications' unknown codes for the next report. */
  unknownCodes?: UnknownCodeTally;
  /** Queues what a notification only names, in its transaction, and fetches it after the answer. */
  refetch?: Pick<WebhookRefetch, 'enqueueIn' | 'wake'>;
  /** Where order changes apply (the packing bench's order store); without it they wait for the refetch. */
  orders?: Pick<OutboundOrderSink, 'applyChangesIn'>;
  /** Where orders cancelled after their handover wait for the next daily report. */
  lateCancellations?: Pick<LateCancellations, 'noteIn'>;
}

export function webhookError(status: number, error: WebhookErrorCode, message: string): WebhookAnswer {
  return { status, body: { ok: false, error, message } };
}

const REJECTED_STATUS: Record<WebhookRejected['reason'], number> = {
  bad_signature: 401,
  stale: 401,
  malformed: 400,
};

/**
 * Webhooks the station receives, dispatched to the account's own connector (found through the
 * registry's kinds and the sync configuration's names): the connector verifies the signature and
 * remembers the notification id, and its events are stored the way pulled pages are
 * (feed-mapping, then the same upserts), and what it says about orders (a cancellation) goes to
 * the order sink — all in one transaction, so a notification is either stored, applied and
 * remembered, or none of it and the sender's retry (after a 503) does it. What it only names (ids to
 * fetch again) is queued in that transaction too and fetched after the answer (webhook-refetch.ts).
 */
export class WebhookIntake implements WebhookIntakeApi {
  private readonly accounts: ReadonlyMap<string, WebhookAccount>;
  private readonly record;

  constructor(private readonly options: WebhookIntakeOptions) {
    this.accounts = new Map(options.accounts.map((a) => [a.name, a]));
    this.record = options.db.prepare(
      `INSERT INTO webhook_notifications (id, destination, connector, notification_id, type,
         tracking_events, return_orders, refetch, received_at)
       VALUES (@id, @destination, @connector, @notificationId, @type, @tracking, @returns, @refetch, @now)
       ON CONFLICT (destination, notification_id) DO NOTHING`,
    );
  }

  async receive(
    connector: string,
    account: string,
    headers: Readonly<Record<string, string | undefined>>,
    rawBody: string,
  ): Promise<WebhookAnswer> {
    const named = connector.slice(0, 64);
    if (!isConnectorKind(connector)) {
      return webhookError(404, 'unknown_connector', `no connector "${named}" in this build`);
    }
    const target = this.accounts.get(account);
    if (!target || target.kind !== connector) {
      return webhookError(
        404,
        'unknown_account',
        `no ${connector} account "${account.slice(0, 64)}" is configured on this station`,
      );
    }
    const receiver = target.receiver;
    if (!receiver) {
      return webhookError(404, 'no_webhooks', `the ${connector} connector takes no webhooks`);
    }
    const { db, clock, newId, trackingUpserts, returnUpserts } = this.options;
    try {
      type Stored = Omit<Extract<WebhookAnswerBody, { ok: true }>, 'ok'>;
      // `late`: orders cancelled after they left with a carrier, found once and both noted and logged.
      const { stored, late } = await writeTransaction(db, (): { stored: Stored; late: string[] } => {
        const { duplicate, notification } = receiver.receive(headers, rawBody);
        if (duplicate) {
          return { stored: { id: notification.id, duplicate, tracking: 0, returns: 0 }, late: [] };
        }
        const tracking = notification.tracking ?? [];
        const returns = notification.returns ?? [];
        const applied = trackingUpserts.apply(target.trackingSource, tracking.map(toTrackingRecord));
        const returned = returns.length > 0 ? returnUpserts.apply(returns.map(toReturnOrderRecord)) : 0;
        const changes = notification.orderChanges ?? [];
        const orders =
          changes.length > 0 && this.options.orders ? this.options.orders.applyChangesIn(db, changes) : null;
        const late = (orders ?? []).filter((o) => o.outcome === 'after_handover').map((o) => o.orderId);
        if (late.length > 0) this.options.lateCancellations?.noteIn(db, target.name, late);
        this.record.run({
          id: newId(),
          destination: target.name,
          connector,
          notificationId: notification.id,
          type: notification.type,
          tracking: applied.inserted + applied.held,
          returns: returned,
          refetch: notification.refetch ? JSON.stringify(notification.refetch) : null,
          now: clock.now(),
        });
        this.options.refetch?.enqueueIn(db, target.name, notification);
        // Counted in the transaction that stored the events: a replay is a duplicate, never a recount.
        this.options.unknownCodes?.countTracking(target.name, connector, tracking);
        this.options.unknownCodes?.countReturns(target.name, connector, returns);
        return {
          stored: {
            id: notification.id,
            duplicate,
            tracking: applied.inserted + applied.held,
            returns: returned,
            ...(orders ? { orders } : {}),
          },
          late,
        };
      });
      if (late.length > 0) {
        this.options.logger.warn('orders cancelled after they were handed over; not un-shipped', {
          account,
          connector,
          orders: late,
        });
      }
      // After the commit and off the answer's path: the sender hears back before the fetch starts.
      if (!stored.duplicate) this.options.refetch?.wake();
      return { status: 200, body: { ok: true, ...stored } };
    } catch (err) {
      if (err instanceof WebhookRejected) {
        this.options.logger.warn('webhook refused', { account, connector, reason: err.reason });
        return webhookError(REJECTED_STATUS[err.reason], err.reason, err.message);
      }
      // Nothing of the notification was written: the copy must not remember its id either.
      target.reloadState();
      this.options.logger.error('webhook not stored', { account, connector, error: err });
      return webhookError(503, 'not_stored', `not stored (${describeError(err)}); send it again`);
    }
  }
}
