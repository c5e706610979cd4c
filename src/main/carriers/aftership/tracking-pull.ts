import { z } from 'zod';
import type { TrackingEvent } from '../../../shared/tracking';
import type { Logger } from '../../logger';
import { DeliveryError, type PullPage, type PullSource } from '../../sync/destination';
import type { Clock } from '../../clock';
import type { RequestPacer } from '../request-pacer';
import { sample, trackingNumberProblem, type StatusMapper } from '../tracking-events';
import type { AfterShipClient } from './client';
import type { AfterShipConfig } from './config';
import { AfterShipShapeError, trackingEvents } from './events';

/**
 * AfterShip keeps the list of trackings itself, so its pull reads trackings updated since the last
 * pass, page by page (AfterShip's cursor), and ends each pass with a cursor that starts the next
 * one a minute before the newest update seen (an update racing the pass is read again, and its
 * checkpoints keep their ids). The cursor is JSON the hub or a station can store as it is.
 */
const cursorSchema = z.object({
  since: z.string(),
  page: z.string().nullable(),
  newest: z.string(),
});
type Cursor = z.infer<typeof cursorSchema>;

const OVERLAP_MS = 60_000;

export function afterShipPull(args: {
  name: string;
  config: AfterShipConfig;
  client: AfterShipClient;
  pacer: RequestPacer;
  clock: Clock;
  logger: Logger;
  mapper: StatusMapper;
  timeZone: string;
  carrierOf: (slug: string | null | undefined) => string;
}): PullSource<TrackingEvent> {
  const { config, client, pacer, mapper } = args;
  const start = (): Cursor => {
    const since = new Date(args.clock.now() - config.firstPullLookbackMs).toISOString();
    return { since, page: null, newest: since };
  };
  const read = (cursor: string | null): Cursor => {
    if (cursor === null) return start();
    try {
      return cursorSchema.parse(JSON.parse(cursor));
    } catch {
      throw new DeliveryError('rejected', `the saved AfterShip cursor is unreadable: ${sample(cursor)}`);
    }
  };
  return {
    name: `${args.name}:tracking`,
    pull: async (saved, signal): Promise<PullPage<TrackingEvent>> => {
      const cursor = read(saved);
      mapper.nextPage();
      const list = await pacer.run(signal, () =>
        client.listTrackings(
          { updatedAtMin: cursor.since, cursor: cursor.page, limit: config.pageSize },
          signal,
        ),
      );
      let newest = Date.parse(cursor.newest);
      const items: TrackingEvent[] = [];
      for (const tracking of list.trackings) {
        const problem = trackingNumberProblem(tracking.tracking_number);
        if (problem) {
          args.logger.warn('AfterShip tracking skipped', {
            number: sample(tracking.tracking_number),
            problem,
          });
          continue;
        }
        try {
          items.push(
            ...trackingEvents({ tracking, carrierOf: args.carrierOf, timeZone: args.timeZone, mapper }),
          );
        } catch (err) {
          if (err instanceof AfterShipShapeError) throw new DeliveryError('malformed', err.message);
          throw err;
        }
        const updated = Date.parse(tracking.updated_at ?? '');
        if (Number.isFinite(updated)) newest = Math.max(newest, updated);
      }
      const newestIso = new Date(newest).toISOString();
      const next = list.pagination.next_cursor ?? null;
      if (list.pagination.has_next_page && next !== null) {
        return {
          items,
          nextCursor: JSON.stringify({ since: cursor.since, page: next, newest: newestIso }),
          hasMore: true,
        };
      }
      const since = new Date(Math.max(Date.parse(cursor.since), newest - OVERLAP_MS)).toISOString();
      return { items, nextCursor: JSON.stringify({ since, page: null, newest: newestIso }), hasMore: false };
    },
  };
}
