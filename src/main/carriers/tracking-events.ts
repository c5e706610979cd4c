import { createHash } from 'node:crypto';
import {
  mapStatus,
  trackingEventSchema,
  type StatusMapping,
  type TrackingEvent,
} from '../../shared/tracking';
import type { Logger } from '../logger';
import type { PullPage, PullSource } from '../sync/destination';
import type { CarrierTime } from './carrier-time';
import type { TrackedParcel, TrackedParcelList, UnknownCodeReport } from './connector';

/**
 * What every tracking connector shares: the tracking-number rule, event construction with a stable
 * id, the status table with unknown codes reported (never dropped), and the pull that walks the
 * station's tracked-parcel list page by page.
 */

/** Tracking numbers we send to a carrier: letters, digits and dashes, at most 64. */
const TRACKING_NUMBER = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;

/** Why a tracking number is refused before any request, or null when it is fine. */
export function trackingNumberProblem(value: string): string | null {
  if (TRACKING_NUMBER.test(value)) return null;
  if (value.length > 64)
    return `tracking number too long (${value.length.toString()} characters, at most 64)`;
  if (value.length === 0) return 'empty tracking number';
  return 'tracking number may hold only letters, digits and dashes';
}

/** The start of a value for a log line or report: never the whole of a 4 KB scan. */
export function sample(value: string, max = 40): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

/** A connector's status table applied code by code; each unknown code is reported once per page. */
export class StatusMapper {
  private reported = new Set<string>();

  constructor(
    private readonly connector: string,
    private readonly table: Readonly<Record<string, StatusMapping>>,
    private readonly onUnknownCode: ((report: UnknownCodeReport) => void) | undefined,
    private readonly logger: Logger,
  ) {}

  map(code: string, context: string): StatusMapping {
    const hit = mapStatus(this.table, code);
    if (!hit.known && !this.reported.has(code)) {
      this.reported.add(code);
      const report = { connector: this.connector, code: sample(code, 100), sample: sample(context, 200) };
      this.logger.warn('carrier sent a status code the connector does not know', { ...report });
      this.onUnknownCode?.(report);
    }
    return hit.reason ? { status: hit.status, reason: hit.reason } : { status: hit.status };
  }

  /** A new page: report its unknown codes again, so each sync report names them. */
  nextPage(): void {
    this.reported = new Set();
  }
}

export interface EventFields {
  connector: string;
  carrier: string;
  trackingNumber: string;
  time: CarrierTime;
  code: string;
  description: string;
  location: string | null;
  mapping: StatusMapping;
}

/**
 * One event in the model. Carriers give checkpoints no id of their own, so the id is a hash of what
 * the checkpoint says: the same checkpoint from a pull and from a webhook is the same event.
 */
export function trackingEvent(f: EventFields): TrackingEvent {
  const description = f.description.replace(/\s+/g, ' ').trim();
  const id = createHash('sha256')
    .update([f.trackingNumber, f.time.occurredAtMs.toString(), f.code, description].join('\u0000'))
    .digest('hex')
    .slice(0, 40);
  return trackingEventSchema.parse({
    externalId: `${f.connector}:${id}`,
    carrier: f.carrier,
    trackingNumber: f.trackingNumber,
    occurredAt: f.time.occurredAt,
    occurredAtMs: f.time.occurredAtMs,
    code: f.code.slice(0, 100),
    description: description.slice(0, 500),
    location: f.location === null || f.location.trim() === '' ? null : f.location.trim().slice(0, 200),
    status: f.mapping.status,
    reason: f.mapping.reason ?? null,
  });
}

export interface ParcelWalkOptions {
  /** The PullSource name (the sync cursor's key). */
  name: string;
  list: TrackedParcelList | undefined;
  /** Parcels per page: the carrier's batch size. */
  pageSize: number;
  /** Our carrier codes this connector tracks; absent: every parcel on the list. */
  carriers?: readonly string[];
  logger: Logger;
  /** Fetches the events of one page of valid parcels. */
  fetchEvents(parcels: TrackedParcel[], signal: AbortSignal): Promise<TrackingEvent[]>;
}

/**
 * A tracking pull whose cursor is the tracked-parcel list's own cursor: each page is one list page
 * asked of the carrier, and a finished pass ends with a null cursor so the next sync starts again
 * from the top (events carry stable ids, so a second pass inserts only what is new). Whoever owns
 * the list (a station's database, the hub's) drives the walk; the connector keeps no state of it.
 * Invalid tracking numbers are refused here, logged, and never sent.
 */
export function parcelWalk(options: ParcelWalkOptions): PullSource<TrackingEvent> {
  return {
    name: options.name,
    pull: async (cursor, signal): Promise<PullPage<TrackingEvent>> => {
      if (!options.list) return { items: [], nextCursor: null, hasMore: false };
      const page = await options.list.list(
        {
          cursor,
          limit: options.pageSize,
          ...(options.carriers !== undefined ? { carriers: options.carriers } : {}),
        },
        signal,
      );
      const seen = new Set<string>();
      const parcels: TrackedParcel[] = [];
      for (const parcel of page.parcels) {
        const problem = trackingNumberProblem(parcel.trackingNumber);
        if (problem) {
          options.logger.warn('tracked parcel refused before asking the carrier', {
            source: options.name,
            trackingNumber: sample(parcel.trackingNumber),
            problem,
          });
          continue;
        }
        if (options.carriers && !options.carriers.includes(parcel.carrier)) continue;
        if (seen.has(parcel.trackingNumber)) continue;
        seen.add(parcel.trackingNumber);
        parcels.push(parcel);
      }
      const items = parcels.length > 0 ? await options.fetchEvents(parcels, signal) : [];
      return { items, nextCursor: page.hasMore ? page.nextCursor : null, hasMore: page.hasMore };
    },
  };
}
