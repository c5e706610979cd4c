import type { TrackedParcelList, TrackedParcelPage } from '../carriers/connector';
import type { Db } from '../db/open';

/** Parcels whose story is over: nothing more to ask a carrier about them. */
const SETTLED = ['delivered', 'received', 'cancelled'];

/**
 * The station's parcels still on their way, for the tracking pulls that ask a carrier number by
 * number (17TRACK, Ninja Van, J&T). Paged by parcel id, so a page never repeats or skips a parcel
 * while others are added; `carriers` narrows it to the carrier codes a connector handles.
 */
export class StationTrackedParcels implements TrackedParcelList {
  constructor(private readonly db: Db) {}

  async list(
    query: { cursor: string | null; limit: number; carriers?: readonly string[] },
    signal: AbortSignal,
  ): Promise<TrackedParcelPage> {
    signal.throwIfAborted();
    const limit = Math.max(1, Math.min(1_000, Math.floor(query.limit)));
    const carriers = query.carriers ?? null;
    const rows = this.db
      .prepare<unknown[], { id: string; tracking_number: string; carrier: string }>(
        `SELECT id, tracking_number, carrier FROM parcels
         WHERE id > ? AND status NOT IN (${SETTLED.map(() => '?').join(', ')})
           ${carriers ? `AND carrier IN (${carriers.map(() => '?').join(', ') || 'NULL'})` : ''}
         ORDER BY id LIMIT ?`,
      )
      .all(query.cursor ?? '', ...SETTLED, ...(carriers ?? []), limit + 1);
    const page = rows.slice(0, limit);
    return {
      parcels: page.map((r) => ({ trackingNumber: r.tracking_number, carrier: r.carrier })),
      nextCursor: page.at(-1)?.id ?? query.cursor,
      hasMore: rows.length > limit,
    };
  }
}
