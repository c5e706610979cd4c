import { calendarForMarket, type WorkingCalendar } from '../../shared/calendar/calendars';
import { carrierName } from '../../shared/packing/line-carriers';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import type { IdGenerator } from '../ids';
import type { Logger } from '../logger';
import type { Outbox } from '../outbox/outbox';
import type { PhotoStore } from '../returns/photo-store';
import type { MonitorSnapshot } from '../scales/scale-monitor';
import { StationScale, type StationScaleConfig, type StationScaleOptions } from '../scales/station-scale';
import { BoxPresetStore } from './box-presets-store';
import { ManifestStore } from './manifests/manifest-store';
import { OutboundOrderStore } from './outbound-orders';
import type { PackBooking, PlatformProviders, PlatformShipping } from './pack-booking';
import { PackCutoffs } from './pack-cutoffs';
import { PackDock } from './pack-dock';
import { PackStation, type PrintQueue, type RouteLines } from './pack-station';

/** A station without a scale: Enter at the weigh step says so (PACK_SCALE_UNAVAILABLE). */
const NO_SCALE: MonitorSnapshot = { state: { kind: 'waiting' }, lastFault: null, closed: true };

/** What a station passes to its packing bench (the desktop app and the tests wire these). */
export interface CorePackingOptions {
  booking?: PackBooking;
  providers?: PlatformProviders;
  /** Handover and labels of platform-shipped packages (else sync wires the TikTok connectors). */
  platformShipping?: PlatformShipping;
  /** A scale read at weighing time instead of the one the settings name (tests of the flow). */
  scale?: () => MonitorSnapshot;
  /** How the settings' scale is opened and watched (tests inject the opener, timers, a quick policy). */
  stationScale?: Omit<StationScaleOptions, 'config' | 'clock' | 'logger'>;
  /** The station's zone (default the machine's). */
  timeZone?: string;
  /** How often packages packed offline try for their label again; default 30 s, 0 = never on a timer. */
  labelRetryMs?: number;
  bookingTimeoutMs?: number;
}

export interface Packing {
  orders: OutboundOrderStore;
  boxes: BoxPresetStore;
  manifests: ManifestStore;
  station: PackStation;
  dock: PackDock;
  cutoffs: PackCutoffs;
  /** The bench's own scale, as the settings name it. */
  scale: StationScale;
  stop(): Promise<void>;
}

export function createPacking(deps: {
  db: Db;
  clock: Clock;
  newId: IdGenerator;
  outbox: Outbox;
  audit: AuditLog;
  logger: Logger;
  stationId: string;
  stationName: () => string;
  routes: RouteLines;
  printing: PrintQueue;
  options?: CorePackingOptions;
  /** The station's photo folder, shared with the QC bench (one file per photo, whoever took it). */
  photos: PhotoStore;
  photoRequired?: () => boolean;
  calendarFor?: (market: string) => WorkingCalendar;
  scaleConfig: () => StationScaleConfig;
}): Packing {
  const o = deps.options ?? {};
  const scale = new StationScale({
    ...o.stationScale,
    config: deps.scaleConfig,
    clock: deps.clock,
    logger: deps.logger,
  });
  const timeZone = o.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const orders = new OutboundOrderStore(deps.db, deps.clock, deps.newId, deps.audit);
  const boxes = new BoxPresetStore(deps.db, deps.clock);
  const manifests = new ManifestStore(deps.db, deps.clock, deps.newId, deps.stationId, carrierName);
  const station = new PackStation({
    db: deps.db,
    clock: deps.clock,
    newId: deps.newId,
    outbox: deps.outbox,
    audit: deps.audit,
    stationId: deps.stationId,
    stationName: deps.stationName,
    orders,
    boxes,
    routes: deps.routes,
    printing: deps.printing,
    booking: o.booking ?? null,
    providers: o.providers ?? null,
    platformShipping: o.platformShipping ?? null,
    scale: o.scale ?? (() => scale.snapshot() ?? NO_SCALE),
    calendarFor: deps.calendarFor ?? calendarForMarket,
    timeZone,
    ...(o.bookingTimeoutMs !== undefined ? { bookingTimeoutMs: o.bookingTimeoutMs } : {}),
    photos: deps.photos,
    ...(deps.photoRequired ? { photoRequired: deps.photoRequired } : {}),
  });
  const dock = new PackDock({
    db: deps.db,
    clock: deps.clock,
    outbox: deps.outbox,
    audit: deps.audit,
    stationId: deps.stationId,
    timeZone,
    orders,
    manifests,
    station,
  });
  const cutoffs = new PackCutoffs({
    db: deps.db,
    clock: deps.clock,
    newId: deps.newId,
    outbox: deps.outbox,
    audit: deps.audit,
    stationId: deps.stationId,
    timeZone,
    orders,
    manifests,
    station,
    printing: deps.printing,
    calendarFor: deps.calendarFor ?? calendarForMarket,
  });
  const every = o.labelRetryMs ?? 30_000;
  let running: Promise<unknown> = Promise.resolve();
  // Runs with or without a booking yet: sync wires the accounts' booking after the core is built,
  // and retryLabels does nothing while there is none.
  const timer =
    every > 0
      ? setInterval(() => {
          running = station.retryLabels().catch((err: unknown) => {
            deps.logger.warn('labels waiting for the carrier could not be fetched yet', { error: err });
          });
        }, every)
      : null;
  timer?.unref();
  return {
    orders,
    boxes,
    manifests,
    station,
    dock,
    cutoffs,
    scale,
    async stop() {
      if (timer) clearInterval(timer);
      await scale.close();
      await running;
    },
  };
}
