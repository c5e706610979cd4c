import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { PlatformReturnOrder } from '../../../shared/platform-returns';
import type { Clock } from '../../clock';
import type { Logger } from '../../logger';
import { DeliveryError, type PullPage, type PullSource } from '../../sync/destination';
import type { TikTokOrderDetail, TikTokReturnOrder } from './api-schemas';
import type { RequestPacer } from '../request-pacer';
import type { TikTokShopClient } from './client';
import type { TikTokShopConfig } from './config';
import { toPlatformReturnOrder } from './return-mapping';

/**
 * Return orders pulled by update time, resumably.
 *
 * A pull reads one window [ge, lt) of update_time, ascending, page by page with the platform's
 * page token; the window's upper end is fixed when it starts, the next window starts `overlap`
 * before it ended (late-indexed updates), and re-reading an overlap is harmless (upserts never
 * move a record backwards). The cursor saved after each page holds the window, the page token,
 * and the watermark: the highest update_time below which every return of the window has been read.
 *
 * Page tokens are offsets into a result set that moves while we read it (a return updated
 * mid-pull leaves the window and shifts every later one a place forward, so the return that slides
 * into an already-read page would be skipped). So a page that repeats the previous one, a page that
 * reaches back before the watermark, or a `total_count` that changed between pages restarts the
 * window's query at the watermark (without a token; everything from there on is read again); a
 * window that ends with fewer returns read than the platform counted is read once more from its
 * start; a page token older than `pageTokenMaxAgeMinutes` is not trusted and the query restarts
 * at the watermark too. The returns updated mid-pull arrive in the next window.
 */
const querySchema = z.object({
  ge: z.number().int(),
  lt: z.number().int(),
  token: z.string().nullable(),
  tokenAt: z.number().int().nullable(),
  mark: z.number().int(),
  total: z.number().int().nullable(),
  read: z.number().int(),
  lastPage: z.string().nullable(),
  restarts: z.number().int(),
  reread: z.boolean(),
});
type Query = z.infer<typeof querySchema>;

const cursorSchema = z.object({
  v: z.literal(1),
  /** Upper end (unix s) of the last completed window. */
  done: z.number().int().nullable(),
  query: querySchema.nullable(),
});
type Cursor = z.infer<typeof cursorSchema>;

/** Restarts without the watermark moving, in a row, before the pull gives up for this run. */
const MAX_RESTARTS = 5;
const ORDERS_PER_CALL = 50;

export interface ReturnsPullOptions {
  name: string;
  client: TikTokShopClient;
  config: TikTokShopConfig;
  clock: Clock;
  logger: Logger;
  /** The account's request budget; each search and order lookup takes one token. */
  pacer: RequestPacer;
  onUnknownStatus(code: string, returnId: string): void;
}

export class TikTokReturnsPull implements PullSource<PlatformReturnOrder> {
  readonly name: string;

  constructor(private readonly options: ReturnsPullOptions) {
    this.name = options.name;
  }

  /** One call through the budget, and once more after a token refresh if the token was refused. */
  private paced<T>(signal: AbortSignal, call: () => Promise<T>): Promise<T> {
    const { client, pacer } = this.options;
    return client.withAuthRetry(signal, () => pacer.run(signal, call));
  }

  async pull(saved: string | null, signal: AbortSignal): Promise<PullPage<PlatformReturnOrder>> {
    const { client, config, clock } = this.options;
    const cursor = this.readCursor(saved);
    let q = cursor.query ?? this.newWindow(cursor.done);
    if (
      q.token !== null &&
      q.tokenAt !== null &&
      clock.now() - q.tokenAt > config.pull.pageTokenMaxAgeMinutes * 60_000
    ) {
      q = restartAt(q, q.mark, q.restarts);
    }
    const page = await this.paced(signal, () =>
      client.searchReturns(
        {
          pageSize: config.pull.pageSize,
          pageToken: q.token,
          sortField: 'update_time',
          sortOrder: 'ASC',
          filters: { update_time_ge: q.ge, update_time_lt: q.lt, locale: config.locale },
        },
        signal,
      ),
    );
    const returns = page.return_orders ?? [];
    const items = await this.mapAll(returns, signal);
    const next = page.next_page_token ? page.next_page_token : null;
    const total = page.total_count ?? null;
    const fingerprint = fingerprintOf(returns);
    const highest = returns.reduce((m, r) => Math.max(m, r.update_time), q.mark);
    const lowest = returns.reduce((m, r) => Math.min(m, r.update_time), Number.POSITIVE_INFINITY);

    let anomaly: string | null = null;
    if (q.token !== null) {
      if (fingerprint !== null && fingerprint === q.lastPage) anomaly = 'the same page came twice';
      else if (lowest < q.mark) anomaly = 'a page reached back before the previous one';
      else if (q.total !== null && total !== null && total !== q.total) {
        anomaly = `the number of returns in the window changed while paging (${String(q.total)} → ${String(total)})`;
      }
    }
    if (anomaly !== null) {
      // Progress since the last restart resets the count: a busy shop changes all day long.
      const restarts = (q.mark > q.ge ? 0 : q.restarts) + 1;
      if (restarts > MAX_RESTARTS) {
        throw new DeliveryError(
          'malformed',
          `TikTok Shop kept changing the returns between pages (${anomaly}); the saved position is kept and the next sync tries again`,
        );
      }
      this.options.logger.info('tiktok-shop returns pull restarts at its watermark', {
        source: this.name,
        anomaly,
        watermark: q.mark,
      });
      return this.page(items, { ...cursor, query: restartAt(q, q.mark, restarts) }, true);
    }
    const read = q.read + returns.length;
    if (next !== null) {
      return this.page(
        items,
        {
          ...cursor,
          query: {
            ...q,
            token: next,
            tokenAt: clock.now(),
            mark: highest,
            total: total ?? q.total,
            read,
            lastPage: fingerprint,
          },
        },
        true,
      );
    }
    if (total !== null && read < total && !q.reread) {
      this.options.logger.info('tiktok-shop returns pull reads its window again', {
        source: this.name,
        read,
        total,
      });
      return this.page(items, { ...cursor, query: { ...restartAt(q, q.ge, 0), reread: true } }, true);
    }
    return this.page(items, { v: 1, done: q.lt, query: null }, false);
  }

  /** Returns by id (after a RETURN_STATUS_CHANGE notification), mapped like pulled ones. */
  async byIds(returnIds: readonly string[], signal: AbortSignal): Promise<PlatformReturnOrder[]> {
    const { client, config } = this.options;
    const out: PlatformReturnOrder[] = [];
    for (let i = 0; i < returnIds.length; i += config.pull.pageSize) {
      const ids = returnIds.slice(i, i + config.pull.pageSize);
      let token: string | null = null;
      for (let guard = 0; guard < 100; guard++) {
        const page = await this.paced(signal, () =>
          client.searchReturns(
            {
              pageSize: config.pull.pageSize,
              pageToken: token,
              sortField: 'update_time',
              sortOrder: 'ASC',
              filters: { return_ids: ids, locale: config.locale },
            },
            signal,
          ),
        );
        out.push(...(await this.mapAll(page.return_orders ?? [], signal)));
        token = page.next_page_token ? page.next_page_token : null;
        if (token === null) break;
      }
    }
    return out;
  }

  private page(
    items: PlatformReturnOrder[],
    cursor: Cursor,
    hasMore: boolean,
  ): PullPage<PlatformReturnOrder> {
    return { items, nextCursor: JSON.stringify(cursor), hasMore };
  }

  private newWindow(done: number | null): Query {
    const { config, clock } = this.options;
    const now = Math.floor(clock.now() / 1000);
    const ge =
      done !== null ? done - config.pull.overlapSeconds : now - config.pull.initialLookbackDays * 86_400;
    return {
      ge,
      // A clock that went back must not make an empty or inverted window.
      lt: Math.max(now, ge + 1),
      token: null,
      tokenAt: null,
      mark: ge,
      total: null,
      read: 0,
      lastPage: null,
      restarts: 0,
      reread: false,
    };
  }

  private readCursor(saved: string | null): Cursor {
    if (saved === null) return { v: 1, done: null, query: null };
    try {
      return cursorSchema.parse(JSON.parse(saved));
    } catch {
      // Reading from the look-back again is safe (upserts are idempotent); losing returns is not.
      this.options.logger.warn('tiktok-shop returns cursor unreadable; reading from the look-back window', {
        source: this.name,
      });
      return { v: 1, done: null, query: null };
    }
  }

  private async mapAll(
    returns: readonly TikTokReturnOrder[],
    signal: AbortSignal,
  ): Promise<PlatformReturnOrder[]> {
    const orders = this.options.config.pull.enrichFromOrders
      ? await this.ordersOf(returns, signal)
      : new Map<string, TikTokOrderDetail>();
    return returns.map((ret) => {
      try {
        return toPlatformReturnOrder(ret, orders.get(ret.order_id), {
          region: this.options.config.region,
          onUnknownStatus: this.options.onUnknownStatus,
        });
      } catch (err) {
        const issue = (err as { issues?: { path: PropertyKey[]; message: string }[] }).issues?.[0];
        throw new DeliveryError(
          'malformed',
          `return ${ret.return_id} from TikTok Shop cannot be stored${
            issue ? ` (${issue.path.map(String).join('.')}: ${issue.message})` : ''
          }`,
        );
      }
    });
  }

  private async ordersOf(
    returns: readonly TikTokReturnOrder[],
    signal: AbortSignal,
  ): Promise<Map<string, TikTokOrderDetail>> {
    const { client } = this.options;
    const ids = [...new Set(returns.map((r) => r.order_id))];
    const out = new Map<string, TikTokOrderDetail>();
    for (let i = 0; i < ids.length; i += ORDERS_PER_CALL) {
      const chunk = ids.slice(i, i + ORDERS_PER_CALL);
      const answer = await this.paced(signal, () => client.orderDetails(chunk, signal));
      for (const order of answer.orders) out.set(order.id, order);
    }
    return out;
  }
}

function restartAt(q: Query, at: number, restarts: number): Query {
  return {
    ...q,
    ge: at,
    token: null,
    tokenAt: null,
    mark: at,
    total: null,
    read: 0,
    lastPage: null,
    restarts,
  };
}

/** Which returns, in which versions, a page held: equal only for the same page served again. */
function fingerprintOf(returns: readonly TikTokReturnOrder[]): string | null {
  if (returns.length === 0) return null;
  const h = createHash('sha256');
  for (const r of returns) h.update(`${r.return_id}@${String(r.update_time)};`);
  return h.digest('hex').slice(0, 24);
}
