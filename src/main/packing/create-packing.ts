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
import { systemTimers, type Timers } from '../printing/queue/timers';
import { StationScale, type StationScaleConfig, type StationScaleOptions } from '../scales/station-scale';
import { BoxPresetStore } from './box-presets-store';
import { ManifestStore } from './manifests/manifest-store';
import { OutboundOrderStore } from './outbound-orders';
import type { PackBooking, PlatformProviders, PlatformShipping } from './pack-booking';
import { PackCutoffs } from './pack-cutoffs';
import { PackDock } from './pack-dock';
import type { RouteLines } from './pack-routing';
import { PackStation, type PrintQueue } from './pack-station';
import { SkuItemClasses } from './sku-item-classes';

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
  /** The label retry's timer (tests pass timers that never fire to show a label needs no round). */
  labelTimers?: Timers;
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
  /** The supervisor's SKU → item classes list (TikTok lines carry none). */
  skuClasses: SkuItemClasses;
  /** The station's zone: an imported deadline written without an offset is local time here. */
  timeZone: string;
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
  const skuClasses = new SkuItemClasses(deps.db, deps.clock, deps.audit);
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
    skuClasses,
  });
  const dockWiring = {
    db: deps.db,
    clock: deps.clock,
    outbox: deps.outbox,
    audit: deps.audit,
    stationId: deps.stationId,
    timeZone,
    orders,
    manifests,
    station,
  };
  const dock = new PackDock(dockWiring);
  const cutoffs = new PackCutoffs({
    ...dockWiring,
    newId: deps.newId,
    printing: deps.printing,
    calendarFor: deps.calendarFor ?? calendarForMarket,
  });
  const every = o.labelRetryMs ?? 30_000;
  const timers = o.labelTimers ?? systemTimers;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const track = (work: Promise<unknown>, failure: string): void => {
    const done = work.catch((err: unknown) => deps.logger.warn(failure, { error: err }));
    running = Promise.all([running, done]);
  };
  // Runs with or without a booking yet: sync wires the accounts' booking after the core is built,
  // and retryLabels does nothing while there is none.
  let timer: unknown = null;
  const arm = (): void => {
    timer = timers.setTimeout(() => {
      track(station.retryLabels(), 'labels waiting for the carrier could not be fetched yet');
      if (!stopped) arm();
    }, every);
  };
  if (every > 0) arm();
  // A platform label exists once the ship call is delivered: fetch it then, not a retry round later.
  const unsubscribe = deps.outbox.onSettled((settled) =>
    track(
      station.shipEventsSettled([...settled.delivered, ...settled.dead]),
      'platform labels could not be fetched after their ship call was delivered',
    ),
  );
  return {
    orders,
    boxes,
    manifests,
    station,
    dock,
    cutoffs,
    scale,
    skuClasses,
    timeZone,
    async stop() {
      stopped = true;
      if (timer !== null) timers.clearTimeout(timer);
      unsubscribe();
      await scale.close();
      await running;
    },
  };
}
