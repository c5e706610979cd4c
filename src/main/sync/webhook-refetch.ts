import type { ConnectorRefetch, WebhookNotification } from '../carriers/connector';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import { writeTransaction } from '../db/write';
import type { Logger } from '../logger';
import type { Random } from '../random';
import { Backoff, type BackoffOptions } from './backoff';
import { describeError } from './describe-error';
import { DeliveryError } from './destination';
import { toReturnOrderRecord } from './feed-mapping';
import type { OutboundOrderSink } from './order-sink';
import type { ReturnOrderUpserts } from './return-order-upserts';

/**
 * Fetches what a webhook only named (TikTok Shop sends ids and a status) and upserts it with the
 * pulls' own code, so a return's new status reaches the bench in seconds rather than at the next
 * pull. A package id (a PACKAGE_UPDATE naming only its package) is resolved by the connector to
 * its orders, applied as an order refetch is. The ids are queued in the notification's transaction (enqueueIn) and worked off after it
 * committed, never inside the webhook's answer; the queue is a table, so a restart resumes it. A
 * failed fetch waits with exponential backoff (the platform's Retry-After wins). The connector
 * paces its own requests through the account's request budget, as it does for its pulls. The
 * upserts never apply an older version over a newer one, whichever of pull and refetch ran last.
 *
 * Public API: new WebhookRefetch(options).enqueueIn(tx, account, notification) / runDue(signal) /
 * wake() / start() / stop()
 */
export type RefetchKind = 'return' | 'order' | 'package';

export interface RefetchAccount {
  name: string;
  refetch: ConnectorRefetch;
}

export interface WebhookRefetchOptions {
  db: Db;
  clock: Clock;
  random: Random;
  logger: Logger;
  accounts: readonly RefetchAccount[];
  returnUpserts: ReturnOrderUpserts;
  /** Where refetched orders go; without it order ids are not queued. */
  orders?: OutboundOrderSink;
  backoff?: BackoffOptions;
  /** After this many failed fetches a record is dropped (the scheduled pull still brings it). */
  maxAttempts?: number;
  /** Longest sleep of the background loop between looks at the queue. */
  idleRecheckMs?: number;
}

export interface RefetchPass {
  /** Records whose fetch failed this pass and wait for their retry. */
  failed: number;
  lastError: string | null;
}

interface QueuedRow {
  destination: string;
  kind: RefetchKind;
  external_id: string;
  requests: number;
  attempts: number;
}

/** TikTok's order and returns-by-id calls take at most 50 ids. */
const BATCH = 50;
const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 5_000, capMs: 30 * 60_000 };
const DEFAULT_MAX_ATTEMPTS = 20;
const DEFAULT_IDLE_RECHECK_MS = 30_000;

export class WebhookRefetch {
  private readonly accounts: ReadonlyMap<string, RefetchAccount>;
  private readonly backoff: Backoff;
  private readonly controller = new AbortController();
  private readonly statements;
  private current: Promise<void> | null = null;
  private again = false;
  private started = false;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: WebhookRefetchOptions) {
    this.accounts = new Map(options.accounts.map((a) => [a.name, a]));
    this.backoff = new Backoff(options.random, options.backoff ?? DEFAULT_BACKOFF);
    const { db } = options;
    this.statements = {
      enqueue: db.prepare(
        `INSERT INTO webhook_refetch (destination, kind, external_id, notification_id, due_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (destination, kind, external_id) DO UPDATE SET
           requests = requests + 1, notification_id = excluded.notification_id,
           due_at = min(due_at, excluded.due_at)`,
      ),
      due: db.prepare<[number], QueuedRow>(
        `SELECT destination, kind, external_id, requests, attempts FROM webhook_refetch
         WHERE due_at <= ? ORDER BY due_at, destination, kind LIMIT 1000`,
      ),
      done: db.prepare(
        'DELETE FROM webhook_refetch WHERE destination = ? AND kind = ? AND external_id = ? AND requests = ?',
      ),
      failed: db.prepare(
        `UPDATE webhook_refetch SET attempts = attempts + 1, due_at = ?, last_error = ?
         WHERE destination = ? AND kind = ? AND external_id = ?`,
      ),
      drop: db.prepare('DELETE FROM webhook_refetch WHERE destination = ? AND kind = ? AND external_id = ?'),
      nextDue: db.prepare<[], { at: number | null }>('SELECT min(due_at) AS at FROM webhook_refetch'),
    };
  }

  /**
   * Queues what `notification` names, inside the transaction that stores it; only kinds this
   * account can fetch and this station stores. Returns how many records were queued.
   */
  enqueueIn(tx: Db, account: string, notification: WebhookNotification): number {
    if (tx !== this.options.db || !tx.inTransaction)
      throw new Error('WebhookRefetch.enqueueIn outside a transaction');
    const target = this.accounts.get(account);
    const named = notification.refetch;
    if (!target || !named) return 0;
    const now = this.options.clock.now();
    let queued = 0;
    const queue = (kind: RefetchKind, ids: readonly string[] | undefined): void => {
      for (const id of new Set(ids ?? [])) {
        if (id === '') continue;
        this.statements.enqueue.run(account, kind, id.slice(0, 128), notification.id, now, now);
        queued++;
      }
    };
    if (this.canFetch(target, 'return')) queue('return', named.returnIds);
    if (this.canFetch(target, 'order')) queue('order', named.orderIds);
    if (this.canFetch(target, 'package')) queue('package', named.packageIds);
    return queued;
  }

  /** Fetches every record due now, account by account, in batches; never throws for a fetch. */
  async runDue(signal: AbortSignal = this.controller.signal): Promise<RefetchPass> {
    const pass: RefetchPass = { failed: 0, lastError: null };
    const rows = this.statements.due
      .all(this.options.clock.now())
      .filter((r) => this.accounts.has(r.destination));
    const groups = new Map<string, QueuedRow[]>();
    for (const row of rows) {
      const key = `${row.destination}\u0000${row.kind}`;
      const group = groups.get(key);
      if (group) group.push(row);
      else groups.set(key, [row]);
    }
    for (const group of groups.values()) {
      for (let i = 0; i < group.length; i += BATCH) {
        if (signal.aborted) return pass;
        const batch = group.slice(i, i + BATCH);
        const account = this.accounts.get(batch[0]!.destination)!;
        await this.fetchBatch(account, batch, pass, signal);
      }
    }
    return pass;
  }

  /** Looks at the queue soon (after a notification committed); never waits for the fetch. */
  wake(): void {
    if (this.stopped) return;
    if (this.current) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.current = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.runDue())
      .then(
        () => undefined,
        (err: unknown) => this.options.logger.error('webhook refetch pass failed', { error: err }),
      )
      .finally(() => {
        this.current = null;
        if (this.again) {
          this.again = false;
          this.wake();
        } else this.schedule();
      });
  }

  /** Works the queue in the background while the station runs (what a restart left included). */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.controller.abort();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.current;
  }

  private canFetch(account: RefetchAccount, kind: RefetchKind): boolean {
    if (kind === 'return') return account.refetch.returns !== undefined;
    const fetch = kind === 'order' ? account.refetch.orders : account.refetch.packages;
    return fetch !== undefined && this.options.orders !== undefined;
  }

  private schedule(): void {
    if (!this.started || this.stopped) return;
    const idle = this.options.idleRecheckMs ?? DEFAULT_IDLE_RECHECK_MS;
    const next = this.statements.nextDue.get()?.at ?? null;
    const delay = next === null ? idle : Math.min(idle, Math.max(0, next - this.options.clock.now()));
    this.timer = setTimeout(() => {
      this.timer = null;
      this.wake();
    }, delay);
    this.timer.unref();
  }

  private async fetchBatch(
    account: RefetchAccount,
    batch: readonly QueuedRow[],
    pass: RefetchPass,
    signal: AbortSignal,
  ): Promise<void> {
    const { db, logger } = this.options;
    const kind = batch[0]!.kind;
    const ids = batch.map((r) => r.external_id);
    try {
      const apply = await this.fetchKind(account, kind, ids, signal);
      await writeTransaction(db, () => {
        apply();
        // Deleted only if no newer notification named it meanwhile (then it is fetched again).
        for (const row of batch)
          this.statements.done.run(row.destination, kind, row.external_id, row.requests);
      });
    } catch (err) {
      if (signal.aborted) return;
      const reason = describeError(err).slice(0, 500);
      const retryAfterMs = err instanceof DeliveryError ? err.details.retryAfterMs : undefined;
      const maxAttempts = this.options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
      const now = this.options.clock.now();
      await writeTransaction(db, () => {
        for (const row of batch) {
          const attempts = row.attempts + 1;
          if (attempts >= maxAttempts) {
            this.statements.drop.run(row.destination, kind, row.external_id);
            continue;
          }
          const due = now + this.backoff.delayMs(attempts, retryAfterMs);
          this.statements.failed.run(due, reason, row.destination, kind, row.external_id);
        }
      }).catch((writeErr: unknown) =>
        logger.error('could not record a failed webhook refetch', { error: writeErr }),
      );
      pass.failed += batch.length;
      pass.lastError = reason;
      logger.warn('webhook refetch failed; retried later', {
        account: account.name,
        kind,
        ids: ids.length,
        error: reason,
      });
    }
  }

  /** Fetches the batch and returns the upsert to run in the transaction that dequeues it. */
  private async fetchKind(
    account: RefetchAccount,
    kind: RefetchKind,
    ids: readonly string[],
    signal: AbortSignal,
  ): Promise<() => number> {
    if (kind === 'return') {
      const returns = (await account.refetch.returns?.(ids, signal)) ?? [];
      const records = returns.map(toReturnOrderRecord);
      return () => this.options.returnUpserts.apply(records);
    }
    const fetch = kind === 'order' ? account.refetch.orders : account.refetch.packages;
    const orders = (await fetch?.(ids, signal)) ?? [];
    const sink = this.options.orders;
    return () => (sink ? sink.applyIn(this.options.db, orders) : 0);
  }
}
