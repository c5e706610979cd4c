import type { WorkingCalendar } from '../../shared/calendar/calendars';
import { assessLateRisk, type LateRisk } from '../../shared/calendar/late-risk';
import { PACK_PHOTO_MAX_BYTES, type PackReading, type PackBox } from '../../shared/calls/packing';
import type { UserView } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { CARRIER_SERVICES, type CarrierService } from '../../shared/packing/carrier-services';
import { classesOf, type ItemClass } from '../../shared/packing/item-classes';
import type {
  PackCombinable,
  PackCompleteResult,
  PackQueue,
  PackRouteView,
  PackSession,
  PackShiftSummary,
  PackWeightView,
} from '../../shared/packing/pack-views';
import { normaliseScan } from '../../shared/scan-code';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import { writeTransaction } from '../db/write';
import type { IdGenerator } from '../ids';
import type { Outbox } from '../outbox/outbox';
import { OutboxQueries } from '../outbox/outbox-queries';
import type { EnqueuedJob, NewPrintJob } from '../printing/queue/print-queue';
import type { PhotoStore } from '../returns/photo-store';
import type { MonitorSnapshot } from '../scales/scale-monitor';
import type { BoxPresetStore } from './box-presets-store';
import type { OutboundOrderStore, StoredOutboundOrder } from './outbound-orders';
import {
  platformDestinationOf,
  type PackBooking,
  type PlatformProviders,
  type PlatformShipping,
} from './pack-booking';
import { PlatformLabels } from './platform-labels';
import {
  PackStore,
  linesOf,
  sealedOf,
  verifiedOf,
  weightOf,
  type PackageRow,
  type SessionRow,
  type Verified,
} from './pack-store';
import { CarrierSeal } from './pack-carrier-seal';
import { PackCombining } from './pack-combining';
import { bookWaitingLabels } from './pack-label-retry';
import { PackLabels } from './pack-labels';
import { PlatformSeal } from './pack-platform-seal';
import { packageLines, type PackedLine } from './pack-lines';
import { isCancelled, platformShipped, settleOrder } from './pack-order-status';
import { computeRoute, type RouteLines } from './pack-routing';
import { packQueue } from './pack-queue';
import { sessionView } from './pack-session-view';
import type { PackStepDeps } from './pack-station-deps';
import { splitLines } from './pack-splitting';
import { shiftSummary } from './pack-shift-summary';
import { packWeight } from './pack-weighing';

export interface PrintQueue {
  enqueue(tx: Db, job: NewPrintJob): EnqueuedJob;
  /** A waiting job cancelled in the caller's transaction; false when it is already out. */
  cancelQueued(tx: Db, jobId: string, reason: string): boolean;
}

export interface PackStationOptions {
  db: Db;
  clock: Clock;
  newId: IdGenerator;
  outbox: Outbox;
  audit: AuditLog;
  stationId: string;
  stationName: () => string;
  orders: OutboundOrderStore;
  boxes: BoxPresetStore;
  routes: RouteLines;
  printing: PrintQueue;
  /** Books shipments with the line's carrier; null: every package waits for its label. */
  booking: PackBooking | null;
  /** The platform's shipping providers per order; null: nothing is checked against a platform list. */
  providers: PlatformProviders | null;
  /** Handover and labels of platform-shipped packages; null until sync wires the connectors. */
  platformShipping?: PlatformShipping | null;
  /** The station's own scale, if one is attached (the core's ScaleMonitor). */
  scale: (() => MonitorSnapshot) | null;
  calendarFor: (market: string) => WorkingCalendar;
  /** The station's zone: shift days, label times. */
  timeZone: string;
  services?: readonly CarrierService[];
  /** How long a booking may take before the package is treated as offline (default 8 s). */
  bookingTimeoutMs?: number;
  /** The station's photo folder (content-addressed), shared with the QC bench. */
  photos: PhotoStore;
  /** Read at each seal: a supervisor may switch the photo off (setting packPhotoRequired). */
  photoRequired?: () => boolean;
  /** Item classes by SKU for lines whose source names none (TikTok Shop orders). */
  skuClasses?: {
    classesOf(skus: readonly string[]): ReadonlyMap<string, ItemClass[]>;
    serialRequiredOf(skus: readonly string[]): ReadonlySet<string>;
  };
}

type Input<T> = T & { clientActionId: string };

type UncombineResult = {
  session: PackSession;
  orderRef: string;
  itemsOut: number;
  uncombineEventId: string | null;
};

/**
 * The packing bench: one pack session per station, resumed after a restart. open → verify every
 * line (quantities count down, serials recorded, a wrong item refused) → weigh (a stable reading
 * only) → route (the route book's primary or backup line, on the platform's list) → complete:
 * the shipment is booked with the carrier, then ONE transaction writes the package's new state,
 * the ship call into the outbox and the label onto the print queue. With the carrier offline the
 * package waits for its label (a packing slip prints now) and `retryLabels` finishes it later.
 *
 * Every write carries the screen's action id: the same id again answers the first answer. Calls
 * run one at a time per station, so a double Enter never books twice.
 */
export class PackStation {
  readonly store: PackStore;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly services: readonly CarrierService[];
  private wiredBooking: PackBooking | null = null;
  private wiredShipping: PlatformShipping | null = null;
  private readonly platformLabels: PlatformLabels;
  private readonly events: OutboxQueries;
  /** How long a booking or a platform call may take before it is treated as offline. */
  private readonly timeoutMs = (): number => this.o.bookingTimeoutMs ?? 8_000;
  private readonly labels: PackLabels;
  private readonly combining: PackCombining;
  private readonly platformSeal: PlatformSeal;
  private readonly carrierSeal: CarrierSeal;

  constructor(private readonly o: PackStationOptions) {
    this.store = new PackStore(o.db);
    this.services = o.services ?? CARRIER_SERVICES;
    this.events = new OutboxQueries(o.db);
    const steps: PackStepDeps = {
      db: o.db,
      clock: o.clock,
      stationId: o.stationId,
      audit: o.audit,
      store: this.store,
      orders: o.orders,
      timeoutMs: this.timeoutMs,
    };
    const platformShipping = () => this.platformShipping();
    const late = (order: StoredOutboundOrder, now: number) => this.risk(order, now).status === 'late';
    this.combining = new PackCombining({ ...steps, outbox: o.outbox, events: this.events, platformShipping });
    this.labels = new PackLabels({
      clock: o.clock,
      stationId: o.stationId,
      stationName: o.stationName,
      timeZone: o.timeZone,
      outbox: o.outbox,
      printing: o.printing,
      store: this.store,
      orders: o.orders,
    });
    this.carrierSeal = new CarrierSeal({
      ...steps,
      labels: this.labels,
      booking: () => this.booking(),
      late,
    });
    this.platformSeal = new PlatformSeal({
      ...steps,
      outbox: o.outbox,
      labels: this.labels,
      platformShipping,
      combineKeyOf: (order, pkg) => this.combining.combineKeyOf(order, pkg),
      late,
    });
    this.platformLabels = new PlatformLabels({
      db: o.db,
      store: this.store,
      orders: o.orders,
      printing: o.printing,
      audit: o.audit,
      timeoutMs: this.timeoutMs,
      cancelled: isCancelled,
      settleOrder: (db, orderId, packageId) =>
        settleOrder({ store: this.store, orders: this.o.orders }, db, orderId, packageId),
      events: this.events,
    });
  }

  /** The platform's handover and labels, each time sync is built; one given at creation is kept. */
  usePlatformShipping(shipping: PlatformShipping | null): void {
    this.wiredShipping = shipping;
  }

  private platformShipping(): PlatformShipping | null {
    return this.o.platformShipping ?? this.wiredShipping;
  }

  /**
   * The platform lists to check carriers against, once sync has built the platform connectors
   * (attachSync). A list given to the core at creation is kept.
   */
  usePlatformProviders(providers: PlatformProviders): void {
    if (this.o.providers === null) this.o.providers = providers;
  }

  /**
   * The booking built from the station's connector accounts, each time sync is built (again, after
   * new credentials or configuration), replacing the one before. A booking given to the core at
   * creation is kept.
   */
  useBooking(booking: PackBooking | null): void {
    this.wiredBooking = booking;
  }

  /** The lines the current booking books with (route lines besides the sync's accounts). */
  bookingLines(): readonly string[] {
    return this.booking()?.lines?.() ?? [];
  }

  private booking(): PackBooking | null {
    return this.o.booking ?? this.wiredBooking;
  }

  /** Runs calls one after the other: a booking is never made twice by two quick keystrokes. */
  /** Package changes run one at a time per station: the bench's calls and the dock's rebook. */
  serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  state(): { session: PackSession | null } {
    const row = this.store.session(this.o.stationId);
    return { session: row ? this.view(row) : null };
  }

  queue(limit = 200): PackQueue {
    return packQueue({ orders: this.o.orders, clock: this.o.clock, calendarFor: this.o.calendarFor }, limit);
  }

  open(input: Input<{ code: string }>, user: UserView): Promise<PackSession> {
    return this.serial(async () => {
      const again = this.store.replay<PackSession>(input.clientActionId);
      if (again) return again;
      const code = normaliseScan(input.code).code;
      const found = this.findOrder(code);
      if (!found) throw new AppError('PACK_ORDER_NOT_FOUND', { code: code.slice(0, 64) });
      // An order combined into another's package is packed there: its scan opens that package.
      const into = this.store.combinedOf(found.id);
      const host = into ? this.store.pkg(into.package_id) : undefined;
      const order = (host ? this.o.orders.get(host.order_id) : null) ?? found;
      if (isCancelled(order)) throw new AppError('PACK_ORDER_CANCELLED', { orderRef: order.externalId });
      return writeTransaction(this.o.db, () => {
        const db = this.o.db;
        const mine = this.store.session(this.o.stationId);
        const packages = this.ensurePackages(order);
        const wanted =
          packages.find((p) => p.id.toUpperCase() === code && p.state === 'to_pack') ??
          packages.find((p) => p.state === 'to_pack');
        if (mine) {
          const openPkg = this.store.pkg(mine.package_id);
          if (openPkg?.order_id === order.id) return this.view(mine);
          const openOrder = openPkg ? this.o.orders.get(openPkg.order_id) : null;
          throw new AppError('PACK_SESSION_OPEN', { orderRef: openOrder?.externalId ?? '' });
        }
        if (!wanted) throw new AppError('PACK_ORDER_DONE', { orderRef: order.externalId });
        if (this.store.sessionOfPackage(wanted.id)) {
          throw new AppError('PACK_ORDER_AT_OTHER_BENCH', { orderRef: order.externalId });
        }
        const now = this.o.clock.now();
        const verified: Verified = {};
        for (const l of linesOf(wanted)) verified[l.lineRef] = { count: 0, serials: [] };
        // A sealed parcel sent back to be rebooked is not unpacked: it is routed again as weighed.
        const sealed = sealedOf(wanted);
        const row: SessionRow = {
          station_id: this.o.stationId,
          id: this.o.newId(),
          package_id: wanted.id,
          step: sealed ? 'route' : 'verify',
          verified: JSON.stringify(sealed?.verified ?? verified),
          weight: sealed ? JSON.stringify(sealed.weight) : null,
          route: null,
          photo_sha256: null,
          opened_by: user.id,
          opened_at: now,
        };
        this.store.insertSession(db, row);
        this.store.update(db, wanted.id, { state: 'packing', opened_at: now });
        this.o.orders.setStatus(db, order.id, 'packing');
        const view = this.view(row);
        this.store.record(db, input.clientActionId, 'packOpen', view, now);
        return view;
      });
    });
  }

  scanItem(
    input: Input<{ code: string; serial?: string | undefined }>,
    user: UserView,
  ): Promise<{ session: PackSession; lineRef: string; remaining: number; allVerified: boolean }> {
    return this.serial(async () => {
      type Result = { session: PackSession; lineRef: string; remaining: number; allVerified: boolean };
      const again = this.store.replay<Result>(input.clientActionId);
      if (again) return again;
      const code = normaliseScan(input.code).code;
      const { session, order, pkg } = await this.current();
      const verified = verifiedOf(session);
      const lines = this.packageLines(order, pkg);
      const upper = code.toUpperCase();
      // TikTok lists one line per unit: the scan counts on the first line of the item still short.
      const matching = lines.filter(
        (l) => l.barcode?.toUpperCase() === upper || l.sku.toUpperCase() === upper,
      );
      const line = matching.find((l) => (verified[l.lineRef]?.count ?? 0) < l.quantity);
      if (matching.length === 0) {
        // Counted apart from the refusal, so the shift summary sees every wrong item.
        await writeTransaction(this.o.db, () =>
          this.store.recordWrongScan(this.o.db, pkg.id, code, user.id, this.o.clock.now()),
        );
        throw new AppError('PACK_WRONG_ITEM', { scanned: code.slice(0, 64), orderRef: order.externalId });
      }
      if (!line) {
        throw new AppError('PACK_LINE_ALREADY_VERIFIED', {
          sku: matching[0]?.sku ?? code,
          quantity: matching.reduce((n, l) => n + l.quantity, 0),
        });
      }
      const entry = verified[line.lineRef] ?? { count: 0, serials: [] };
      const serial = input.serial?.trim();
      if (line.serialRequired === true && !serial) {
        // Not counted: the screen asks for this unit's serial and sends the item again with it.
        throw new AppError('PACK_SERIAL_REQUIRED', { sku: line.sku, missing: 1 });
      }
      if (serial) {
        // A second item scanned where the serial was asked for is an item, not a serial number.
        const asItem = serial.toUpperCase();
        if (order.lines.some((l) => l.sku.toUpperCase() === asItem || l.barcode?.toUpperCase() === asItem)) {
          throw new AppError('PACK_SERIAL_IS_ITEM', { scanned: serial.slice(0, 64), sku: line.sku });
        }
        const all = Object.values(verified).flatMap((v) => v.serials);
        if (all.includes(serial)) throw new AppError('PACK_SERIAL_DUPLICATE', { serial });
        entry.serials.push(serial);
      }
      entry.count += 1;
      verified[line.lineRef] = entry;
      const allVerified = lines.every((l) => (verified[l.lineRef]?.count ?? 0) >= l.quantity);
      return writeTransaction(this.o.db, () => {
        const db = this.o.db;
        this.store.updateSession(db, this.o.stationId, {
          verified: JSON.stringify(verified),
          ...(allVerified && session.step === 'verify' ? { step: 'weigh' as const } : {}),
        });
        const result: Result = {
          session: this.view(this.mustSession()),
          lineRef: line.lineRef,
          remaining: line.quantity - entry.count,
          allVerified,
        };
        this.store.record(db, input.clientActionId, 'packScanItem', result, this.o.clock.now());
        return result;
      });
    });
  }

  weigh(
    input: Input<{ reading: PackReading; box: PackBox }>,
    _user: UserView,
  ): Promise<{ session: PackSession; weight: PackWeightView }> {
    return this.serial(async () => {
      type Result = { session: PackSession; weight: PackWeightView };
      const again = this.store.replay<Result>(input.clientActionId);
      if (again) return again;
      const { session, order, pkg } = await this.current();
      const lines = this.packageLines(order, pkg);
      this.assertAllVerified(session, lines);
      const weight = packWeight(
        { boxes: this.o.boxes, services: this.services, scale: this.o.scale },
        order,
        lines,
        input,
      );
      return writeTransaction(this.o.db, () => {
        // A new weight makes the old route stale: it is chosen again for this weight.
        this.store.updateSession(this.o.db, this.o.stationId, {
          weight: JSON.stringify(weight),
          route: null,
          // The platform's own carrier needs no route: the platform picks the carrier.
          step: platformShipped(order) ? 'ready' : 'route',
        });
        const result: Result = { session: this.view(this.mustSession()), weight };
        this.store.record(this.o.db, input.clientActionId, 'packWeigh', result, this.o.clock.now());
        return result;
      });
    });
  }

  route(
    input: Input<{ choose?: 'primary' | 'backup' | undefined }>,
    _user: UserView,
  ): Promise<{ session: PackSession; route: PackRouteView }> {
    return this.serial(async () => {
      type Result = { session: PackSession; route: PackRouteView };
      const again = this.store.replay<Result>(input.clientActionId);
      if (again) return again;
      const { session, order, pkg } = await this.current();
      const weight = weightOf(session);
      if (!weight) throw new AppError('PACK_NOT_WEIGHED');
      const classes = this.itemClassesOf(order, pkg);
      const stored = await computeRoute(
        {
          routes: this.o.routes,
          providers: this.o.providers,
          services: this.services,
          timeoutMs: this.timeoutMs(),
        },
        order,
        weight,
        classes,
        input.choose,
      );
      return writeTransaction(this.o.db, () => {
        this.store.updateSession(this.o.db, this.o.stationId, {
          route: JSON.stringify(stored),
          step: 'ready',
        });
        const result: Result = { session: this.view(this.mustSession()), route: stored.view };
        this.store.record(this.o.db, input.clientActionId, 'packRoute', result, this.o.clock.now());
        return result;
      });
    });
  }

  complete(input: Input<{ photoSha256?: string | undefined }>, user: UserView): Promise<PackCompleteResult> {
    return this.serial(async () => {
      const again = this.store.replay<PackCompleteResult>(input.clientActionId);
      if (again) return again;
      const { session, order, pkg } = await this.current();
      const refusal = this.combining.refusedCombination(pkg);
      if (refusal) {
        // Sealing would put two orders in a parcel the platform ships as one: undone first.
        await this.combining.undoCombination(pkg, refusal);
        throw new AppError('PACK_COMBINE_REFUSED', { orderRef: refusal.orderRefs.join(', ') });
      }
      const lines = this.packageLines(order, pkg);
      this.assertAllVerified(session, lines);
      this.assertSerials(session, lines);
      const photoSha256 = session.photo_sha256 ?? input.photoSha256 ?? null;
      if (photoSha256 !== null && !this.o.photos.get(photoSha256)) {
        throw new AppError('PHOTO_NOT_FOUND', { sha256: photoSha256 });
      }
      if (photoSha256 === null && (this.o.photoRequired?.() ?? false)) {
        throw new AppError('PACK_PHOTO_REQUIRED', { orderRef: order.externalId });
      }
      const weight = weightOf(session);
      if (!weight) throw new AppError('PACK_NOT_WEIGHED');
      const sealing = platformShipped(order) ? this.platformSeal : this.carrierSeal;
      const result = await sealing.seal(input.clientActionId, user, {
        order,
        pkg,
        session,
        lines,
        weight,
        photoSha256,
      });
      if (result !== 'cancelled') return result;
      await this.dropCancelled(order, pkg);
      throw new AppError('PACK_ORDER_CANCELLED', { orderRef: order.externalId });
    });
  }

  /**
   * The photo of the open parcel: checked to be a JPEG of bounded size, written as a file first —
   * the fsync stays outside the database's write lock — then its row and the session's reference
   * in one transaction. The same bytes again are the same file and row.
   */
  photo(input: Input<{ dataBase64: string }>, user: UserView): Promise<{ session: PackSession }> {
    return this.serial(async () => {
      const again = this.store.replay<{ session: PackSession }>(input.clientActionId);
      if (again) return again;
      await this.current();
      const photos = this.o.photos;
      const bytes = new Uint8Array(Buffer.from(input.dataBase64, 'base64'));
      const ref = await photos.writeOnce(bytes, { maxBytes: PACK_PHOTO_MAX_BYTES, mimeType: 'image/jpeg' });
      return writeTransaction(this.o.db, () => {
        const db = this.o.db;
        photos.recordIn(db, ref, user.id);
        this.store.updateSession(db, this.o.stationId, { photo_sha256: ref.sha256 });
        const result = { session: this.view(this.mustSession()) };
        this.store.record(db, input.clientActionId, 'packPhoto', result, this.o.clock.now());
        return result;
      });
    });
  }

  split(
    input: Input<{ lines: Array<{ lineRef: string; quantity: number }> }>,
    _user: UserView,
  ): Promise<{ session: PackSession; newPackage: { packageId: string; packageNo: number } }> {
    return this.serial(async () => {
      type Result = { session: PackSession; newPackage: { packageId: string; packageNo: number } };
      const again = this.store.replay<Result>(input.clientActionId);
      if (again) return again;
      const { session, order, pkg } = await this.current();
      if (platformShipped(order)) {
        // The platform's own carrier packs by the platform's packages; splitting them is the platform's call.
        throw new AppError('PACK_SPLIT_NOT_ALLOWED', { orderRef: order.externalId });
      }
      if (this.store.combinedInto(pkg.id).length > 0) {
        // The lines of several orders in one parcel: which order a split part belongs to is not ours to guess.
        throw new AppError('PACK_SPLIT_NOT_ALLOWED', { orderRef: order.externalId });
      }
      const verified = verifiedOf(session);
      const { stay, move } = splitLines(linesOf(pkg), input.lines, verified);
      return writeTransaction(this.o.db, () => {
        const db = this.o.db;
        const packageNo = Math.max(...this.store.packagesOf(order.id).map((p) => p.package_no)) + 1;
        const packageId = this.o.newId();
        this.store.insertPackage(db, {
          id: packageId,
          orderId: order.id,
          packageNo,
          lines: move,
          now: this.o.clock.now(),
        });
        this.store.update(db, pkg.id, { lines: JSON.stringify(stay) });
        const lines = this.packageLines(order, { ...pkg, lines: JSON.stringify(stay) });
        const allVerified = lines.every((l) => (verified[l.lineRef]?.count ?? 0) >= l.quantity);
        this.store.updateSession(db, this.o.stationId, {
          verified: JSON.stringify(verified),
          weight: null,
          route: null,
          // The parcel's content changed: the photo before sealing is taken again.
          photo_sha256: null,
          step: allVerified ? 'weigh' : 'verify',
        });
        const result: Result = {
          session: this.view(this.mustSession()),
          newPackage: { packageId, packageNo },
        };
        this.store.record(db, input.clientActionId, 'packSplit', result, this.o.clock.now());
        return result;
      });
    });
  }

  /**
   * The open orders that may go into the open package. The platform unreachable or not wired →
   * `none` with the reason for the screen.
   */
  combinable(): Promise<PackCombinable> {
    return this.combining.combinable();
  }

  combine(
    input: Input<{ orderId: string }>,
    user: UserView,
  ): Promise<{ session: PackSession; combineEventId: string | null; confirmed: boolean }> {
    return this.serial(async () => {
      type Result = { session: PackSession; combineEventId: string | null; confirmed: boolean };
      const again = this.store.replay<Result>(input.clientActionId);
      if (again) return again;
      const { session, order, pkg } = await this.current();
      const other = this.o.orders.get(input.orderId);
      if (!other) throw new AppError('PACK_COMBINE_NOT_ALLOWED', { orderRef: input.orderId });
      const { pick, basis, confirmed } = await this.combining.pickAtK(order, pkg, other);
      return writeTransaction(this.o.db, () => {
        const db = this.o.db;
        const now = this.o.clock.now();
        const combineEventId = this.combining.joinIn(
          db,
          { order, pkg, session, other, pick, basis },
          user,
          now,
        );
        const result: Result = { session: this.view(this.mustSession()), combineEventId, confirmed };
        this.store.record(db, input.clientActionId, 'packCombine', result, now);
        return result;
      });
    });
  }

  /** Takes a combined order back out of the open package before sealing (PackCombining.takeOutIn). */
  uncombine(input: Input<{ orderId: string }>, user: UserView): Promise<UncombineResult> {
    return this.serial(async () => {
      const again = this.store.replay<UncombineResult>(input.clientActionId);
      if (again) return again;
      const { order, pkg } = await this.current();
      return writeTransaction(this.o.db, () => {
        const db = this.o.db;
        const now = this.o.clock.now();
        // Read inside the transaction: the combination's outbox state cannot change under us here.
        const row = this.store.combinedInto(pkg.id).find((r) => r.order_id === input.orderId);
        const session = this.mustSession();
        const fresh = this.store.pkg(pkg.id);
        if (!row || !fresh) {
          const ref = this.o.orders.get(input.orderId)?.externalId ?? input.orderId;
          throw new AppError('PACK_UNCOMBINE_NOT_ALLOWED', { orderRef: ref });
        }
        const out = this.combining.takeOutIn(db, { order, pkg: fresh, session, row }, user, now);
        const result: UncombineResult = { session: this.view(this.mustSession()), ...out };
        this.store.record(db, input.clientActionId, 'packUncombine', result, now);
        return result;
      });
    });
  }

  release(input: Input<object>, user: UserView): Promise<{ session: null }> {
    return this.serial(async () => {
      const again = this.store.replay<{ session: null }>(input.clientActionId);
      if (again) return again;
      const session = this.store.session(this.o.stationId);
      if (!session) throw new AppError('PACK_NO_SESSION');
      return writeTransaction(this.o.db, () => {
        const db = this.o.db;
        const pkg = this.store.pkg(session.package_id);
        this.store.deleteSession(db, this.o.stationId);
        if (pkg) {
          this.store.update(db, pkg.id, { state: 'to_pack', opened_at: null });
          const others = this.store.packagesOf(pkg.order_id).filter((p) => p.id !== pkg.id);
          if (others.every((p) => p.state === 'to_pack' || p.state === 'cancelled'))
            this.o.orders.setStatus(db, pkg.order_id, 'to_pack');
          // The combination stays (the platform may have combined already): either order's scan reopens it.
          for (const c of this.store.combinedInto(pkg.id)) this.o.orders.setStatus(db, c.order_id, 'to_pack');
          this.o.audit.record({
            userId: user.id,
            action: 'pack.release',
            entityType: 'pack_package',
            entityId: pkg.id,
          });
        }
        this.store.record(db, input.clientActionId, 'packRelease', { session: null }, this.o.clock.now());
        return { session: null };
      });
    });
  }

  /**
   * Ship events just settled (the outbox heard it from the delivery engine): the platform labels
   * waiting on them are fetched now instead of on the next retry round. Events nobody waits on
   * (most of them) cost one read and never queue behind the bench's calls.
   */
  async shipEventsSettled(eventIds: readonly string[]): Promise<number> {
    const shipping = this.platformShipping();
    if (!shipping || !this.platformLabels.waitsOn(eventIds)) return 0;
    return this.serial(() => this.platformLabels.printDelivered(shipping, eventIds));
  }

  /**
   * Books the packages that wait for their label (packed offline). Each booked one gets its ship
   * call and label in one transaction; a refusal is kept on the package for the supervisor.
   * Answers how many were finished.
   */
  retryLabels(): Promise<number> {
    return this.serial(async () => {
      const shipping = this.platformShipping();
      const done = shipping ? await this.platformLabels.printDelivered(shipping) : 0;
      const booking = this.booking();
      if (!booking) return done;
      return (
        done +
        (await bookWaitingLabels(
          {
            db: this.o.db,
            store: this.store,
            orders: this.o.orders,
            labels: this.labels,
            timeoutMs: this.timeoutMs,
          },
          booking,
        ))
      );
    });
  }

  shiftSummary(scope: 'mine' | 'station', user: UserView): PackShiftSummary {
    return shiftSummary(
      {
        db: this.o.db,
        store: this.store,
        orders: this.o.orders,
        clock: this.o.clock,
        timeZone: this.o.timeZone,
      },
      scope,
      user,
    );
  }

  /** The order's late risk now, on its market's calendar. */
  risk(order: StoredOutboundOrder, now = this.o.clock.now()): LateRisk {
    return assessLateRisk({
      stage: order.stage === 'awaiting_collection' ? 'awaiting_collection' : 'to_ship',
      deadlines: order.deadlines,
      now,
      calendar: this.o.calendarFor(order.market),
    });
  }

  // ── inside transactions ──────────────────────────────────────────────────────────────────

  // ── reads ──────────────────────────────────────────────────────────────────────────────

  private findOrder(code: string): StoredOutboundOrder | null {
    const db = this.o.db;
    const byPackage = db
      .prepare<[string], { order_id: string }>(
        'SELECT order_id FROM pack_packages WHERE id = ? COLLATE NOCASE',
      )
      .get(code);
    if (byPackage) return this.o.orders.get(byPackage.order_id);
    const byRef = db
      .prepare<[string], { id: string }>(
        `SELECT id FROM outbound_orders WHERE external_id = ? COLLATE NOCASE
         ORDER BY status IN ('to_pack', 'packing') DESC, created_at DESC LIMIT 1`,
      )
      .get(code);
    if (byRef) return this.o.orders.get(byRef.id);
    const byPlatformPackage = db
      .prepare<[string], { order_id: string }>(
        'SELECT order_id FROM outbound_order_lines WHERE package_id = ? COLLATE NOCASE LIMIT 1',
      )
      .get(code);
    return byPlatformPackage ? this.o.orders.get(byPlatformPackage.order_id) : null;
  }

  /** An order's packages, the first made on first open with every line. Inside a transaction. */
  private ensurePackages(order: StoredOutboundOrder): PackageRow[] {
    const existing = this.store.packagesOf(order.id);
    if (existing.length > 0) return existing;
    this.store.insertPackage(this.o.db, {
      id: this.o.newId(),
      orderId: order.id,
      packageNo: 1,
      lines: order.lines.map((l) => ({ lineRef: l.lineRef, quantity: l.quantity })),
      now: this.o.clock.now(),
    });
    return this.store.packagesOf(order.id);
  }

  /** The open session with its order; an order cancelled meanwhile ends it and is refused. */
  private async current(): Promise<{ session: SessionRow; order: StoredOutboundOrder; pkg: PackageRow }> {
    const session = this.store.session(this.o.stationId);
    if (!session) throw new AppError('PACK_NO_SESSION');
    const pkg = this.store.pkg(session.package_id);
    const order = pkg ? this.o.orders.get(pkg.order_id) : null;
    if (!pkg || !order) throw new AppError('PACK_NO_SESSION');
    if (isCancelled(order)) {
      await this.dropCancelled(order, pkg);
      throw new AppError('PACK_ORDER_CANCELLED', { orderRef: order.externalId });
    }
    return { session, order, pkg };
  }

  private async dropCancelled(order: StoredOutboundOrder, pkg: PackageRow): Promise<void> {
    await writeTransaction(this.o.db, () => {
      this.store.deleteSession(this.o.db, this.o.stationId);
      this.store.update(this.o.db, pkg.id, { state: 'cancelled' });
      this.o.audit.record({
        userId: null,
        action: 'pack.cancelled_by_platform',
        entityType: 'pack_package',
        entityId: pkg.id,
        details: { orderRef: order.externalId },
      });
    });
  }

  private mustSession(): SessionRow {
    const row = this.store.session(this.o.stationId);
    if (!row) throw new AppError('PACK_NO_SESSION');
    return row;
  }

  /** Weighing and sealing both need every unit of the package scanned first. */
  private assertAllVerified(
    session: SessionRow,
    lines: readonly { lineRef: string; quantity: number }[],
  ): void {
    const verified = verifiedOf(session);
    const remaining = lines.reduce(
      (n, l) => n + Math.max(0, l.quantity - (verified[l.lineRef]?.count ?? 0)),
      0,
    );
    if (remaining > 0) throw new AppError('PACK_LINES_NOT_VERIFIED', { remaining });
  }

  /** A serial-required line seals only with a serial for each of its units. */
  private assertSerials(
    session: SessionRow,
    lines: readonly {
      lineRef: string;
      sku: string;
      quantity: number;
      serialRequired?: boolean | undefined;
    }[],
  ): void {
    const verified = verifiedOf(session);
    for (const l of lines) {
      if (l.serialRequired !== true) continue;
      const missing = l.quantity - (verified[l.lineRef]?.serials.length ?? 0);
      if (missing > 0) throw new AppError('PACK_SERIAL_REQUIRED', { sku: l.sku, missing });
    }
  }

  /**
   * The package's item classes: each line's own (ERP), and for the lines of a platform order —
   * whose source names none — the station's SKU list (supervisor's CSV import).
   */
  private itemClassesOf(order: StoredOutboundOrder, pkg: Pick<PackageRow, 'lines'>): ItemClass[] {
    const lines = this.packageLines(order, pkg);
    const unnamed = lines.filter(
      (l) => platformDestinationOf(order) !== null && (l.itemClasses ?? []).length === 0,
    );
    const listed = this.o.skuClasses?.classesOf(unnamed.map((l) => l.sku)) ?? new Map<string, ItemClass[]>();
    return classesOf([...lines, ...unnamed.map((l) => ({ itemClasses: listed.get(l.sku) ?? [] }))]);
  }

  private packageLines(order: StoredOutboundOrder, pkg: Pick<PackageRow, 'lines'>): PackedLine[] {
    return packageLines(this.o.orders, order, pkg, this.listedSerials);
  }

  private readonly listedSerials = (skus: readonly string[]): ReadonlySet<string> =>
    this.o.skuClasses?.serialRequiredOf(skus) ?? new Set();

  private view(row: SessionRow): PackSession {
    return sessionView(
      {
        store: this.store,
        orders: this.o.orders,
        listedSerials: this.listedSerials,
        photos: this.o.photos,
        photoRequired: () => this.o.photoRequired?.() ?? false,
        risk: (order) => this.risk(order),
      },
      row,
    );
  }
}
