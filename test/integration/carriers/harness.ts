import type {
  ConnectorDeps,
  TrackedParcel,
  TrackedParcelList,
  UnknownCodeReport,
} from '../../../src/main/carriers/connector';
import { MemoryConnectorState } from '../../../src/main/carriers/memory-state';
import { systemClock, type Clock } from '../../../src/main/clock';
import { seededRandom } from '../../../src/main/random';
import { DeliveryError, type OutboundEvent } from '../../../src/main/sync/destination';
import { PullRunner } from '../../../src/main/sync/pull-runner';
import { makeTestCore, recordingLogger } from '../../helpers/core-factory';

/** The station's tracked parcels as a plain array, paged with numeric cursors; it logs every query. */
export class ParcelList implements TrackedParcelList {
  readonly queries: Array<{ cursor: string | null; limit: number; carriers?: readonly string[] }> = [];
  constructor(readonly parcels: TrackedParcel[]) {}
  async list(
    query: { cursor: string | null; limit: number; carriers?: readonly string[] },
    signal: AbortSignal,
  ) {
    signal.throwIfAborted();
    this.queries.push(query);
    const rows = query.carriers
      ? this.parcels.filter((p) => query.carriers?.includes(p.carrier))
      : this.parcels;
    const from = query.cursor === null ? 0 : Number(query.cursor);
    const page = rows.slice(from, from + query.limit);
    const next = from + page.length;
    return { parcels: page, nextCursor: String(next), hasMore: next < rows.length };
  }
}

export function parcels(count: number, carrier: string, prefix = 'TH'): TrackedParcel[] {
  return Array.from({ length: count }, (_, i) => ({
    trackingNumber: `${prefix}${(100000000 + i).toString()}`,
    carrier,
  }));
}

export interface TestDeps extends ConnectorDeps {
  unknown: UnknownCodeReport[];
  logger: ReturnType<typeof recordingLogger> & ConnectorDeps['logger'];
  state: MemoryConnectorState;
}

export function makeDeps(options: { clock?: Clock; list?: TrackedParcelList } = {}): TestDeps {
  const clock = options.clock ?? systemClock;
  const unknown: UnknownCodeReport[] = [];
  return {
    clock,
    random: seededRandom(3),
    logger: recordingLogger(),
    fetch: globalThis.fetch,
    state: new MemoryConnectorState(clock),
    onUnknownCode: (r) => unknown.push(r),
    unknown,
    ...(options.list ? { trackedParcels: options.list } : {}),
  };
}

export const signal = (ms = 10_000): AbortSignal => AbortSignal.timeout(ms);

export async function failure(p: Promise<unknown>): Promise<DeliveryError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof DeliveryError) return err;
    throw err;
  }
  throw new Error('expected a DeliveryError');
}

export function watchEvent(n: number, trackingNumber: string, carrier: string): OutboundEvent {
  return {
    id: `ev-${n.toString()}`,
    seq: n,
    idempotencyKey: `idem-${n.toString()}`,
    destination: 'tracking',
    orderingKey: trackingNumber,
    type: 'tracking.watch',
    payload: {
      stationId: 'st-1',
      parcelId: `p-${n.toString()}`,
      trackingNumber,
      carrier,
      requestedAt: 1_767_000_000_000,
    },
    attempts: 1,
  };
}

/** A 4 KB "tracking number", as a scanner stuck on repeat produces. */
export const HUGE_NUMBER = 'A'.repeat(4096);

/** Drains a pull source page by page from a null cursor, as the pull runner does. */
export async function pullAll<T>(source: {
  pull(
    cursor: string | null,
    signal: AbortSignal,
  ): Promise<{ items: T[]; nextCursor: string | null; hasMore: boolean }>;
}) {
  const items: T[] = [];
  const cursors: (string | null)[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await source.pull(cursor, signal());
    items.push(...page.items);
    cursors.push(page.nextCursor);
    if (!page.hasMore) return { items, cursors, pages: pages + 1 };
    cursor = page.nextCursor;
  }
  throw new Error('the source never finished');
}

/** Runs a pull through the real PullRunner on a real station database, counting what was applied. */
export async function runOnStation<T>(
  dir: string,
  source: {
    name: string;
    pull(
      cursor: string | null,
      signal: AbortSignal,
    ): Promise<{ items: T[]; nextCursor: string | null; hasMore: boolean }>;
  },
) {
  const { core, clock } = makeTestCore(dir);
  try {
    const runner = new PullRunner(core.db, clock);
    const applied: T[] = [];
    const result = await runner.run(source, {
      signal: signal(),
      apply: (items) => {
        applied.push(...items);
        return items.length;
      },
    });
    return { result, applied, cursor: runner.cursor(source.name) };
  } finally {
    await core.close();
  }
}
